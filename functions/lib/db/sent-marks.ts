/**
 * Marks that a job's mail went, each written in the mail's transaction on condition that it does
 * not exist yet: whatever the retries or a second run, the mail goes once. A mark expires once no
 * run could send its mail again.
 */
import { ENTITY, keys, ttlAt, type Entity, type ItemKey } from './model';
import type { Database } from './client';
import type { TransactItem } from './transact';

const DAY_SECONDS = 86_400;

/** A mark kept `keptDays`; the transaction fails on the condition when it exists already. */
export function sentMarkPut(
  db: Database,
  key: ItemKey,
  entity: Entity,
  now: Date,
  keptDays: number,
  attributes: Record<string, unknown> = {},
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: { ...key, entity, ...attributes, ttl: ttlAt(now) + keptDays * DAY_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A lessor's digest of `day` went (functions/scheduler/lessor-digests.ts). */
export function lessorDigestSentPut(
  db: Database,
  lessorId: string,
  day: string,
  now: Date,
): TransactItem {
  return sentMarkPut(db, keys.lessorDigestSent(lessorId, day), ENTITY.lessorDigest, now, 30, {
    sentAt: now.toISOString(),
  });
}

/** A reception agent's queue mail of `day` went (functions/scheduler/agent-queues.ts). */
export function agentQueueMailSentPut(
  db: Database,
  agentId: string,
  day: string,
  now: Date,
): TransactItem {
  return sentMarkPut(db, keys.agentQueueMail(agentId, day), ENTITY.agentQueueMail, now, 30);
}
