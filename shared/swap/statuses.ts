/**
 * The states of a swap and of each lessor's review, and the reasons of a refusal: plain values,
 * shared by the lifecycle, the schemas and the web pages without bringing zod along.
 */
export const SWAP_STATUSES = [
  'awaiting_confirmations',
  'under_review',
  'approved',
  'completed',
  'refused',
  'cancelled',
] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];

export const REVIEW_DECISIONS = ['pending', 'approved', 'refused', 'documents_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REFUSAL_REASONS = [
  'rent_arrears',
  'income_above_ceiling',
  'household_unsuited',
  'incomplete_file',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
