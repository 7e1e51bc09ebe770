/** Changes to a user's own profile, and its erasure (GDPR). */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../../../shared/schemas/user';
import { ENTITY, keys } from './model';
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
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, entity: _e, ...user } = Attributes ?? {};
  return user as User;
}

/** Replaces the profile by a tombstone without personal data and frees the e-mail address. */
export async function eraseProfile(db: Database, user: User, now: Date): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.user(user.id), entity: ENTITY.user, id: user.id, role: user.role, createdAt: user.createdAt, updatedAt: now.toISOString(), deletedAt: now.toISOString() },
    }),
  );
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.userEmail(user.email) }));
}
