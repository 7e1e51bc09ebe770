/**
 * Finds proposals as soon as a listing is published or changed, from the table's stream: the
 * listing's best K cycles are stored and announced, its broken proposals closed; a listing that
 * leaves the market has its proposals suspended until it returns.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { takesPartInMatching } from '../../shared/listing/lifecycle';
import type { ReferenceData } from '../../shared/reference/index';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../lib/db/client';
import { toListing } from '../lib/db/listings';
import { ENTITY } from '../lib/db/model';
import { logger } from '../lib/logger';
import { announceNewProposals } from '../lib/matching/digest';
import { MarketCache, candidateOf } from '../lib/matching/market-cache';
import { refreshSummaries, revisitProposalsOf, storeBestProposals, suspendProposalsOf } from '../lib/matching/proposals';
import { newImage, oldImage, stringAttribute } from '../lib/stream-image';

export interface MatcherDeps {
  db: Database;
  now: () => Date;
  appUrl: string;
  reference: () => Promise<ReferenceData>;
  proposalsPerListing?: number;
  cache?: MarketCache;
  /** Time given, after each batch, to refresh other listings' counts. */
  summaryBudgetMs?: number;
}

const matchingFields = (listing: Listing) => JSON.stringify([listing.dwelling, listing.household, listing.wishes, listing.ownerId]);

export async function onListingChanged(deps: MatcherDeps & { cache: MarketCache }, before: Listing | undefined, after: Listing | undefined): Promise<void> {
  const now = deps.now();
  const index = await deps.cache.get(deps.db, await deps.reference(), now);
  const store = { db: deps.db, now: deps.now, proposalsPerListing: deps.proposalsPerListing ?? 50 };
  const wasIn = before !== undefined && takesPartInMatching(before, now);
  const isIn = after !== undefined && takesPartInMatching(after, now);
  const listingId = (after ?? before)!.id;

  if (!isIn) {
    index.remove(listingId);
    // The swap's own match is already `engaged`; suspension only touches live proposals.
    if (after && (wasIn || after.status === 'exchanged' || after.status === 'engaged')) await suspendProposalsOf(store, after);
    return;
  }
  const changed = !wasIn || matchingFields(before!) !== matchingFields(after!);
  if (!changed) return;
  const started = performance.now();
  index.upsert(candidateOf(after!));
  await revisitProposalsOf(store, listingId);
  const revisited = performance.now();
  const created = await storeBestProposals(store, index, listingId);
  const storedAt = performance.now();
  // The other participants' counts changed too: refreshed after the batch, within a time budget,
  // so that the next listing's proposals are not kept waiting.
  for (const match of created) for (const id of match.listingIds) if (id !== listingId) deps.cache.staleSummaries.add(id);
  await announceNewProposals(deps, created);
  logger.debug('proposals computed', {
    listingId,
    created: created.length,
    revisitMs: Math.round(revisited - started),
    storeMs: Math.round(storedAt - revisited),
    othersMs: Math.round(performance.now() - storedAt),
  });
}

export function createMatcher(deps: MatcherDeps) {
  const cache = deps.cache ?? new MarketCache();
  return async function matchFromStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
      if (stringAttribute(image, 'entity') !== ENTITY.listing) continue;
      try {
        // Records of one item arrive in order: acting on each change as it was keeps the index in step.
        const before = record.dynamodb?.OldImage ? toListing(oldImage(record)!) : undefined;
        const after = record.dynamodb?.NewImage ? toListing(newImage(record)!) : undefined;
        await onListingChanged({ ...deps, cache }, before, after);
      } catch (error) {
        logger.error('matching failed for a listing change', { error, sequenceNumber: record.dynamodb?.SequenceNumber });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    await refreshStaleSummaries({ ...deps, cache }, deps.summaryBudgetMs ?? 200);
    return { batchItemFailures: [] };
  };
}

/** Recomputes stale counts until the budget is spent; the rest waits for the next invocation. */
export async function refreshStaleSummaries(deps: MatcherDeps & { cache: MarketCache }, budgetMs: number): Promise<void> {
  if (deps.cache.staleSummaries.size === 0) return;
  const deadline = performance.now() + budgetMs;
  const index = await deps.cache.get(deps.db, await deps.reference(), deps.now());
  const store = { db: deps.db, now: deps.now, proposalsPerListing: deps.proposalsPerListing ?? 50 };
  while (deps.cache.staleSummaries.size > 0 && performance.now() < deadline) {
    const batch = [...deps.cache.staleSummaries].slice(0, 25);
    batch.forEach((id) => deps.cache.staleSummaries.delete(id));
    await refreshSummaries(store, index, batch);
  }
}
