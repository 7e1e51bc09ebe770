/**
 * Keeps every listing's proposals its own best as the market changes, from the table's stream:
 * each listing change is recorded in the market log and the index catches up on the changes other
 * stream shards brought (`MarketCache`); the changed listing's broken proposals are closed, or
 * suspended while it is out of the market; then the listings whose own best changed are refilled,
 * each with its counts (`keepProposalsUpToDate`). What follows a new proposal
 * (the other participants' links, reminders, digests) is the fan-out's (`fan-out.ts`).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { DEFAULT_PROPOSALS_PER_LISTING, sharedCountsOf } from '../../shared/matching/index';
import type { Listing } from '../../shared/schemas/listing';
import { matchesOfListing } from '../lib/db/matches';
import { appendMarketChange } from '../lib/db/market-log';
import { logger } from '../lib/logger';
import { handleInOrder } from '../lib/stream-batch';
import { MarketCache, marketChangeOf, versionAfter } from '../lib/matching/market-cache';
import {
  liveOrPaused,
  revisitProposalsOf,
  storedCycleOf,
  suspendProposalsOf,
} from '../lib/matching/proposals';
import { refreshExplanationsOf } from '../lib/matching/refresh-explanations';
import { keepProposalsUpToDate } from '../lib/matching/upkeep';
import { ChainCache } from '../lib/matching/chain-cache';
import { keepChainsUpToDate, onVacancyChanged } from './chains';
import type { MatcherDeps } from './deps';
import { listingChangeOf, vacancyChangeOf } from './listing-records';

export async function onListingChanged(
  deps: MatcherDeps & { cache: MarketCache; chains?: ChainCache },
  before: Listing | undefined,
  after: Listing | undefined,
): Promise<void> {
  const now = deps.now();
  const listingId = (after ?? before)!.id;
  const index = await deps.cache.get(deps.db, deps.reference, now);
  const sharedBefore = sharedCountsOf(index, listingId);
  const applied = deps.cache.apply(before, after, now);
  // Recorded before reading the others' changes: of two instances matching at the same time, the later reader sees both.
  await appendMarketChange(deps.db, {
    listingId,
    version: versionAfter(before, after),
    seenAt: new Date().toISOString(),
  });
  const change = marketChangeOf(before, after, now);
  if (change === 'unchanged' || change === 'out') {
    // Nothing to recount, unless the index still held a listing whose record says it had already left (an expiry).
    if (applied) {
      deps.cache.counts.forget(sharedBefore.keys());
      deps.cache.counts.forgetAround(deps.cache.current, listingId);
    }
    // The swap's own match is already `engaged`; suspension only touches live proposals.
    if (after && (after.status === 'exchanged' || after.status === 'engaged'))
      await suspendProposalsOf(deps, after);
    return;
  }
  // Before searching the whole market, the changes other instances saw. A change that searches
  // nothing (a renewal, an edit that leaves the listing as it matches) leaves them to the next.
  await deps.cache.catchUp(deps.db, now);
  const matches = await matchesOfListing(deps.db, listingId);
  const storedBefore = liveOrPaused(matches).map(storedCycleOf);
  if (change === 'left' && after) await suspendProposalsOf(deps, after);
  if (change === 'changed') await revisitProposalsOf(deps, listingId);
  await keepProposalsUpToDate(
    { ...deps, proposalsPerListing: deps.proposalsPerListing ?? DEFAULT_PROPOSALS_PER_LISTING },
    deps.cache,
    listingId,
    storedBefore,
    applied ? sharedBefore : 'recount',
  );
  // Kept or reopened proposals say what the changed listing offers now (e.g. its rent after the swap).
  if (change === 'changed') await refreshExplanationsOf(deps, deps.cache.current, listingId);
  // The chains were read above; a listing that left had them suspended since.
  if (deps.chains)
    await keepChainsUpToDate(deps, deps.chains, {
      listingId,
      ...(change === 'left' ? {} : { matches }),
    });
}

export function createMatcher(deps: MatcherDeps) {
  const cache = deps.cache ?? new MarketCache();
  const chains = deps.chains ?? new ChainCache();
  cache.observe(chains);
  return async function matchFromStream(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    return handleInOrder(event, async (record) => {
      const change = listingChangeOf(record);
      const vacancy = change ? undefined : vacancyChangeOf(record);
      if (!change && !vacancy) return;
      try {
        if (change) await onListingChanged({ ...deps, cache, chains }, change.before, change.after);
        else await onVacancyChanged({ ...deps, cache, chains }, vacancy!.after ?? vacancy!.before!);
      } catch (error) {
        logger.error('matching failed for a listing change', {
          error,
          sequenceNumber: record.dynamodb?.SequenceNumber,
        });
        throw error;
      }
    });
  };
}
