/**
 * Applies what a listing change means for whom (`shared/matching/proposal-upkeep.ts`) through the
 * data layer: the changed listing is refilled first (its owner is waiting for its proposals), then
 * every other listing whose own best changed, each with its counts (taken by difference,
 * `CountBook`) in its last transaction. The counts of the other neighbours are not written: the
 * API counts on read from its own market index (`marketViewOf`), which spares thousands of writes
 * per change in a dense market.
 */
import pLimit from 'p-limit';
import {
  OwnBestMemo,
  type BarBounds,
  type CountBook,
  type ListingCounts,
  listingsToRecount,
  listingsToRefill,
  type MatchingIndex,
  type SharedCounts,
  type StoredCycle,
} from '../../../shared/matching/index';
import type { MatchSummary, StoredMatch } from '../db/matches';
import { logger } from '../logger';
import { refillProposalsOf, type ProposalStoreDeps } from './proposals';

/** Listings refilled at the same time after a change. */
const REFILLS_AT_ONCE = 4;

export interface UpkeepDeps extends ProposalStoreDeps {
  proposalsPerListing: number;
}

/**
 * What the listing shared with its neighbours before the change (`sharedCountsOf`), or, when the
 * index already held the change (a record handled again after a failure), `recount`: its
 * neighbours' counts are then counted again in full.
 */
export type CountsBefore = SharedCounts | 'recount';

/**
 * After the change of `changedId` is in the market's index: refills, with their counts. `storedBefore`: the
 * proposals stored through it before the change. Returns the proposals created.
 */
export async function keepProposalsUpToDate(
  deps: UpkeepDeps,
  market: { current: MatchingIndex; bounds: BarBounds; counts: CountBook },
  changedId: string,
  storedBefore: StoredCycle[],
  countsBefore: CountsBefore,
): Promise<StoredMatch[]> {
  const index = market.current;
  const book = market.counts;
  const started = performance.now();
  const memo = new OwnBestMemo(index, deps.proposalsPerListing, market.bounds);
  const computedAt = deps.now().toISOString();
  const moved = countsMovedBy(index, book, changedId, countsBefore);
  const summaryOf = (listingId: string): MatchSummary => ({
    listingId,
    ...(moved.get(listingId) ?? book.countsOf(index, listingId)),
    computedAt,
  });
  const counted = performance.now();
  const created: StoredMatch[] = [];
  // Its owner is waiting: the changed listing is refilled before the others are even looked for.
  if (index.has(changedId))
    created.push(...(await refillProposalsOf(deps, memo, changedId, summaryOf(changedId))));
  const own = performance.now();
  const refill = listingsToRefill(memo, changedId, storedBefore).filter((id) => id !== changedId);
  const affected = performance.now();
  // A few at once; a cycle two of them would store is stored by the first to claim it. Another
  // instance storing it meanwhile is told apart by its conditional write.
  const limit = pLimit(REFILLS_AT_ONCE);
  const claimed = new Set<string>();
  const refilledNow = await Promise.all(
    refill.map((listingId) =>
      limit(() =>
        refillProposalsOf(deps, memo, listingId, summaryOf(listingId), {
          changedId,
          storedThroughChanged: storedBefore,
          claimed,
        }),
      ),
    ),
  );
  created.push(...refilledNow.flat());
  const refilled = performance.now();
  const ms = (from: number, to: number) => Math.round(to - from);
  logger.debug('proposals kept up to date', {
    listingId: changedId,
    refilled: refill.length,
    countsMoved: moved.size,
    created: created.length,
    countMs: ms(started, counted),
    ownMs: ms(counted, own),
    affectedMs: ms(own, affected),
    refillMs: ms(affected, refilled),
  });
  return created;
}

/** The listings whose counts the change moved, with their counts now. */
function countsMovedBy(
  index: MatchingIndex,
  book: CountBook,
  changedId: string,
  before: CountsBefore,
): Map<string, ListingCounts> {
  if (before !== 'recount') return book.applyChange(index, changedId, before);
  book.forgetAround(index, changedId);
  const recounted = new Map<string, ListingCounts>();
  for (const listingId of listingsToRecount(index, changedId, []))
    recounted.set(listingId, book.countsOf(index, listingId));
  return recounted;
}
