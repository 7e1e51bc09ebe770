/**
 * A swap as each audience sees it. Participants see the dwellings (public view), who confirmed and
 * the decisions; the refusal reason and comment only about their own household. Lessors concerned
 * and Armos also see each incoming household's review information and the tenants' contacts.
 */
import { publicDwelling } from '../../../shared/listing/views';
import type { Listing } from '../../../shared/schemas/listing';
import type { SwapView } from '../../../shared/schemas/swap';
import type { User } from '../../../shared/schemas/user';
import { isOverdue, type Swap, type SwapReview } from '../../../shared/swap/lifecycle';
import type { IncomeCeilingYear } from '../../../shared/schemas/income-ceilings';
import { reviewInfo } from '../../../shared/swap/review-info';
import { actionsOf, isStaffViewer, type SwapViewer } from './access';
import { reachableEmail } from '../mail/addresses';
import { consentsSeenBy } from '../listings/consent';

export interface ViewContext {
  listings: Map<string, Listing>;
  owners: Map<string, User>;
  now: Date;
  /** This year's income ceilings, when Armos keeps them. */
  ceilings?: IncomeCeilingYear;
}

/** The dwelling a review is about: a participant's, or a chain's vacancy. */
export function enteredDwelling(
  swap: Pick<Swap, 'chain'>,
  review: Pick<SwapReview, 'listingId'>,
  context: Pick<ViewContext, 'listings'>,
) {
  if (swap.chain?.vacancyId === review.listingId) return swap.chain.vacancy;
  return context.listings.get(review.listingId)?.dwelling;
}

function reviewView(
  swap: Swap,
  review: SwapReview,
  viewer: SwapViewer,
  context: ViewContext,
): SwapView['reviews'][number] {
  const staff = isStaffViewer(viewer);
  const own = viewer.participantListingIds.includes(review.incomingListingId);
  const incoming = context.listings.get(review.incomingListingId);
  const entered = enteredDwelling(swap, review, context);
  return {
    listingId: review.listingId,
    lessorId: review.lessorId,
    incomingListingId: review.incomingListingId,
    decision: review.decision,
    ...(review.reason && (staff || own) ? { reason: review.reason } : {}),
    ...(review.comment && (staff || own) ? { comment: review.comment } : {}),
    ...(review.caleolDate ? { caleolDate: review.caleolDate } : {}),
    dueAt: review.dueAt,
    ...(review.decidedAt ? { decidedAt: review.decidedAt } : {}),
    overdue: isOverdue(review, context.now),
    ...(staff ? { escalated: review.escalated === true } : {}),
    ...(staff && incoming && entered
      ? { info: reviewInfo(incoming.household, entered, context.ceilings) }
      : {}),
  };
}

export function swapView(swap: Swap, viewer: SwapViewer, context: ViewContext): SwapView {
  const staff = isStaffViewer(viewer);
  const optional = <K extends keyof Swap>(...fields: K[]) =>
    Object.fromEntries(fields.filter((f) => swap[f] !== undefined).map((f) => [f, swap[f]]));
  return {
    id: swap.id,
    matchId: swap.matchId,
    kind: swap.kind,
    status: swap.status,
    requestedBy: swap.requestedBy,
    participants: swap.participants.map((p) => {
      const listing = context.listings.get(p.listingId);
      const owner = context.owners.get(p.ownerId);
      return {
        listingId: p.listingId,
        isMe: viewer.participantListingIds.includes(p.listingId),
        confirmed: p.confirmed,
        ...(p.confirmedAt ? { confirmedAt: p.confirmedAt } : {}),
        movesInto: p.movesInto,
        dwelling: listing ? publicDwelling(listing.dwelling) : ({} as never),
        ...(staff && owner ? { contact: contactOf(owner, listing) } : {}),
      };
    }),
    reviews: swap.reviews.map((review) => reviewView(swap, review, viewer, context)),
    ...(swap.chain ? { chain: chainView({ ...swap, chain: swap.chain }) } : {}),
    lessorIds: swap.lessorIds,
    ...optional(
      'dueAt',
      'effectiveDate',
      'underReviewAt',
      'approvedAt',
      'refusedAt',
      'completedAt',
      'cancelledAt',
    ),
    ...(swap.cancelReason && (staff || viewer.participantListingIds.length > 0)
      ? { cancelReason: swap.cancelReason }
      : {}),
    ...consentsSeenBy(swap.consents, viewer.participantListingIds, viewer.armos),
    actions: actionsOf(viewer, swap),
    createdAt: swap.createdAt,
    updatedAt: swap.updatedAt,
  } as SwapView;
}

function chainView(swap: Swap & { chain: NonNullable<Swap['chain']> }) {
  const { vacancyId, vacancyLessorId, vacancy, released } = swap.chain;
  return {
    vacancyId,
    vacancyLessorId,
    vacancy: publicDwelling({ ...vacancy, tenancyRef: '-' }),
    released: {
      ...released,
      ...(swap.status === 'completed' && swap.effectiveDate
        ? { freeFrom: swap.effectiveDate }
        : {}),
    },
  };
}

/** How to reach a household: its tenant, or for what the tenant lacks, the reception point helping them. */
export function contactOf(owner: User | undefined, listing?: Listing) {
  const email = reachableEmail(owner) ?? listing?.assistance?.email;
  const displayName = owner?.displayName ?? listing?.assistance?.name;
  const phone = owner?.phone ?? listing?.assistance?.phone;
  return {
    ...(displayName ? { displayName } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
}
