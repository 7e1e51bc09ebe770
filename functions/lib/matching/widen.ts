/**
 * "Ce qui élargirait vos propositions" for `GET /api/matches/summary`. The API keeps its own
 * market index (`MarketCache`: built on first use, then caught up from the market log before each
 * answer), because the counts depend on listings the one asked about does not accept yet, which
 * no stored summary follows.
 */
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import { placeNamesFrom, widenSentence } from '../../../shared/matching/index';
import type { Listing } from '../../../shared/schemas/listing';
import type { WidenView } from '../../../shared/schemas/match';
import type { MarketCache } from './market-cache';
import type { AppContext } from '../app-context';

/** At most this many changes are shown, best first. */
export const WIDENINGS_SHOWN = 3;

export type WidenDeps = Pick<AppContext, 'db' | 'now' | 'reference'> & {
  market: MarketCache;
};

export async function wideningsOf(deps: WidenDeps, listing: Listing): Promise<WidenView[]> {
  const now = deps.now();
  if (!takesPartInMatching(listing, now)) return [];
  const index = await deps.market.get(deps.db, deps.reference, now);
  await deps.market.catchUp(deps.db, now);
  // The listing as just read: its own latest wishes count even before the matcher logged them.
  deps.market.apply(undefined, listing, now);
  if (!index.has(listing.id)) return [];
  const names = placeNamesFrom(await deps.reference());
  return index
    .widenFor(listing.id)
    .slice(0, WIDENINGS_SHOWN)
    .map((widening) => ({ ...widening, text: widenSentence(widening, names) }));
}
