/** Sign-in links, revoked sessions and rate-limit counters. */
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../../../shared/schemas/user';
import { ENTITY, keys, ttlAt } from './model';
import { toUser } from './users';
import type { Database } from './client';
import { writtenUnlessCondition, type TransactItem } from './transact';

export interface LoginTokenItem {
  email: string;
  expiresAt: string;
  usedAt?: string;
}

export function loginTokenPut(
  db: Database,
  hash: string,
  email: string,
  expiresAt: Date,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.loginToken(hash),
        entity: ENTITY.loginToken,
        email,
        expiresAt: expiresAt.toISOString(),
        ttl: ttlAt(expiresAt) + 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Marks the token used; returns its e-mail, or undefined if unknown, used or expired. */
export async function consumeLoginToken(
  db: Database,
  hash: string,
  now: Date,
): Promise<string | undefined> {
  try {
    const { Attributes } = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.loginToken(hash),
        // The address is not kept once the link has served.
        UpdateExpression: 'SET usedAt = :now REMOVE email',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes ? String(Attributes.email) : undefined;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

export async function revokeSession(db: Database, sessionId: string, until: Date): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.revokedSession(sessionId),
        entity: ENTITY.revokedSession,
        ttl: ttlAt(until) + 3600,
      },
    }),
  );
}

export async function isSessionRevoked(db: Database, sessionId: string): Promise<boolean> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.revokedSession(sessionId) }),
  );
  return Item !== undefined;
}

/**
 * Counts one event in a fixed window; false when the window already holds `limit` events.
 * The conditional increment makes the limit exact under concurrent requests.
 */
export async function takeRateLimit(
  db: Database,
  rule: { scope: string; subject: string; limit: number; windowSeconds: number },
  now: Date,
): Promise<boolean> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  return writtenUnlessCondition(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.rateLimit(rule.scope, rule.subject, windowStart),
        UpdateExpression: 'SET entity = :entity, #ttl = :ttl ADD hits :one',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':entity': ENTITY.rateLimit,
          ':ttl': ttlAt(new Date(windowStart + windowMs)) + 60,
          ':one': 1,
          ':limit': rule.limit,
        },
      }),
    ),
  );
}

/**
 * What a session needs on every request, in one read: whether it was revoked, its account, and
 * the tenant's active listing (most tenant pages start from it: docs/data-model.md, budgets).
 */
export async function readSessionHolder(
  db: Database,
  userId: string,
  sessionId: string,
): Promise<{ revoked: boolean; user?: User; activeListingId?: string }> {
  const userKey = keys.user(userId);
  const revokedKey = keys.revokedSession(sessionId);
  const activeKey = keys.activeListing(userId);
  const { Responses } = await db.doc.send(
    new BatchGetCommand({
      RequestItems: { [db.tableName]: { Keys: [userKey, revokedKey, activeKey] } },
    }),
  );
  const items = Responses?.[db.tableName] ?? [];
  const found = (key: { pk: string; sk: string }) =>
    items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const userItem = found(userKey);
  const active = found(activeKey);
  return {
    revoked: found(revokedKey) !== undefined,
    ...(userItem ? { user: toUser(userItem) } : {}),
    ...(active ? { activeListingId: String(active.listingId) } : {}),
  };
}
