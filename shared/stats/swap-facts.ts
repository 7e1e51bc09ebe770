/**
 * A swap's facts: requested, decided (approved or refused, with the refusal's reason code and the
 * days from request to decision), cancelled after approval, completed (each household's move from
 * one quartier to another, days from publication to completion, over-/under-occupation resolved;
 * a chain of mutation's moves and released dwelling too: ./chain-facts.ts).
 *
 * Read from shared/swap/lifecycle.ts's Swap (participants[i] moves into `movesInto`, `approvedAt`,
 * `refusedAt`, `effectiveDate`, `completedAt`, `cancelledAt`); embedded `reviews` and `updatedAt`
 * stand in for missing fields. Refusal reasons come from the separate SwapReview items (the swap
 * item is stored without its reviews): `reviewFacts`.
 */
import { isOverOccupied, isUnderOccupied } from '../matching/occupancy';
import { chainCounts, chainPartOf } from './chain-facts';
import { daysBetween, monthOf } from './period';
import { COUNTERS as K, scopes, sub } from './scopes';
import {
  code,
  homeScopes,
  list,
  obj,
  scopesOfListings,
  str,
  strings,
  type Count,
  type Fact,
  type Item,
  type ListingFacts,
  type ListingLookup,
} from './item';

interface Review {
  listingId?: string;
  incomingListingId?: string;
  decision?: string;
  reason?: unknown;
  decidedAt?: string;
}

const approvedDecision = (d: string | undefined) => d !== undefined && /^approv/.test(d);
const refusedDecision = (d: string | undefined) => d !== undefined && /^refus/.test(d);

function reviewsOf(item: Item): Review[] {
  return list(item.reviews).flatMap((value) => {
    const r = obj(value);
    if (!r) return [];
    return [
      {
        listingId: str(r.listingId),
        incomingListingId: str(r.incomingListingId),
        decision: str(r.decision),
        reason: r.reason ?? r.reasonCode,
        decidedAt: str(r.decidedAt),
      },
    ];
  });
}

/** Who moves where: participants' `movesInto`, else the reviews (`incomingListingId` moves into `listingId`), else the cycle order. */
function movesOf(item: Item, reviews: Review[]): Array<{ from: string; to: string }> {
  const declared = list(item.participants).flatMap((value) => {
    const p = obj(value);
    return str(p?.listingId) && str(p?.movesInto)
      ? [{ from: String(p!.listingId), to: String(p!.movesInto) }]
      : [];
  });
  if (declared.length > 0) return declared;
  const fromReviews = reviews.flatMap((r) =>
    r.listingId && r.incomingListingId ? [{ from: r.incomingListingId, to: r.listingId }] : [],
  );
  if (fromReviews.length > 0) return fromReviews;
  const ids =
    strings(item.listingIds).length > 0
      ? strings(item.listingIds)
      : strings(list(item.participants).map((p) => obj(p)?.listingId));
  return ids.length < 2 ? [] : ids.map((from, i) => ({ from, to: ids[(i + 1) % ids.length]! }));
}

const latest = (dates: Array<string | undefined>) =>
  dates
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);

