/**
 * Keeps CINOR's statistics up to date from the table's stream: each listing, match or swap record
 * becomes the events of what changed (shared/stats/events.ts). A batch's sums are combined per
 * stored item — one per month and kind of scope — and written in one transaction with the ids of
 * the changes counted (functions/lib/db/stats-apply.ts): a redelivered, re-split or reordered
 * batch changes nothing, and sums commute. (Per-record transactions with a marker item, and one
 * conditional update per scope's item, were measured slower: docs/benchmarks.md.)
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
import { listingProjections } from '../lib/db/listings';
import { ListingFactsCache } from './listing-facts-cache';
import {
  StatsItemCopies,
  applyChanges,
  compactChangeId,
  type CountedChange,
} from '../lib/db/stats-apply';
import { logger } from '../lib/logger';
import { ENTITY, entityOf } from '../lib/db/model';
import { entityOfRawImage, keyOfRawImage } from '../lib/db/stream-records';
import { newImage, oldImage } from '../lib/stream-image';
import type { AppContext } from '../lib/app-context';

export type StatsDeps = Pick<AppContext, 'db' | 'now'>;

/** The record's stable id: the item's key and the record's sequence number (the same on redelivery). */
export function changeIdOf(record: DynamoDBRecord): string {
  const { pk, sk } = keyOfRawImage(record.dynamodb?.Keys);
  return `${pk}|${sk}|${record.dynamodb?.SequenceNumber ?? record.eventID ?? ''}`;
}

/** What statistics read of a listing (listingFactsOf): its dwelling and household only. */
const LISTING_FACTS = 'id, dwelling, household, publishedAt';

/**
 * The listings the images name: those of the batch's own listing records, those kept from earlier
 * batches, and the others read once for the whole batch.
 */
async function lookupFor(db: Database, images: Array<Item | undefined>, kept: ListingFactsCache) {
  const found = new Map<string, ListingFacts>();
  for (const image of images) {
    const facts = image && entityOf(image) === ENTITY.listing ? listingFactsOf(image) : undefined;
    if (facts) found.set(facts.id, facts);
  }
  const missing: string[] = [];
  for (const id of new Set(images.flatMap(listingIdsNamedBy))) {
    if (found.has(id)) continue;
    const facts = kept.get(id);
    if (facts) found.set(id, facts);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const items = await listingProjections(db, missing, LISTING_FACTS);
    for (const item of items) {
      const facts = listingFactsOf(item);
      if (facts) found.set(facts.id, facts);
    }
  }
  for (const facts of found.values()) kept.set(facts);
  return (id: string) => found.get(id);
}

/** The images of a record statistics follow (listings, matches, swaps; never a removal). */
function imagesOf(record: DynamoDBRecord): { before?: Item; after?: Item } | undefined {
  // Listings, matches and swaps are never deleted but by the TTL purge of personal data, 12
  // months after a listing ends: the statistics outlive it (a later rebuild cannot see them).
  if (record.eventName === 'REMOVE') return undefined;
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  if (!STATS_SOURCES.has(entityOfRawImage(image) ?? '')) return undefined;
  return { before: oldImage(record), after: newImage(record) };
}

/** Applies a batch of records (each at most once, whatever was applied before). */
export async function aggregateRecords(
  deps: StatsDeps,
  records: DynamoDBRecord[],
  kept = new ListingFactsCache(),
  copies = new StatsItemCopies(),
): Promise<void> {
  const changes = new Map<string, { record: DynamoDBRecord; before?: Item; after?: Item }>();
  for (const record of records) {
    const images = imagesOf(record);
    if (images) changes.set(changeIdOf(record), { record, ...images });
  }
  if (changes.size === 0) return;
  const lookup = await lookupFor(
    deps.db,
    [...changes.values()].flatMap(({ before, after }) => [before, after]),
    kept,
  );
  const counted: CountedChange[] = [];
  for (const [id, { record, before, after }] of changes) {
    const cells = cellsOf(changeOf({ id, before, after }, lookup));
    if (cells.size === 0) continue;
    counted.push({
      id: compactChangeId(id),
      createdAt: Math.floor(record.dynamodb?.ApproximateCreationDateTime ?? 0),
      cells,
    });
  }
  await applyChanges(deps.db, counted, deps.now(), copies);
}

/**
 * The batch is one unit, not records handled one by one as Powertools' BatchProcessor does
 * (functions/lib/stream-batch.ts): its facts are combined per statistics item before one write
 * each, so a failure reports the whole batch from its first record.
 */
export function createStatsAggregator(deps: StatsDeps) {
  const kept = new ListingFactsCache();
  const copies = new StatsItemCopies();
  return async function aggregateFromStream(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    try {
      await aggregateRecords(deps, event.Records, kept, copies);
      return { batchItemFailures: [] };
    } catch (error) {
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      logger.error('statistics not updated for a batch', { error, sequenceNumber: first });
      // Lambda delivers the whole batch again; what was applied is recognised by its ids.
      return { batchItemFailures: [{ itemIdentifier: first ?? '' }] };
    }
  };
}
