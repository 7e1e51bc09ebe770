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
}

const K = 50;

/** The listings whose own best the publications of `newcomers`, one after the other, change. */
function listingsRefilledBy(
  index: MatchingIndex,
  newcomers: readonly GeneratedListing[],
): Set<string> {
  const bounds = new BarBounds();
  const refilled = new Set<string>();
  for (const listing of newcomers) {
    index.upsert(listing);
    const memo = new OwnBestMemo(index, K, bounds);
    for (const id of listingsToRefill(memo, listing.id, [])) refilled.add(id);
  }
  for (const listing of newcomers) {
    bounds.forget(index, listing.id);
    index.remove(listing.id);
  }
  return refilled;
}

export function proposalsToStore(
  market: GeneratedMarket,
  newcomers: readonly GeneratedListing[],
  now: Date,
): StoredProposals {
  const index = new MatchingIndex(placeNamesFrom(market));
  index.addAll(market.listings);
  const read = listingsRefilledBy(index, newcomers);
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
  return { read: read.size, matches, items };
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
