/**
 * The expiry calendar: one small item per published listing under the UTC day its publication
 * lapses (`EXPIRY#<yyyy-mm-dd>` / listingId), written in the same transaction as the publication
 * or renewal that sets `expiresAt`. The expiry job reads a few days of it instead of scanning
 * listings, and records on it which reminders went out (conditional writes: never twice).
 */
import { queryAll } from './batch';
import type { Listing } from '../../../shared/schemas/listing';
import { ENTITY, keys } from './model';
import type { Database } from './client';
import type { TransactItem } from './transact';

export interface ExpiryScheduleItem {
  listingId: string;
  expiresAt: string;
  /** Reminder days already sent for this period (e.g. `remindedD30`), with when. */
  [reminded: `remindedD${number}`]: string | undefined;
}

export const expiryDayOf = (instant: string | Date) =>
  (typeof instant === 'string' ? new Date(instant) : instant).toISOString().slice(0, 10);

const reminderAttribute = (days: number) => `remindedD${days}` as const;

const scheduled = (listing: Listing) =>
  listing.status === 'published' && listing.expiresAt !== undefined;

const scheduleKey = (listing: Listing) =>
  keys.expirySchedule(expiryDayOf(listing.expiresAt!), listing.id);

/**
 * The writes that keep the calendar in step with a listing's change from `before` to `after`:
 * the old entry goes, a new one (with no reminder sent) comes for a new period.
 */
export function expiryScheduleItems(db: Database, before: Listing, after: Listing): TransactItem[] {
  const oldKey = scheduled(before) ? scheduleKey(before) : undefined;
  const newKey = scheduled(after) ? scheduleKey(after) : undefined;
  const items: TransactItem[] = [];
  // One transaction cannot touch an item twice: the same day is overwritten, not deleted then put.
  if (oldKey && oldKey.pk !== newKey?.pk)
    items.push({ Delete: { TableName: db.tableName, Key: oldKey } });
  if (newKey && (!oldKey || before.expiresAt !== after.expiresAt)) {
    items.push({
      Put: {
        TableName: db.tableName,
        Item: {
          ...newKey,
          entity: ENTITY.expirySchedule,
          listingId: after.id,
          expiresAt: after.expiresAt,
        },
      },
    });
  }
  return items;
}

/** The calendar entries of one UTC day. */
export async function scheduledOn(db: Database, day: string): Promise<ExpiryScheduleItem[]> {
  return (await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.expiryDay(day).pk },
  })) as unknown as ExpiryScheduleItem[];
}

export function reminderSent(entry: ExpiryScheduleItem, days: number): boolean {
  return entry[reminderAttribute(days)] !== undefined;
}

/**
 * Records reminder `days` (and the earlier ones it makes pointless, `alsoDays`) as sent; the
 * transaction fails if it was already recorded or the entry belongs to another period.
 */
export function reminderSentUpdate(
  db: Database,
  entry: ExpiryScheduleItem,
  days: number,
  alsoDays: number[],
  now: Date,
): TransactItem {
  const all = [...new Set([days, ...alsoDays])];
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.expirySchedule(expiryDayOf(entry.expiresAt), entry.listingId),
      UpdateExpression: `SET ${all.map((_, index) => `#r${index} = :now`).join(', ')}`,
      ConditionExpression:
        'attribute_exists(pk) AND expiresAt = :expiresAt AND attribute_not_exists(#r0)',
      ExpressionAttributeNames: Object.fromEntries(
        all.map((d, index) => [`#r${index}`, reminderAttribute(d)]),
      ),
      ExpressionAttributeValues: { ':now': now.toISOString(), ':expiresAt': entry.expiresAt },
    },
  };
}

/** Removes an entry of the period `entry.expiresAt` (no-op if it was replaced meanwhile). */
export function scheduleEntryDelete(db: Database, entry: ExpiryScheduleItem): TransactItem {
  return {
    Delete: {
      TableName: db.tableName,
      Key: keys.expirySchedule(expiryDayOf(entry.expiresAt), entry.listingId),
      ConditionExpression: 'expiresAt = :expiresAt',
      ExpressionAttributeValues: { ':expiresAt': entry.expiresAt },
    },
  };
}
