/**
 * The swap's lifecycle (docs/design.md "Lifecycle"): awaiting_confirmations (one participant
 * requested it from a mutual match; every participant confirms) → under_review (each lessor reviews
 * each household moving into one of its dwellings) → approved → completed, or refused, cancelled.
 * Pure: the functions take a swap and return the next one, or throw a ConflictError.
 */
import { addDays } from 'date-fns';
import { ConflictError, ValidationError } from '../errors';
import type {
  ReleasedDwelling,
  Swap,
  SwapChain,
  SwapParticipant,
  SwapReview,
} from '../schemas/swap-record';
import type { ReviewBody } from '../schemas/swap';
import { decisionIssues } from './review-decision';
import type { RefusalReason, ReviewDecision, SwapStatus } from './statuses';

export * from './statuses';
export { decisionIssues };
export type { ReleasedDwelling, Swap, SwapChain, SwapParticipant, SwapReview };

/** Default review deadline, in days after the last confirmation. */
export const REVIEW_DEADLINE_DAYS = 30;
/** The lessor's reminder goes this many days before the deadline. */
export const REVIEW_REMINDER_DAYS = 7;

export const ACTIVE_SWAP_STATUSES: readonly SwapStatus[] = [
  'awaiting_confirmations',
  'under_review',
  'approved',
];

export interface CycleMember {
  listingId: string;
  ownerId: string;
  lessorId: string;
}

export interface NewSwap {
  id: string;
  matchId: string;
  /** In cycle order: cycle[i] moves into cycle[i + 1]'s dwelling. */
  cycle: CycleMember[];
  requesterListingId: string;
  now: Date;
}

export const isActive = (status: SwapStatus) => ACTIVE_SWAP_STATUSES.includes(status);

