/**
 * Finds proposals as soon as a listing is published or changed, from the table's stream: the
 * listing's best K cycles are stored with its counts, its broken proposals closed; a listing that
 * leaves the market has its proposals suspended until it returns. What follows a new proposal
 * (the other participants' links and counts, reminders, digests) is the fan-out's (`fan-out.ts`).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { ReferenceData } from '../../shared/reference/index';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../lib/db/client';
import { logger } from '../lib/logger';
import { MarketCache } from '../lib/matching/market-cache';
import { revisitProposalsOf, storeBestProposals, suspendProposalsOf } from '../lib/matching/proposals';
import { listingChangeOf } from './listing-records';

export interface MatcherDeps {
  db: Database;
  now: () => Date;
  reference: () => Promise<ReferenceData>;
  proposalsPerListing?: number;
  cache?: MarketCache;
}

export async function onListingChanged(deps: MatcherDeps & { cache: MarketCache }, before: Listing | undefined, after: Listing | undefined): Promise<void> {
  const now = deps.now();
  await deps.cache.get(deps.db, deps.reference, now);
  const store = { db: deps.db, now: deps.now, proposalsPerListing: deps.proposalsPerListing ?? 50 };
  const change = deps.cache.apply(before, after, now);
  if (change === 'left' || change === 'out') {
    // The swap's own match is already `engaged`; suspension only touches live proposals.
    if (after && (change === 'left' || after.status === 'exchanged' || after.status === 'engaged')) await suspendProposalsOf(store, after);
    return;
  }
  if (change === 'unchanged') return;
  const started = performance.now();
  await revisitProposalsOf(store, after!.id);
  const revisited = performance.now();
  const created = await storeBestProposals(store, deps.cache.current, after!.id);
  logger.debug('proposals stored', { listingId: after!.id, created: created.length, revisitMs: Math.round(revisited - started), storeMs: Math.round(performance.now() - revisited) });
}

export function createMatcher(deps: MatcherDeps) {
  const cache = deps.cache ?? new MarketCache();
  return async function matchFromStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    for (const record of event.Records) {
      const change = listingChangeOf(record);
      if (!change) continue;
      try {
        await onListingChanged({ ...deps, cache }, change.before, change.after);
      } catch (error) {
        logger.error('matching failed for a listing change', { error, sequenceNumber: record.dynamodb?.SequenceNumber });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}