export function swapFacts(item: Item, lookup: ListingLookup): Fact[] {
  const createdAt = str(item.createdAt);
  const requestMonth = monthOf(createdAt);
  if (!requestMonth) return [];
  const status = str(item.status) ?? '';
  const updatedAt = str(item.updatedAt);
  const reviews = reviewsOf(item);
  const participants = strings(list(item.participants).map((p) => obj(p)?.listingId));
  const involved = scopesOfListings(
    [
      ...participants,
      ...strings(item.listingIds),
      ...reviews.flatMap((r) => [r.listingId ?? '', r.incomingListingId ?? '']),
    ].filter(Boolean),
    lookup,
  );
  const each = (counter: string, amount = 1): Count[] =>
    involved.map((s): Count => [s, counter, amount]);
  const facts: Fact[] = [
    { type: 'swap_requested', month: requestMonth, counts: each(K.swapsRequested) },
  ];

  const wasApproved =
    str(item.approvedAt) !== undefined ||
    (reviews.length > 0 && reviews.every((r) => approvedDecision(r.decision)));
  const approved =
    status === 'approved' || status === 'completed' || (status === 'cancelled' && wasApproved);
  const refused = status === 'refused';
  const decidedAt =
    str(item.decidedAt) ??
    (approved ? str(item.approvedAt) : str(item.refusedAt)) ??
    latest(
      reviews.filter((r) => (refused ? refusedDecision(r.decision) : true)).map((r) => r.decidedAt),
    ) ??
    (status === 'approved' || status === 'refused' ? updatedAt : undefined);
  const decisionMonth = monthOf(decidedAt);
  if ((approved || refused) && decisionMonth) {
    const days = daysBetween(createdAt, decidedAt);
    facts.push({
      type: 'swap_decided',
      month: decisionMonth,
      counts: [
        ...each(approved ? K.swapsApproved : K.swapsRefused),
        ...(days !== undefined ? each(sub(K.decisionDays, days)) : []),
      ],
    });
  }

  const cancelledMonth = monthOf(str(item.cancelledAt) ?? updatedAt);
  if (status === 'cancelled' && wasApproved && cancelledMonth) {
    facts.push({
      type: 'swap_cancelled_after_approval',
      month: cancelledMonth,
      counts: each(K.swapsCancelledAfterApproval),
    });
  }

  const completedOn = str(item.effectiveDate) ?? str(item.completedAt) ?? updatedAt;
  const completedMonth = monthOf(completedOn);
  if (status === 'completed' && completedMonth) {
    // A chain's first mover enters its vacancy, which no listing describes: the swap item does.
    const chain = chainPartOf(item);
    const place = (id: string) => (id === chain?.vacancy.id ? chain.vacancy : lookup(id));
    const destinations: ListingFacts[] = [];
    const moves = movesOf(item, reviews).flatMap(({ from, to }) => {
      const origin = lookup(from);
      const destination = place(to);
      if (destination) destinations.push(destination);
      return origin && destination ? [moveCounts(origin, destination, completedOn)] : [];
    });
    facts.push({
      type: 'swap_completed',
      month: completedMonth,
      counts: [
        ...each(K.swapsCompleted),
        ...moves.flat(),
        ...(chain ? chainCounts(chain, destinations) : []),
      ],
    });
  }
  return facts;
}

/** One household's move: out of its quartier, into the other, the flow between them, and what it resolved. */
function moveCounts(
  origin: ListingFacts,
  destination: ListingFacts,
  completedOn: string | undefined,
): Count[] {
  const household = { adults: origin.adults, children: origin.children };
  const days = daysBetween(origin.publishedAt, completedOn);
  const resolvedOver = isOverOccupied(household, origin) && !isOverOccupied(household, destination);
  const resolvedUnder =
    isUnderOccupied(household, origin) && !isUnderOccupied(household, destination);
  return [
    ...homeScopes(origin).flatMap((s): Count[] => [
      [s, K.movesOut, 1],
      ...(days !== undefined ? [[s, sub(K.completionDays, days), 1] as const] : []),
      ...(resolvedOver ? [[s, K.overOccupationResolved, 1] as const] : []),
      ...(resolvedUnder ? [[s, K.underOccupationResolved, 1] as const] : []),
    ]),
    ...homeScopes(destination).map((s): Count => [s, K.movesIn, 1]),
    [scopes.flow(origin.quartierId, destination.quartierId), K.moves, 1],
  ];
}

/** A lessor's refusal, by reason code, at the quartiers of the dwelling and of the household refused. */
export function reviewFacts(item: Item, lookup: ListingLookup): Fact[] {
  const month = monthOf(str(item.decidedAt));
  if (!refusedDecision(str(item.decision)) || !month) return [];
  const reason = code(item.reason, 'other');
  const involved = scopesOfListings(strings([item.listingId, item.incomingListingId]), lookup);
  return [
    {
      type: 'review_refused',
      month,
      counts: involved.map((s): Count => [s, sub(K.refusalReason, reason), 1]),
    },
  ];
}
