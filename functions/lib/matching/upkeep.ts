/**
 * Applies what a listing change means for whom (`shared/matching/proposal-upkeep.ts`) through the
 * data layer: the changed listing is refilled first (its owner is waiting for its proposals),
 * then every other listing whose own best changed, then the counts of every listing whose
 * counts may have changed are written.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  OwnBestMemo,
  type BarBounds,
  listingsToRecount,
  listingsToRefill,
  type MatchingIndex,
  type StoredCycle,
} from '../../../shared/matching/index';
import { putMatchSummaries, type MatchSummary, type StoredMatch } from '../db/matches';
import { logger } from '../logger';
import { refillProposalsOf, type ProposalStoreDeps } from './proposals';

export interface UpkeepDeps extends ProposalStoreDeps {
  proposalsPerListing: number;
}

/**
 * After the change of `changedId` is in the market's index: refills and recounts. `storedBefore`: the
 * proposals stored through it before the change; `neighboursBefore`: the listings it accepted or
 * that accepted it before. Returns the proposals created.
 */
export async function keepProposalsUpToDate(
  deps: UpkeepDeps,
  market: { current: MatchingIndex; bounds: BarBounds },
  changedId: string,
  storedBefore: StoredCycle[],
  neighboursBefore: string[],
): Promise<StoredMatch[]> {
  const index = market.current;
  const started = performance.now();
  const memo = new OwnBestMemo(index, deps.proposalsPerListing, market.bounds);
  const computedAt = deps.now().toISOString();
  const summaryOf = (listingId: string): MatchSummary => ({
    listingId,
    ...index.countsFor(listingId),
    computedAt,
  });
  const created: StoredMatch[] = [];
  // Its owner is waiting: the changed listing is refilled before the others are even looked for.
  if (index.has(changedId))
    created.push(...(await refillProposalsOf(deps, memo, changedId, summaryOf(changedId))));
  const own = performance.now();
  const refill = listingsToRefill(memo, changedId, storedBefore).filter((id) => id !== changedId);
  const affected = performance.now();
  for (const listingId of refill)
    created.push(...(await refillProposalsOf(deps, memo, listingId, summaryOf(listingId))));
  const refilled = performance.now();
  const done = new Set([changedId, ...refill]);
  const summaries: MatchSummary[] = [];
  for (const listingId of listingsToRecount(index, changedId, neighboursBefore)) {
    if (done.has(listingId)) continue;
    summaries.push(summaryOf(listingId));
    // Each count takes a fraction of a millisecond: the event loop is given back now and then.
    if (summaries.length % 64 === 0) await yieldToEventLoop();
  }
  await putMatchSummaries(deps.db, summaries);
  const ms = (from: number, to: number) => Math.round(to - from);
  logger.debug('proposals kept up to date', {
    listingId: changedId,
    refilled: refill.length,
    recounted: summaries.length,
    created: created.length,
    ownMs: ms(started, own),
    affectedMs: ms(own, affected),
    refillMs: ms(affected, refilled),
    recountMs: ms(refilled, performance.now()),
  });
  return created;
}
