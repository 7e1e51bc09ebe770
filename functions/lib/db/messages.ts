/** Messages between the participants of a mutual proposal. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ENTITY, keys, ttlAt, fromItem } from './model';
import type { Database } from './client';
import type { TransactItem } from './transact';
import { queryAll } from './batch';

export interface StoredMessage {
  id: string;
  matchId: string;
  authorListingId: string;
  authorId: string;
  text: string;
  sentAt: string;
}

export function messagePut(
  db: Database,
  message: Omit<StoredMessage, 'id'>,
  now: Date,
): { item: TransactItem; message: StoredMessage } {
  const stored = { ...message, id: ulid(now.getTime()) };
  return {
    message: stored,
    item: {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.message(message.matchId, message.sentAt, stored.id),
          entity: ENTITY.message,
          ...stored,
        },
      },
    },
  };
}

/** At most one "new message" mail per thread, recipient and hour: a conditional marker. */
export function messageNoticePut(
  db: Database,
  matchId: string,
  recipientId: string,
  hour: string,
  now: Date,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.messageNotice(matchId, recipientId, hour),
        entity: ENTITY.messageNotice,
        ttl: ttlAt(now) + 2 * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function messagesOf(
  db: Database,
  matchId: string,
  limit = 200,
): Promise<StoredMessage[]> {
  const prefix = keys.messagesPrefix(matchId);
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => fromItem<StoredMessage>(item)).reverse();
}

/** Every message of a proposal's thread, oldest first. */
export async function messagesOfThread(db: Database, matchId: string): Promise<StoredMessage[]> {
  const prefix = keys.messagesPrefix(matchId);
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
  });
  return items.map((item) => fromItem<StoredMessage>(item));
}
