/**
 * Keeps CINOR's statistics up to date from the table's stream: each listing, match or swap record
 * becomes the events of what changed (shared/stats/events.ts), whose sums are added in one
 * transaction with a marker of the record's id. A redelivered record changes nothing; records of
 * different items, or replayed out of order, give the same totals (sums commute). (Combining a
 * batch's sums into transactions of 100 items was measured slower on DynamoDB Local:
 * docs/benchmarks.md.)
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  STATS_SOURCES,
  cellsOf,
  changeOf,
  listingFactsOf,
  listingIdsNamedBy,
  type Item,
  type ListingFacts,
} from '../../shared/stats/index';
import type { Database } from '../lib/db/client';
import { getListings } from '../lib/db/listings';
import { applyStatsChange } from '../lib/db/stats';
import { logger } from '../lib/logger';
import { newImage, oldImage, stringAttribute } from '../lib/stream-image';

export interface StatsDeps {
  db: Database;
  now: () => Date;
}

/** The record's stable id: the item's key and the record's sequence number (the same on redelivery). */
export function changeIdOf(record: DynamoDBRecord): string {
  const keys = record.dynamodb?.Keys as Record<string, { S?: string }> | undefined;
  return `${keys?.pk?.S ?? ''}|${keys?.sk?.S ?? ''}|${record.dynamodb?.SequenceNumber ?? record.eventID ?? ''}`;
}

async function lookupFor(db: Database, ...images: Array<Item | undefined>) {
  const ids = [...new Set(images.flatMap(listingIdsNamedBy))];
  const found = new Map<string, ListingFacts>();
  if (ids.length > 0) {
    for (const listing of (await getListings(db, ids)).values()) {
      const facts = listingFactsOf(listing as unknown as Item);
      if (facts) found.set(facts.id, facts);
    }
  }
  return (id: string) => found.get(id);
}

/** The images of a record statistics follow (listings, matches, swaps; never a removal). */
function imagesOf(record: DynamoDBRecord): { before?: Item; after?: Item } | undefined {
  // Listings, matches and swaps are never deleted but by the TTL purge of personal data, 12
  // months after a listing ends: the statistics outlive it (a later rebuild cannot see them).
  if (record.eventName === 'REMOVE') return undefined;
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  if (!STATS_SOURCES.has(stringAttribute(image, 'entity') ?? '')) return undefined;
  return { before: oldImage(record), after: newImage(record) };
}

/** Applies one record; returns whether counters changed. */
export async function aggregateRecord(deps: StatsDeps, record: DynamoDBRecord): Promise<boolean> {
  const images = imagesOf(record);
  if (!images) return false;
  const { before, after } = images;
  const change = changeOf(
    { id: changeIdOf(record), before, after },
    await lookupFor(deps.db, before, after),
  );
  const cells = cellsOf(change);
  if (cells.size === 0) return false;
  return applyStatsChange(deps.db, change.id, cells, deps.now());
}

export function createStatsAggregator(deps: StatsDeps) {
  return async function aggregateFromStream(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    for (const record of event.Records) {
      try {
        await aggregateRecord(deps, record);
      } catch (error) {
        logger.error('statistics not updated for a record', {
          error,
          sequenceNumber: record.dynamodb?.SequenceNumber,
        });
        // Lambda retries from this record; the ones before it are applied and marked.
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}
