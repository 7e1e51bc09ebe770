/**
 * Outgoing mails are items written in the same transaction as the state change that causes
 * them; the notifier (a stream handler) sends them. See functions/notifier.
 *
 * A mail's content and address are kept only until it is sent: the item that stays holds its
 * kind, dates and SES message id, nothing personal (a sign-in link is never readable from the
 * table once mailed). Every item expires by TTL `OUTBOX_RETENTION_DAYS` after its creation.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ENTITY, indexKeys, keys, ttlAt, INDEX, indexPartitions } from './model';
import type { Database } from './client';
import { writtenUnlessCondition, type TransactItem } from './transact';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What kind of mail, for logs and statistics (never the content). */
  kind: string;
}

export type MailStatus = 'pending' | 'sending' | 'sent';

/** Days an outbox item lives (sent or not): the sweep has long given up on a mail by then. */
export const OUTBOX_RETENTION_DAYS = 7;

/** What a sent mail no longer keeps. */
const CONTENT_ATTRIBUTES = ['to', 'subject', 'text', 'html', 'lastError'] as const;

export interface OutboxItem extends OutgoingMail {
  id: string;
  status: MailStatus;
  attempts: number;
  createdAt: string;
  claimedAt?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
}

/** The Put to add to a transaction so that `mail` is sent once the transaction commits. */
export function outboxPut(db: Database, mail: OutgoingMail, now = new Date()): TransactItem {
  const id = ulid(now.getTime());
  const createdAt = now.toISOString();
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.outbox(id),
        ...indexKeys.pendingMail(createdAt),
        entity: ENTITY.outbox,
        id,
        ...mail,
        status: 'pending',
        attempts: 0,
        createdAt,
        ttl: ttlAt(now) + OUTBOX_RETENTION_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getOutboxItem(db: Database, id: string): Promise<OutboxItem | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.outbox(id), ConsistentRead: true }),
  );
  return Item as OutboxItem | undefined;
}

/**
 * Takes the right to send a mail: succeeds for a pending mail, or one whose previous sender
 * has held it longer than `leaseMs` (it crashed). Fails for a mail already sent, so a
 * redelivered stream record sends nothing twice.
 */
export async function claimMail(
  db: Database,
  id: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  return writtenUnlessCondition(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.outbox(id),
        UpdateExpression: 'SET #status = :sending, claimedAt = :now ADD attempts :one',
        ConditionExpression:
          'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND claimedAt < :expired))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':now': now.toISOString(),
          ':expired': new Date(now.getTime() - leaseMs).toISOString(),
          ':one': 1,
        },
      }),
    ),
  );
}

/**
 * Records the mail as sent and drops its address and content, in one write. A mail erased with
 * its recipient's account while it was being sent stays erased.
 */
export async function markMailSent(
  db: Database,
  id: string,
  messageId: string,
  now: Date,
): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.outbox(id),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: `SET #status = :sent, sentAt = :now, messageId = :messageId REMOVE gsi1pk, gsi1sk, ${CONTENT_ATTRIBUTES.map((name) => `#${name}`).join(', ')}`,
        ExpressionAttributeNames: {
          '#status': 'status',
          ...Object.fromEntries(CONTENT_ATTRIBUTES.map((name) => [`#${name}`, name])),
        },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':now': now.toISOString(),
          ':messageId': messageId,
        },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** Gives the mail back after a failed attempt, so a retry or the sweeper sends it later. */
export async function releaseMail(db: Database, id: string, reason: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.outbox(id),
      UpdateExpression: 'SET #status = :pending, lastError = :reason',
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pending': 'pending',
        ':sending': 'sending',
        ':reason': reason.slice(0, 500),
      },
    }),
  );
}

/** Mails not sent yet, oldest first, created before `before` (for the sweeper). */
export async function listUnsentMail(
  db: Database,
  before: Date,
  limit = 100,
): Promise<OutboxItem[]> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.pendingMail,
        ':before': before.toISOString(),
      },
      Limit: limit,
    }),
  );
  return (Items ?? []) as OutboxItem[];
}
