/**
 * The inactivity calendar: each tenant account has one entry under the UTC day it will be erased
 * if nobody signs in before (`DORMANT#<yyyy-mm-dd>` / userId), 24 months after its last activity.
 * Account creation writes the first; a sign-in on a new day moves it, in one transaction with the
 * profile's `lastActiveAt`. The inactive-accounts job reads a few days of it, never the table.
 */
import { addMonths } from 'date-fns';
import { queryAll } from './batch';
import type { User } from '../../../shared/schemas/user';
import { ENTITY, keys } from './model';
import type { Database } from './client';
import { transactWrite, type TransactItem } from './transact';

export const INACTIVITY_MONTHS = 24;
export const INACTIVITY_WARNING_DAYS = 30;

export interface InactivityEntry {
  userId: string;
  lastActiveAt: string;
  erasesAt: string;
  warnedAt?: string;
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export const erasureDateAfter = (lastActiveAt: string) =>
  addMonths(new Date(lastActiveAt), INACTIVITY_MONTHS);

export function inactivityKey(userId: string, lastActiveAt: string) {
  return keys.inactivity(dayOf(erasureDateAfter(lastActiveAt)), userId);
}

/** The entry of an account active at `lastActiveAt` (tenants only: staff accounts are Armos's to close). */
export function inactivityPut(
  db: Database,
  user: Pick<User, 'id' | 'role'>,
  lastActiveAt: string,
): TransactItem[] {
  if (user.role !== 'tenant') return [];
  const entry: InactivityEntry = {
    userId: user.id,
    lastActiveAt,
    erasesAt: erasureDateAfter(lastActiveAt).toISOString(),
  };
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...inactivityKey(user.id, lastActiveAt), entity: ENTITY.inactivity, ...entry },
      },
    },
  ];
}

/** Records activity: the profile's `lastActiveAt` and the entry moved to 24 months from `at` (once a day at most). */
export async function recordActivity(db: Database, user: User, at: Date): Promise<void> {
  const last = user.lastActiveAt ?? user.createdAt;
  if (user.role !== 'tenant' || dayOf(new Date(last)) >= dayOf(at)) return;
  await transactWrite(db, [
    {
      Update: {
        TableName: db.tableName,
        Key: keys.user(user.id),
        UpdateExpression: 'SET lastActiveAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      },
    },
    { Delete: { TableName: db.tableName, Key: inactivityKey(user.id, last) } },
    ...inactivityPut(db, user, at.toISOString()),
  ]);
}

export async function inactivityEntriesOn(db: Database, day: string): Promise<InactivityEntry[]> {
  return (await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.inactivityDay(day).pk },
  })) as unknown as InactivityEntry[];
}

/** Records the warning as sent, once, for this period of inactivity only. */
export function inactivityWarnedUpdate(
  db: Database,
  entry: InactivityEntry,
  now: Date,
): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: inactivityKey(entry.userId, entry.lastActiveAt),
      UpdateExpression: 'SET warnedAt = :now',
      ConditionExpression: 'lastActiveAt = :last AND attribute_not_exists(warnedAt)',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':last': entry.lastActiveAt },
    },
  };
}

export function inactivityEntryDelete(
  db: Database,
  entry: Pick<InactivityEntry, 'userId' | 'lastActiveAt'>,
): TransactItem {
  return {
    Delete: { TableName: db.tableName, Key: inactivityKey(entry.userId, entry.lastActiveAt) },
  };
}

/**
 * Moves an account's entry on to activity other than a sign-in (a listing's change at
 * `activeAt`), with the profile's `lastActiveAt`, unless the account signed in since `entry` was
 * read or is gone.
 */
export function inactivityMoveItems(
  db: Database,
  user: Pick<User, 'id' | 'role'>,
  entry: InactivityEntry,
  activeAt: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.tableName,
        Key: keys.user(user.id),
        UpdateExpression: 'SET lastActiveAt = :at',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(lastActiveAt) OR lastActiveAt = :last)',
        ExpressionAttributeValues: { ':at': activeAt, ':last': entry.lastActiveAt },
      },
    },
    inactivityEntryDelete(db, entry),
    ...inactivityPut(db, user, activeAt),
  ];
}
