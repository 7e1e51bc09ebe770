/**
 * What a stored item states, for statistics: its *facts* ("published in March in La Renaissance,
 * offering a T3, wanting T4 in Sainte-Suzanne", "left the market in May", "3-way match found in
 * April"). Facts depend on the item alone (and on the dwellings of the listings it names), never
 * on the clock: the facts of an item's latest state are what a rebuild finds, and a stream
 * record's events are the facts that changed between its old and new image (./events.ts).
 */
import { monthOf } from './period';
import { COUNTERS as K, scopes, sub } from './scopes';
import { reviewFacts, swapFacts } from './swap-facts';
import {
  code,
  homeScopes,
  listingFactsOf,
  obj,
  scopesOfListings,
  str,
  strings,
  type Count,
  type Fact,
  type Item,
  type ListingLookup,
} from './item';

const ON_MARKET = new Set(['published', 'engaged']);

function listingFacts(item: Item): Fact[] {
  const listing = listingFactsOf(item);
  const month = monthOf(listing?.publishedAt);
  if (!listing || !month) return [];
  const home = homeScopes(listing);
  const motive = code(item.motive, 'other');
  const facts: Fact[] = [
    {
      type: 'listing_published',
      month,
      counts: home.flatMap((s): Count[] => [
        [s, K.active, 1],
        [s, K.newListings, 1],
        [s, sub(K.offered, listing.typology), 1],
        [s, sub(K.motive, motive), 1],
      ]),
    },
    { type: 'listing_wishes', month, counts: wishCounts(obj(item.wishes)) },
  ];
  const status = str(item.status) ?? 'draft';
  if (!ON_MARKET.has(status)) {
    // Expired listings left when their period ended; the others when last changed (withdrawn, exchanged…).
    const leftMonth = monthOf(
      status === 'expired' ? (str(item.expiresAt) ?? str(item.updatedAt)) : str(item.updatedAt),
    );
    if (leftMonth)
      facts.push({
        type: 'listing_left',
        month: leftMonth,
        counts: home.map((s): Count => [s, K.active, -1]),
      });
  }
  return facts;
}

function wishCounts(wishes: Item | undefined): Count[] {
  if (!wishes) return [];
  const typologies = strings(wishes.typologies).filter((t) => /^T[1-6]$/.test(t));
  const quartiers = strings(wishes.quartiers);
  const wanting = (scope: string, counter: string): Count[] => [
    [scope, counter, 1],
    ...typologies.map((t): Count => [scope, sub(counter, t), 1]),
  ];
  return [
    ...wanting(scopes.cinor(), K.wanted),
    ...strings(wishes.communes).flatMap((c) => [
      ...wanting(scopes.commune(c), K.wanted),
      ...(quartiers.length === 0 ? wanting(scopes.commune(c), K.wantedAny) : []),
    ]),
    ...quartiers.flatMap((q) => wanting(scopes.quartier(q), K.wanted)),
  ];
}

function matchFacts(item: Item, lookup: ListingLookup): Fact[] {
  const month = monthOf(str(item.createdAt));
  if (!month) return [];
  // Chains are not cycles: counted with the chain statistics (issue 18 item 5), not as 2-way matches.
  if (item.kind === 'chain') return [];
  const counter = item.kind === '3-way' ? K.matches3 : K.matches2;
  const scopesOfMatch = scopesOfListings(strings(item.listingIds), lookup);
  const facts: Fact[] = [
    { type: 'match_found', month, counts: scopesOfMatch.map((s): Count => [s, counter, 1]) },
  ];
  // "Visites sans suite": a participant visited, then declined the proposal.
  const declinedMonth =
    item.status === 'declined' ? monthOf(str(item.declinedAfterVisitAt)) : undefined;
  if (declinedMonth)
    facts.push({
      type: 'visit_without_follow_up',
      month: declinedMonth,
      counts: scopesOfMatch.map((s): Count => [s, K.visitsWithoutFollowUp, 1]),
    });
  return facts;
}

/** The facts an item states, by its `entity`; other entities state none. */
export function factsOf(item: Item | undefined, lookup: ListingLookup): Fact[] {
  if (!item) return [];
  if (item.entity === 'Listing') return listingFacts(item);
  if (item.entity === 'Match') return matchFacts(item, lookup);
  if (item.entity === 'Swap') return swapFacts(item, lookup);
  if (item.entity === 'SwapReview') return reviewFacts(item, lookup);
  return [];
}

/** Entities whose changes statistics follow. */
export const STATS_SOURCES = new Set(['Listing', 'Match', 'Swap', 'SwapReview']);

/** The listing ids whose dwellings an item's facts need (matches and swaps name listings). */
export function listingIdsNamedBy(item: Item | undefined): string[] {
  if (!item || !['Match', 'Swap', 'SwapReview'].includes(String(item.entity))) return [];
  const reviews = Array.isArray(item.reviews) ? item.reviews.map(obj) : [];
  const participants = Array.isArray(item.participants) ? item.participants.map(obj) : [];
  return strings([
    ...strings(item.listingIds),
    item.listingId,
    item.incomingListingId,
    ...participants.flatMap((p) => [p?.listingId, p?.movesInto]),
    ...reviews.flatMap((r) => [r?.listingId, r?.incomingListingId]),
  ]);
}
