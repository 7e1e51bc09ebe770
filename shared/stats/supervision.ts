/**
 * Armos's dashboard figures, computed from the swaps and the verification queues: swaps by status,
 * days from request to decision per lessor (median and 90th percentile), overdue reviews and
 * listings waiting for verification per lessor, households moved per month. Pure: the API reads,
 * this counts, the page draws.
 */
import {
  SWAP_STATUSES,
  isOverdue,
  type Swap,
  type SwapReview,
  type SwapStatus,
} from '../swap/lifecycle';
import type { SupervisionView } from '../schemas/supervision';

export type SupervisedSwap = Pick<
  Swap,
  'id' | 'status' | 'createdAt' | 'effectiveDate' | 'completedAt'
> & {
  participants: readonly unknown[];
  reviews: readonly Pick<SwapReview, 'lessorId' | 'decision' | 'dueAt' | 'decidedAt'>[];
};

export interface SupervisionInput {
  swaps: readonly SupervisedSwap[];
  /** Listings waiting for verification, per lessor id. */
  pendingVerifications: Readonly<Record<string, number>>;
  lessorIds: readonly string[];
  now: Date;
  /** How many months, up to the current one, the moves chart covers. */
  months: number;
}

const DAY_MS = 86_400_000;

/** The value at quantile `q` (0–1) of sorted `values`, by linear interpolation between ranks. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** `YYYY-MM` of the `count` months ending with the month of `now` (UTC), oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push(at.toISOString().slice(0, 7));
  }
  return months;
}

export function supervise(input: SupervisionInput): SupervisionView {
  const { swaps, now } = input;
  const byStatus = new Map<SwapStatus, number>(SWAP_STATUSES.map((s) => [s, 0]));
  const delays = new Map<string, number[]>(input.lessorIds.map((id) => [id, []]));
  const overdue = new Map<string, number>(input.lessorIds.map((id) => [id, 0]));
  const months = lastMonths(now, input.months);
  const moved = new Map<string, number>(months.map((m) => [m, 0]));

  for (const swap of swaps) {
    byStatus.set(swap.status, (byStatus.get(swap.status) ?? 0) + 1);
    const requested = new Date(swap.createdAt).getTime();
    for (const review of swap.reviews) {
      if (review.decidedAt && (review.decision === 'approved' || review.decision === 'refused')) {
        const days = (new Date(review.decidedAt).getTime() - requested) / DAY_MS;
        const list = delays.get(review.lessorId) ?? [];
        list.push(Math.max(days, 0));
        delays.set(review.lessorId, list);
      }
      // Only a review still expected counts as overdue: a settled swap waits for nobody.
      if (swap.status === 'under_review' && isOverdue(review as SwapReview, now))
        overdue.set(review.lessorId, (overdue.get(review.lessorId) ?? 0) + 1);
    }
    const movedOn =
      swap.status === 'completed' ? (swap.effectiveDate ?? swap.completedAt) : undefined;
    const month = movedOn?.slice(0, 7);
    if (month && moved.has(month)) moved.set(month, moved.get(month)! + swap.participants.length);
  }

  const lessorIds = [...new Set([...input.lessorIds, ...delays.keys(), ...overdue.keys()])];
  return {
    swapsByStatus: SWAP_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    decisionDays: lessorIds.map((lessorId) => {
      const sorted = [...(delays.get(lessorId) ?? [])].sort((a, b) => a - b);
      return {
        lessorId,
        decisions: sorted.length,
        medianDays: oneDecimal(quantile(sorted, 0.5)),
        p90Days: oneDecimal(quantile(sorted, 0.9)),
      };
    }),
    overdueReviews: lessorIds.map((lessorId) => ({ lessorId, count: overdue.get(lessorId) ?? 0 })),
    pendingVerifications: lessorIds.map((lessorId) => ({
      lessorId,
      count: input.pendingVerifications[lessorId] ?? 0,
    })),
    householdsMoved: months.map((month) => ({ month, households: moved.get(month) ?? 0 })),
    computedAt: now.toISOString(),
  };
}
