/** The swap as stored: what the lifecycle (`shared/swap/lifecycle.ts`) moves from state to state. */
import { z } from 'zod';
import { REFUSAL_REASONS, REVIEW_DECISIONS, SWAP_STATUSES } from '../swap/statuses';
import { recordedConsentSchema } from './consent';
import { dwellingSchema, typologySchema } from './listing';

export const swapParticipantSchema = z.object({
  listingId: z.string(),
  ownerId: z.string(),
  /** Lessor of this participant's own dwelling. */
  lessorId: z.string(),
  /** The listing whose dwelling this household moves into. */
  movesInto: z.string(),
  confirmed: z.boolean(),
  confirmedAt: z.string().optional(),
});

export const swapReviewSchema = z.object({
  listingId: z.string().describe('Le logement dans lequel le foyer entre'),
  /** That dwelling's lessor, who reviews. */
  lessorId: z.string(),
  incomingListingId: z.string().describe('Le foyer qui entre'),
  decision: z.enum(REVIEW_DECISIONS),
  reason: z.enum(REFUSAL_REASONS).optional(),
  comment: z.string().optional(),
  caleolDate: z.string().optional(),
  dueAt: z.string(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  remindedAt: z.string().optional(),
  escalated: z.boolean().optional(),
  escalatedAt: z.string().optional(),
});

/** The dwelling a chain releases: its last mover's, returned to its lessor at the effective date. */
export const releasedDwellingSchema = z.object({
  listingId: z.string(),
  lessorId: z.string(),
  communeCode: z.string(),
  quartierId: z.string(),
  typology: typologySchema,
});

/** A chain of mutation: a lessor's vacant dwelling, entered by the first mover (`shared/swap/chain.ts`). */
export const swapChainSchema = z.object({
  vacancyId: z.string(),
  vacancyLessorId: z.string(),
  /** The vacant dwelling as it was offered (nobody rents it: no tenancy reference). */
  vacancy: dwellingSchema.omit({ tenancyRef: true }),
  released: releasedDwellingSchema,
});

/** A swap as stored; `swapViewSchema` (`shared/schemas/swap.ts`) is what each reader sees of it. */
export const swapSchema = z.object({
  id: z.string(),
  matchId: z.string(),
  kind: z.enum(['2-way', '3-way', 'chain']),
  status: z.enum(SWAP_STATUSES),
  /**
   * Each participant moves into `movesInto`: in a cycle participants[i] into the dwelling of
   * participants[i + 1]; in a chain participants[0] into the vacancy, participants[i] into the
   * dwelling of participants[i - 1].
   */
  participants: z.array(swapParticipantSchema),
  /** A chain only. */
  chain: swapChainSchema.optional(),
  reviews: z.array(swapReviewSchema),
  /** The listing whose household asked for the swap. */
  requestedBy: z.string(),
  lessorIds: z.array(z.string()),
  dueAt: z.string().optional(),
  underReviewAt: z.string().optional(),
  approvedAt: z.string().optional(),
  refusedAt: z.string().optional(),
  effectiveDate: z.string().optional(),
  completedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  cancelReason: z.string().optional(),
  cancelledBy: z.enum(['participant', 'armos']).optional(),
  /** How assisted tenants agreed to the request or confirmation their reception agent made. */
  consents: z.array(recordedConsentSchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export type SwapParticipant = z.infer<typeof swapParticipantSchema>;
export type SwapReview = z.infer<typeof swapReviewSchema>;
export type Swap = z.infer<typeof swapSchema>;
export type SwapChain = z.infer<typeof swapChainSchema>;
export type ReleasedDwelling = z.infer<typeof releasedDwellingSchema>;
