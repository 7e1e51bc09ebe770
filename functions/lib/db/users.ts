/** Users: one profile item, plus an e-mail item that keeps e-mail addresses unique. */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConflictError } from '../../../shared/errors';
import type { Role, User } from '../../../shared/schemas/user';
import { ENTITY, indexKeys, keys, fromItem, INDEX, indexPartitions } from './model';
import type { Database } from './client';
import { named, transactWrite, type ConditionFailures, type TransactItem } from './transact';
import { batchGetAll } from './batch';
import { inactivityPut } from './inactivity';

export class EmailAlreadyUsedError extends ConflictError {
  constructor() {
    super('Un compte existe déjà avec cette adresse e-mail.');
  }
}

/** The condition of an account creation that a failed transaction names. */
export const USER_CONDITION = { emailIsFree: 'user-email-is-free' } as const;

/** The error of a failed transaction that created an account: the address, when that one failed. */
export function userCreationFailure(failed: ConditionFailures): ConflictError {
  return failed.names.has(USER_CONDITION.emailIsFree)
    ? new EmailAlreadyUsedError()
    : new ConflictError('Création impossible : réessayez.');
}

export type NewUser = Pick<User, 'email' | 'role' | 'lessorId' | 'displayName' | 'phone'>;

export function newUser(input: NewUser, now: Date): User {
  const at = now.toISOString();
  return {
    id: ulid(now.getTime()),
    ...input,
    email: input.email.toLowerCase(),
    createdAt: at,
    updatedAt: at,
  };
}

/** The writes that create `user`; add them to a transaction with whatever else must happen. */
export function userCreationItems(db: Database, user: User): TransactItem[] {
  const staff = user.role !== 'tenant' ? indexKeys.staffByRole(user.role, user.email) : {};
  return [
    named(USER_CONDITION.emailIsFree, {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.userEmail(user.email), entity: ENTITY.userEmail, userId: user.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.user(user.id), ...staff, entity: ENTITY.user, ...user },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    // Creation counts as activity: a tenant account that is never used is erased after 24 months.
    ...inactivityPut(db, user, user.createdAt),
  ];
}

export async function createUser(
  db: Database,
  input: NewUser,
  now: Date,
  extra: TransactItem[] = [],
): Promise<User> {
  const user = newUser(input, now);
  await transactWrite(db, [...userCreationItems(db, user), ...extra], userCreationFailure);
  return user;
}

export async function getUser(db: Database, userId: string): Promise<User | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.user(userId) }),
  );
  return Item ? toUser(Item) : undefined;
}

/** These users, by id (those that exist), in one batch read. */
export async function getUsers(
  db: Database,
  userIds: Iterable<string>,
): Promise<Map<string, User>> {
  const items = await batchGetAll(
    db,
    [...new Set(userIds)].map((id) => keys.user(id)),
  );
  return new Map(items.map(toUser).map((user) => [user.id, user]));
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.userEmail(email), ConsistentRead: true }),
  );
  return Item ? getUser(db, String(Item.userId)) : undefined;
}

export async function listStaff(db: Database, role: Role): Promise<User[]> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.staffByRole(role) },
    }),
  );
  return (Items ?? []).map(toUser);
}

export function toUser(item: Record<string, unknown>): User {
  return fromItem<User>(item);
}