/** A swap asked for by one participant: everyone else still has to confirm. */
export function requestSwap({ id, matchId, cycle, requesterListingId, now }: NewSwap): Swap {
  if (cycle.length < 2 || cycle.length > 3)
    throw new ValidationError('Un échange réunit deux ou trois logements.');
  if (new Set(cycle.map((m) => m.listingId)).size !== cycle.length)
    throw new ValidationError('Un logement ne peut figurer qu’une fois dans un échange.');
  if (!cycle.some((m) => m.listingId === requesterListingId))
    throw new ConflictError('Seul un participant peut demander cet échange.');
  const at = now.toISOString();
  return {
    id,
    matchId,
    kind: cycle.length === 2 ? '2-way' : '3-way',
    status: 'awaiting_confirmations',
    participants: cycle.map((member, i) => ({
      ...member,
      movesInto: cycle[(i + 1) % cycle.length]!.listingId,
      confirmed: member.listingId === requesterListingId,
      ...(member.listingId === requesterListingId ? { confirmedAt: at } : {}),
    })),
    reviews: [],
    requestedBy: requesterListingId,
    lessorIds: [...new Set(cycle.map((m) => m.lessorId))],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

function participantOf(swap: Swap, listingId: string): SwapParticipant {
  const participant = swap.participants.find((p) => p.listingId === listingId);
  if (!participant) throw new ConflictError('Ce logement ne fait pas partie de cet échange.');
  return participant;
}

/** The reviews due once everyone confirmed: one per household entering a dwelling. */
export function reviewsFor(
  swap: Pick<Swap, 'participants' | 'chain'>,
  dueAt: string,
): SwapReview[] {
  const lessorOf = new Map(swap.participants.map((p) => [p.listingId, p.lessorId]));
  // The vacancy's own lessor reviews the household moving into it.
  if (swap.chain) lessorOf.set(swap.chain.vacancyId, swap.chain.vacancyLessorId);
  return swap.participants.map((p) => ({
    listingId: p.movesInto,
    lessorId: lessorOf.get(p.movesInto)!,
    incomingListingId: p.listingId,
    decision: 'pending',
    dueAt,
  }));
}

/** A participant confirms; the last confirmation sends the swap to its lessors' review. */
export function confirmSwap(
  swap: Swap,
  listingId: string,
  now: Date,
  reviewDays = REVIEW_DEADLINE_DAYS,
): Swap {
  if (swap.status !== 'awaiting_confirmations')
    throw new ConflictError(
      `Cet échange n’attend plus de confirmation (${SWAP_STATUS_LABELS[swap.status]}).`,
    );
  if (participantOf(swap, listingId).confirmed)
    throw new ConflictError('Vous avez déjà confirmé cet échange.');
  const at = now.toISOString();
  const participants = swap.participants.map((p) =>
    p.listingId === listingId ? { ...p, confirmed: true, confirmedAt: at } : p,
  );
  return reviewOnceConfirmed({ ...swap, participants, updatedAt: at }, now, reviewDays);
}

/** Once every participant confirmed, the swap goes to its lessors' review. */
export function reviewOnceConfirmed(
  swap: Swap,
  now: Date,
  reviewDays = REVIEW_DEADLINE_DAYS,
): Swap {
  if (swap.status !== 'awaiting_confirmations' || !swap.participants.every((p) => p.confirmed))
    return swap;
  const dueAt = addDays(now, reviewDays).toISOString();
  return {
    ...swap,
    status: 'under_review',
    underReviewAt: now.toISOString(),
    dueAt,
    reviews: reviewsFor(swap, dueAt),
  };
}

/** A lessor's decision on one review, as the API validated it. */
export type ReviewInput = ReviewBody;

/** Whether a review still waits for its lessor (pending, or documents asked for). */
export const isAwaitingDecision = (review: Pick<SwapReview, 'decision'>) =>
  review.decision === 'pending' || review.decision === 'documents_requested';

/** Records a lessor's decision; all approved → approved, any refused → refused. */
export function decideReview(swap: Swap, input: ReviewInput, actorId: string, now: Date): Swap {
  if (swap.status !== 'under_review')
    throw new ConflictError(
      `Cet échange n’est pas en cours d’examen (${SWAP_STATUS_LABELS[swap.status]}).`,
    );
  const issues = decisionIssues(input);
  if (issues.length > 0)
    throw new ValidationError(
      `Champ « ${issues[0]!.path} » invalide : ${issues[0]!.message}`,
      issues,
    );
  const review = swap.reviews.find((r) => r.listingId === input.listingId);
  if (!review) throw new ConflictError('Ce logement ne fait pas partie de cet échange.');
  if (!isAwaitingDecision(review))
    throw new ConflictError('Ce dossier a déjà reçu une décision définitive.');
  const at = now.toISOString();
  const decided: SwapReview = {
    ...review,
    decision: input.decision,
    reason: input.reason,
    comment: input.comment?.trim() || undefined,
    caleolDate: input.caleolDate ?? review.caleolDate,
    decidedAt: at,
    decidedBy: actorId,
  };
  const reviews = swap.reviews.map((r) => (r.listingId === input.listingId ? decided : r));
  const base: Swap = { ...swap, reviews, updatedAt: at };
  if (reviews.some((r) => r.decision === 'refused'))
    return { ...base, status: 'refused', refusedAt: at };
  if (reviews.every((r) => r.decision === 'approved'))
    return { ...base, status: 'approved', approvedAt: at };
  return base;
}

/** The lessor records the date the households actually swapped homes. */
export function completeSwap(swap: Swap, effectiveDate: string, now: Date): Swap {
  if (swap.status !== 'approved')
    throw new ConflictError(
      `Seul un échange accepté par tous les bailleurs peut être réalisé (${SWAP_STATUS_LABELS[swap.status]}).`,
    );
  const at = now.toISOString();
  return { ...swap, status: 'completed', effectiveDate, completedAt: at, updatedAt: at };
}

/** A participant may cancel until the lessors approve; Armos until the swap is completed. */
export function cancelSwap(
  swap: Swap,
  by: 'participant' | 'armos',
  reason: string,
  now: Date,
): Swap {
  const allowed: readonly SwapStatus[] =
    by === 'armos' ? ACTIVE_SWAP_STATUSES : ['awaiting_confirmations', 'under_review'];
  if (!allowed.includes(swap.status)) {
    throw new ConflictError(
      swap.status === 'approved'
        ? 'L’échange est accepté par les bailleurs : seule la coordination Armos peut encore l’annuler.'
        : `Cet échange ne peut plus être annulé (${SWAP_STATUS_LABELS[swap.status]}).`,
    );
  }
  const at = now.toISOString();
  return {
    ...swap,
    status: 'cancelled',
    cancelledAt: at,
    cancelReason: reason,
    cancelledBy: by,
    updatedAt: at,
  };
}

/** What the swap's listings are in each status of the swap. */
export function listingStatusFor(status: SwapStatus): 'engaged' | 'published' | 'exchanged' {
  if (status === 'completed') return 'exchanged';
  return isActive(status) ? 'engaged' : 'published';
}

/** What a review's deadline calls for at `now`: a reminder a week before, escalation once overdue. */
export function deadlineActions(
  swap: Pick<Swap, 'status'>,
  review: SwapReview,
  now: Date,
  reminderDays = REVIEW_REMINDER_DAYS,
): { remind: boolean; escalate: boolean } {
  if (swap.status !== 'under_review' || !isAwaitingDecision(review))
    return { remind: false, escalate: false };
  const due = new Date(review.dueAt).getTime();
  const overdue = now.getTime() > due;
  return {
    remind:
      !overdue &&
      !review.remindedAt &&
      now.getTime() >= addDays(new Date(review.dueAt), -reminderDays).getTime(),
    escalate: overdue && !review.escalated,
  };
}

export const isOverdue = (review: SwapReview, now: Date) =>
  isAwaitingDecision(review) && new Date(review.dueAt).getTime() < now.getTime();

export const SWAP_STATUS_LABELS: Record<SwapStatus, string> = {
  awaiting_confirmations: 'en attente des confirmations',
  under_review: 'en cours d’examen par les bailleurs',
  approved: 'accepté par les bailleurs',
  completed: 'réalisé',
  refused: 'refusé',
  cancelled: 'annulé',
};

export const DECISION_LABELS: Record<ReviewDecision, string> = {
  pending: 'en attente',
  approved: 'accepté',
  refused: 'refusé',
  documents_requested: 'pièces demandées',
};

export const REFUSAL_REASON_LABELS: Record<RefusalReason, string> = {
  rent_arrears: 'Impayés de loyer',
  income_above_ceiling: 'Revenus supérieurs au plafond',
  household_unsuited: 'Logement inadapté au foyer',
  incomplete_file: 'Dossier incomplet',
  other: 'Autre motif',
};
