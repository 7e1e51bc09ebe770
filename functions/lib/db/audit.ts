/** The audit trail: one item per sign-in and per staff decision, readable by Armos. */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { AuditEntryView } from '../../../shared/schemas/supervision';
import {
  ENTITY,
  indexKeys,
  keys,
  fromItem,
  INDEX,
  indexPartitions,
  ttlAt,
  type ItemKey,
} from './model';
import type { Database } from './client';
import { transactWrite, type TransactItem } from './transact';
import { queryAll } from './batch';

export type AuditItem = AuditEntryView;
/** What a writer states; the trail adds the entry's id and time. */
export type AuditEntry = Omit<AuditItem, 'id' | 'at'>;

/** An entry of the trail; `keptDays` for the kinds that expire (a client's calls), else kept. */
export function auditPut(
  db: Database,
  entry: AuditEntry,
  now: Date,
  keptDays?: number,
): TransactItem {
  const id = ulid(now.getTime());
  const at = now.toISOString();
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.audit(entry.subject, at, id),
        ...indexKeys.auditByActor(entry.actorId, at),
        ...indexKeys.auditByMonth(at),
        entity: ENTITY.audit,
        id,
        at,
        ...entry,
        ...(keptDays === undefined ? {} : { ttl: ttlAt(now) + keptDays * 86_400 }),
      },
    },
  };
}

/** Writes one entry on its own (outside any change it records). */
export async function putAuditEntry(
  db: Database,
  entry: AuditEntry,
  now: Date,
  keptDays?: number,
): Promise<void> {
  await db.doc.send(new PutCommand(auditPut(db, entry, now, keptDays).Put!));
}

export async function auditOfSubject(
  db: Database,
  subject: string,
  limit = 100,
): Promise<AuditItem[]> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditOf(subject).pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map(strip);
}

export async function auditOfActor(
  db: Database,
  actorId: string,
  limit = 100,
): Promise<AuditItem[]> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.auditByActor(actorId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map(strip);
}

export function strip(item: Record<string, unknown>): AuditItem {
  return fromItem<AuditItem>(item);
}

/** Every audit entry by the person or about their account. */
export async function auditEntriesOf(
  db: Database,
  userId: string,
): Promise<Array<AuditItem & ItemKey>> {
  const byActor = await queryAll(db, {
    IndexName: INDEX.byParent,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': indexPartitions.auditByActor(userId) },
  });
  const about = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.auditOf(`user:${userId}`).pk },
  });
  const unique = new Map(
    [...byActor, ...about].map((item) => [`${item.pk}\u0000${item.sk}`, item]),
  );
  return [...unique.values()] as unknown as Array<AuditItem & ItemKey>;
}

/**
 * Rewrites an entry under another actor and subject (erasure's pseudonym): its key and actor index
 * follow them, the rest of the item stays as stored (its month's index, its expiry). Returns the
 * old key when the new one differs: the caller deletes it once the new item is written.
 */
export async function reassignAuditEntry(
  db: Database,
  entry: AuditItem & ItemKey,
  actorId: string,
  subject: string,
): Promise<ItemKey | undefined> {
  const {
    pk,
    sk,
    gsi1pk: _gsi1pk,
    gsi1sk: _gsi1sk,
    ...rest
  } = entry as AuditItem & ItemKey & Record<string, unknown>;
  const item = {
    ...rest,
    ...keys.audit(subject, rest.at, rest.id),
    ...indexKeys.auditByActor(actorId, rest.at),
    entity: ENTITY.audit,
    actorId,
    subject,
  };
  await transactWrite(db, [{ Put: { TableName: db.tableName, Item: item } }]);
  return item.pk !== pk || item.sk !== sk ? { pk, sk } : undefined;
}
