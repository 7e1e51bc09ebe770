/**
 * The counts and "Ce qui élargirait vos propositions" of `GET /api/matches/summary`. The API keeps
 * its own market index (`MarketCache`: built on first use, then caught up from the market log
 * before each answer): the widenings depend on listings the one asked about does not accept yet,
 * which no stored summary follows, and the counts of a listing move with every neighbour's change.
 */
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import { placeNamesFrom, widenSentence, type ListingCounts } from '../../../shared/matching/index';
import type { Listing } from '../../../shared/schemas/listing';
import type { WidenView } from '../../../shared/schemas/match';
import type { MarketCache } from './market-cache';
import type { AppContext } from '../app-context';

/** At most this many changes are shown, best first. */
export const WIDENINGS_SHOWN = 3;

export type WidenDeps = Pick<AppContext, 'db' | 'now' | 'reference'> & {
  market: MarketCache;
};

/** What the API's market index says of a listing now: its counts, and what would widen its proposals. */
export interface MarketView {
  counts: ListingCounts;
  widen: WidenView[];
}

/**
 * Undefined when the listing takes no part in matching (withdrawn, engaged…): its last stored
 * counts stand. Counting on read spares the matcher writing the counts of every neighbour of each
 * listing that changes (thousands in a dense market).
 */
export async function marketViewOf(
  deps: WidenDeps,
  listing: Listing,
): Promise<MarketView | undefined> {
  const now = deps.now();
  if (!takesPartInMatching(listing, now)) return undefined;
  const index = await deps.market.get(deps.db, deps.reference, now);
  await deps.market.catchUp(deps.db, now);
  // The listing as just read: its own latest wishes count even before the matcher logged them.
  deps.market.apply(undefined, listing, now);
  if (!index.has(listing.id)) return undefined;
  const names = placeNamesFrom(await deps.reference());
  return {
    counts: index.countsFor(listing.id),
    widen: index
      .widenFor(listing.id)
      .slice(0, WIDENINGS_SHOWN)
      .map((widening) => ({ ...widening, text: widenSentence(widening, names) })),
  };
}
