/**
 * The proposals a market holds when the matcher has followed it from the start (every listing's
 * own best stored once, linked to each participant, and the listings' counts), for benchmarks
 * that bulk-load a market. At 10,000 dense listings that is over a million proposals: only those
 * a benchmark's publications will read are stored, i.e. every proposal through a listing whose
 * own best one of the publications changes, found by playing the publications in memory first.
 */
import type { GeneratedListing, GeneratedMarket } from '../../shared/market/generator';
import {
  BarBounds,
  MatchingIndex,
  OwnBestMemo,
  listingsToRefill,
  placeNamesFrom,
} from '../../shared/matching/index';
import type { Database } from '../../functions/lib/db/client';
import { batchPutAll } from '../../functions/lib/db/batch';
import {
  matchSummaryItem,
  storedMatchItems,
  type StoredMatch,
} from '../../functions/lib/db/matches';
import { toStoredMatch } from '../../functions/lib/matching/proposals';
import { publishedListing } from './market-loader';

export interface StoredProposals {
  /** The listings whose stored proposals the publications read (the new listings among them). */
  read: number;
  matches: StoredMatch[];
  items: Record<string, unknown>[];
  /** What each publication, in turn, must store (`PublicationStores`). */
  perPublication: PublicationStores[];
}

/**
 * The proposals a publication must store, whatever the code that stores them: every cycle through
 * the new listing that enters the own best of one of its participants (docs/design.md: every 2-way
 * and the best K 3-ways of each listing, each stored once and linked to every participant). A
 * cycle that does not pass through it was stored before, since a publication only adds cycles.
 */
export interface PublicationStores {
  proposals: number;
  /** Each proposal and its links: 3 items for a 2-way, 4 for a 3-way. */
  items: number;
  /** Of which the 2-ways: every one through the new listing is kept, whatever K. */
  twoWays: number;
}

/** Each listing keeps its best K 3-ways (docs/design.md). */
export const K = 50;

/**
 * Plays the publications of `newcomers`, one after the other, on `index`: the listings whose own
 * best they change, and what each must store. Leaves the index as it found it.
 */
function playPublications(
  index: MatchingIndex,
  newcomers: readonly GeneratedListing[],
): { refilled: Set<string>; perPublication: PublicationStores[] } {
  const bounds = new BarBounds();
  const refilled = new Set<string>();
  const perPublication: PublicationStores[] = [];
  for (const listing of newcomers) {
    index.upsert(listing);
    const memo = new OwnBestMemo(index, K, bounds);
    const entering = new Map<string, number>();
    for (const id of listingsToRefill(memo, listing.id, [])) {
      refilled.add(id);
      for (const cycle of memo.cyclesOf(id))
        if (cycle.listingIds.includes(listing.id)) entering.set(cycle.key, cycle.listingIds.length);
    }
    let items = 0;
    let twoWays = 0;
    for (const size of entering.values()) {
      items += 1 + size;
      if (size === 2) twoWays += 1;
    }
    perPublication.push({ proposals: entering.size, items, twoWays });
  }
  for (const listing of newcomers) {
    bounds.forget(index, listing.id);
    index.remove(listing.id);
  }
  return { refilled, perPublication };
}

export function proposalsToStore(
  market: GeneratedMarket,
  newcomers: readonly GeneratedListing[],
  now: Date,
): StoredProposals {
  const index = new MatchingIndex(placeNamesFrom(market));
  index.addAll(market.listings);
  const { refilled: read, perPublication } = playPublications(index, newcomers);
  const listings = new Map(market.listings.map((l) => [l.id, publishedListing(l, now)]));
  const stored = new Map<string, StoredMatch>();
  const computedAt = now.toISOString();
  const items: Record<string, unknown>[] = [];
  for (const { id } of market.listings) {
    for (const cycle of index.ownBest(id, K)) {
      if (stored.has(cycle.key) || !cycle.listingIds.some((p) => read.has(p))) continue;
      stored.set(cycle.key, toStoredMatch(index.proposalOf(cycle), id, listings, now));
    }
  }
  // Their counts too (the matcher reads no one's, but a refilled listing's are written again).
  for (const id of read)
    if (index.has(id))
      items.push(matchSummaryItem({ listingId: id, ...index.countsFor(id), computedAt }));
  const matches = [...stored.values()];
  for (const match of matches) items.push(...storedMatchItems(match));
  return { read: read.size, matches, items, perPublication };
}

export async function storeProposals(db: Database, proposals: StoredProposals): Promise<void> {
  await batchPutAll(db, proposals.items);
}

/**
 * The proposals to bulk-load before `newcomers` are published through the API. The API names
 * listings by ULIDs, which sort before the market's ids and in creation order, as the names given
 * here do: ties between equal scores break the same way in memory as through the API.
 */
export function proposalsBeforePublishing(
  market: GeneratedMarket,
  newcomers: readonly GeneratedListing[],
  now: Date,
): StoredProposals {
  return proposalsToStore(
    market,
    newcomers.map((l, i) => ({ ...l, id: `0N${String(i).padStart(5, '0')}`, ownerId: `0U${i}` })),
    now,
  );
}
