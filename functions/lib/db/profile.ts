/** Changes to a user's own profile, and its erasure (GDPR). */
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './batch';
import type { User } from '../../../shared/schemas/user';
import { inactivityKey } from './inactivity';
import { keys, fromItem } from './model';
import type { Database } from './client';

export async function updateProfile(
  db: Database,
  userId: string,
  changes: { displayName?: string; phone?: string; notifications?: User['notifications'] },
  now: Date,
): Promise<User> {
  const sets = ['updatedAt = :now'];
  const removes: string[] = [];
  const values: Record<string, unknown> = { ':now': now.toISOString() };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === '') removes.push(field);
    else {
      sets.push(`${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  const { Attributes } = await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.user(userId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  return fromItem<User>(Attributes ?? {});
}

/**
 * Deletes the account's own items: everything under `USER#<id>` (profile, one-active-listing
 * guard, digest markers), its inactivity calendar entry, the e-mail's uniqueness item and its sign-in
 * rate-limit windows. A session of the account is refused from then on (no profile).
 */
export async function eraseAccountItems(db: Database, user: User): Promise<void> {
  const own = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.user(user.id).pk },
    ProjectionExpression: 'pk, sk',
  });
  const limits = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.rateLimit('login-email', user.email, 0).pk },
    ProjectionExpression: 'pk, sk',
  });
  const lastActiveAt = user.lastActiveAt ?? user.createdAt;
  const items = [
    ...own,
    ...limits,
    keys.userEmail(user.email),
    inactivityKey(user.id, lastActiveAt),
  ].map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
  for (let start = 0; start < items.length; start += 25) {
    let pending = items.slice(start, start + 25);
    while (pending.length > 0) {
      const result = await db.doc.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }),
      );
      pending = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
    }
  }
}
