/**
 * The market's changes, one item per listing change a matcher instance saw on its stream shard,
 * so that every instance can catch up on the changes other shards brought (`MarketCache.catchUp`).
 * One partition, sorted by the time the change was seen: a listing change is a few hundred bytes
 * and the market changes a few thousand times a day. Kept two days (TTL); an instance idle for
 * longer rebuilds its index from the market instead.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Listing } from '../../../shared/schemas/listing';
import { queryAll } from './batch';
import type { Database } from './client';
import { toListing } from './listings';
import { ENTITY, keys } from './model';

export const MARKET_LOG_DAYS = 2;

export interface MarketLogEntry {
  listingId: string;
  /** The listing's version after the change; a deleted listing's is one more than its last. */
  version: number;
  /** The listing as it is now; absent when it was deleted. */
  listing?: Listing;
  seenAt: string;
}

/** Records a change (idempotent: a redelivered record writes the same item again, at a later time at most). */
export async function appendMarketChange(db: Database, entry: MarketLogEntry): Promise<void> {
  const ttl = Math.floor(Date.parse(entry.seenAt) / 1000) + MARKET_LOG_DAYS * 86_400;
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.marketChange(entry.seenAt, entry.listingId, entry.version), entity: ENTITY.marketChange, ...entry, ttl },
    }),
  );
}

/** Changes seen after `since` (ISO time), oldest first; strongly consistent, so a change recorded before the read is in it. */
export async function marketChangesSince(db: Database, since: string): Promise<MarketLogEntry[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND sk > :since',
    ExpressionAttributeValues: { ':pk': keys.marketChangesPartition().pk, ':since': since },
    ConsistentRead: true,
  });
  return items.map((item) => ({
    listingId: String(item.listingId),
    version: Number(item.version),
    seenAt: String(item.seenAt),
    ...(item.listing ? { listing: toListing(item.listing as Record<string, unknown>) } : {}),
  }));
}
