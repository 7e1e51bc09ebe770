/**
 * The market's changes, one item per listing change a matcher instance saw on its stream shard,
 * so that every instance can catch up on the changes other shards brought (`MarketCache.catchUp`).
 * One partition, sorted by the time the change was seen. An entry names the listing and its
 * version, never its content: the instance catching up reads the listing itself, so the log holds
 * no personal data and an erased listing is simply gone. Kept two days (TTL); an instance idle for
 * longer rebuilds its index from the market instead. Vacancy changes are logged the same way, so
 * that an instance reads a vacancy only when one changed (`ChainCache`).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './batch';
import type { Database } from './client';
import { ENTITY, keys } from './model';

export const MARKET_LOG_DAYS = 2;

export interface MarketLogEntry {
  listingId: string;
  /** The listing's version after the change; a deleted listing's is one more than its last. */
  version: number;
  seenAt: string;
}

/** Records a change (idempotent: a redelivered record writes the same item again, at a later time at most). */
export async function appendMarketChange(db: Database, entry: MarketLogEntry): Promise<void> {
  const ttl = Math.floor(Date.parse(entry.seenAt) / 1000) + MARKET_LOG_DAYS * 86_400;
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.marketChange(entry.seenAt, entry.listingId, entry.version),
        entity: ENTITY.marketChange,
        listingId: entry.listingId,
        version: entry.version,
        seenAt: entry.seenAt,
        ttl,
      },
    }),
  );
}

export interface VacancyLogEntry {
  vacancyId: string;
  /** The vacancy's version after the change; a deleted vacancy's is one more than its last. */
  version: number;
  seenAt: string;
}

/** Records a vacancy change (idempotent, as `appendMarketChange`). */
export async function appendVacancyChange(db: Database, entry: VacancyLogEntry): Promise<void> {
  const ttl = Math.floor(Date.parse(entry.seenAt) / 1000) + MARKET_LOG_DAYS * 86_400;
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.marketChange(entry.seenAt, entry.vacancyId, entry.version),
        entity: ENTITY.marketChange,
        vacancyId: entry.vacancyId,
        version: entry.version,
        seenAt: entry.seenAt,
        ttl,
      },
    }),
  );
}

/** Listing and vacancy changes seen after `since` (ISO time), oldest first; strongly consistent, so a change recorded before the read is in it. */
export async function marketLogSince(
  db: Database,
  since: string,
): Promise<{ listings: MarketLogEntry[]; vacancies: VacancyLogEntry[] }> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND sk > :since',
    ExpressionAttributeValues: { ':pk': keys.marketChangesPartition().pk, ':since': since },
    ConsistentRead: true,
  });
  const listings: MarketLogEntry[] = [];
  const vacancies: VacancyLogEntry[] = [];
  for (const item of items) {
    const version = Number(item.version);
    const seenAt = String(item.seenAt);
    if (item.vacancyId !== undefined)
      vacancies.push({ vacancyId: String(item.vacancyId), version, seenAt });
    else listings.push({ listingId: String(item.listingId), version, seenAt });
  }
  return { listings, vacancies };
}

/** Listing changes seen after `since` (ISO time), oldest first. */
export async function marketChangesSince(db: Database, since: string): Promise<MarketLogEntry[]> {
  return (await marketLogSince(db, since)).listings;
}
