/**
 * The digest queue: each tenant's proposals found since their last "nouvelles propositions" mail
 * (a string set grown by ADD, so concurrent fan-outs never lose one), and the time that mail went.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './client';
import { batchGetAll, queryAll } from './batch';
import { ENTITY, indexKeys, keys, INDEX, indexPartitions } from './model';
import { transactUnlessDone, type TransactItem } from './transact';

export interface DigestQueue {
  ownerId: string;
  matchIds: string[];
  /** Bumped by every addition: the queue is emptied only if nothing was added since it was read. */
  version: number;
}

/**
 * Adds proposals to the owner's queue while their account exists: a proposal found from a lagging
 * stream record must not bring back a queue for an account erased meanwhile. False when it is gone.
 */
export async function enqueueProposals(
  db: Database,
  ownerId: string,
  matchIds: string[],
): Promise<boolean> {
  if (matchIds.length === 0) return true;
  return transactUnlessDone(db, [
    {
      ConditionCheck: {
        TableName: db.tableName,
        Key: keys.user(ownerId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    {
      Update: {
        TableName: db.tableName,
        Key: keys.proposalDigestQueue(ownerId),
        UpdateExpression:
          'ADD matchIds :ids, version :one SET entity = :entity, ownerId = :owner, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
        ExpressionAttributeValues: {
          ':ids': new Set(matchIds),
          ':one': 1,
          ':entity': ENTITY.matchDigest,
          ':owner': ownerId,
          ...prefixed(indexKeys.pendingDigest(ownerId)),
        },
      },
    },
  ]);
}

const prefixed = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [`:${name}`, value]));

export async function getDigestQueue(
  db: Database,
  ownerId: string,
): Promise<DigestQueue | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.proposalDigestQueue(ownerId),
      ConsistentRead: true,
    }),
  );
  if (!Item) return undefined;
  return {
    ownerId,
    matchIds: [...((Item.matchIds as Set<string> | undefined) ?? [])],
    version: Number(Item.version ?? 0),
  };
}

/** Owners whose queue holds proposals, from the sparse index. */
export async function ownersWithPendingProposals(db: Database): Promise<string[]> {
  const items = await queryAll(db, {
    IndexName: INDEX.byParent,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': indexPartitions.pendingDigest },
    ProjectionExpression: 'ownerId',
  });
  return items.map((item) => String(item.ownerId));
}

/** Empties the queue, unless proposals were added after it was read (they wait for the next run). */
export function digestQueueDelete(db: Database, queue: DigestQueue): TransactItem {
  return {
    Delete: {
      TableName: db.tableName,
      Key: keys.proposalDigestQueue(queue.ownerId),
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': queue.version },
    },
  };
}

export async function lastDigestSentAt(db: Database, ownerId: string): Promise<Date | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.proposalDigestSent(ownerId),
      ConsistentRead: true,
    }),
  );
  return typeof Item?.sentAt === 'string' ? new Date(Item.sentAt) : undefined;
}

/** When each owner's last digest went (owners never sent one are absent), in one batch read. */
export async function lastDigestsSentAt(
  db: Database,
  ownerIds: readonly string[],
): Promise<Map<string, Date>> {
  const ownerOf = new Map(ownerIds.map((id) => [keys.proposalDigestSent(id).pk, id]));
  const items = await batchGetAll(
    db,
    ownerIds.map((ownerId) => keys.proposalDigestSent(ownerId)),
    { consistent: true },
  );
  const sent = new Map<string, Date>();
  for (const item of items) {
    const ownerId = ownerOf.get(String(item.pk));
    if (ownerId && typeof item.sentAt === 'string') sent.set(ownerId, new Date(item.sentAt));
  }
  return sent;
}

/** Records the mail sent now, on condition that the previous one is the one the decision was made on. */
export function digestSentPut(
  db: Database,
  ownerId: string,
  previous: Date | undefined,
  now: Date,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.proposalDigestSent(ownerId),
        entity: ENTITY.matchDigest,
        sentAt: now.toISOString(),
      },
      ConditionExpression: previous ? 'sentAt = :previous' : 'attribute_not_exists(pk)',
      ...(previous ? { ExpressionAttributeValues: { ':previous': previous.toISOString() } } : {}),
    },
  };
}
