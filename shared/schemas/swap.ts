/** Swaps as the API speaks them (docs/api.md "Swaps"). */
import { z } from 'zod';
import { decisionIssues } from '../swap/review-decision';
import { REFUSAL_REASONS, SWAP_STATUSES } from '../swap/statuses';
import { FINANCINGS, TYPOLOGIES } from '../reference/index';
import { idSchema } from './common';
import { consentSchema } from './consent';
import { publicDwellingSchema } from './listing-views';
import { swapParticipantSchema, swapReviewSchema, swapSchema } from './swap-record';

/** A calendar day, YYYY-MM-DD, that exists. */
export const daySchema = (label: string) =>
  z
    .string({ error: `${label} est obligatoire (AAAA-MM-JJ).` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} doit être au format AAAA-MM-JJ.` })
    .refine(
      (day) => {
        const date = new Date(`${day}T00:00:00Z`);
        return (
          !Number.isNaN(date.getTime()) &&
          date.toISOString().startsWith(day) &&
          day >= '2000-01-01' &&
          day <= '2100-12-31'
        );
      },
      { error: `${label} n’est pas une date valide.` },
    );

export const createSwapBodySchema = z
  .strictObject({
    matchId: idSchema,
    /** Required when a reception agent requests the swap for the tenant. */
    consent: consentSchema.optional(),
  })
  .meta({ id: 'CreateSwapBody' });

/** Optional body: only a reception agent confirming for the tenant sends one (with the consent). */
export const confirmSwapBodySchema = z
  .strictObject({ consent: consentSchema.optional() })
  .meta({ id: 'ConfirmSwapBody' });

export const reviewBodySchema = z
  .strictObject({
    listingId: idSchema,
    decision: z.enum(['approved', 'refused', 'documents_requested'], {
      error: 'La décision doit être approved, refused ou documents_requested.',
    }),
    reason: z
      .enum(REFUSAL_REASONS, {
        error:
          'Motif inconnu (rent_arrears, income_above_ceiling, household_unsuited, incomplete_file ou other).',
      })
      .optional(),
    caleolDate: daySchema('La date de CALEOL').optional(),
    comment: z
      .string()
      .trim()
      .min(1, { error: 'Le commentaire est vide.' })
      .max(1000, { error: 'Le commentaire est trop long (1 000 caractères au plus).' })
      .optional(),
  })
  .superRefine((body, ctx) => {
    for (const issue of decisionIssues(body))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .meta({ id: 'ReviewBody' });

export const completeBodySchema = z
  .strictObject({ effectiveDate: daySchema('La date d’effet') })
  .meta({ id: 'CompleteSwapBody' });

export const cancelBodySchema = z
  .strictObject({
    reason: z
      .string({ error: 'Indiquez pourquoi vous annulez l’échange.' })
      .trim()
      .min(1, { error: 'Indiquez pourquoi vous annulez l’échange.' })
      .max(500, { error: 'Le motif est trop long (500 caractères au plus).' }),
  })
  .meta({ id: 'CancelSwapBody' });

export const swapListQuerySchema = z.object({
  status: z.enum(SWAP_STATUSES, { error: 'État inconnu.' }).optional(),
  lessorId: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).optional(),
});

export const ceilingCheckSchema = z.union([
  z.object({ status: z.literal('not_configured') }),
  z.object({ status: z.literal('income_unknown'), year: z.number() }),
  z.object({
    status: z.enum(['below', 'above']),
    year: z.number(),
    ceiling: z.number(),
    income: z.number(),
    financing: z.enum(FINANCINGS).optional(),
    category: z.number().optional(),
  }),
]);

export const reviewInfoSchema = z
  .object({
    adults: z.number(),
    children: z.number(),
    occupants: z.number(),
    rooms: z.number(),
    surface: z.number(),
    /** Minimum surface for the household under the occupancy norm. */
    minSurface: z.number(),
    overOccupied: z.boolean(),
    underOccupied: z.boolean(),
    /** The household's declared annual taxable income, when given. */
    declaredIncome: z.number().optional(),
    ceilingCheck: ceilingCheckSchema,
  })
  .meta({ id: 'ReviewInfo' });

/** A lessor's review as its readers see it: who decided and the reminders stay inside. */
export const swapReviewViewSchema = swapReviewSchema
  .pick({
    listingId: true,
    lessorId: true,
    incomingListingId: true,
    decision: true,
    reason: true,
    comment: true,
    caleolDate: true,
    dueAt: true,
    decidedAt: true,
    escalated: true,
  })
  .extend({
    overdue: z.boolean(),
    info: reviewInfoSchema.optional().describe('Pour les bailleurs et Armos seulement'),
  });

export const swapParticipantViewSchema = swapParticipantSchema
  .pick({ listingId: true, confirmed: true, confirmedAt: true, movesInto: true })
  .extend({
    isMe: z.boolean(),
    dwelling: publicDwellingSchema,
    contact: z
      .object({
        displayName: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
      })
      .optional(),
  });

/** A chain of mutation: the vacancy entered first, and the dwelling the last mover releases. */
export const swapChainViewSchema = z
  .object({
    vacancyId: z.string().describe('Le logement vacant, dans lequel entre le premier foyer'),
    vacancyLessorId: z.string(),
    vacancy: publicDwellingSchema,
    released: z.object({
      listingId: z.string().describe('L’annonce du dernier foyer, dont le logement est libéré'),
      lessorId: z.string(),
      communeCode: z.string(),
      quartierId: z.string(),
      typology: z.enum(TYPOLOGIES),
      freeFrom: z
        .string()
        .optional()
        .describe('Date à laquelle le logement est libre (la date d’effet, une fois réalisé)'),
    }),
  })
  .meta({ id: 'SwapChain' });

export const swapViewSchema = swapSchema
  .pick({
    id: true,
    matchId: true,
    kind: true,
    status: true,
    requestedBy: true,
    lessorIds: true,
    dueAt: true,
    effectiveDate: true,
    cancelReason: true,
    consents: true,
    createdAt: true,
    updatedAt: true,
    underReviewAt: true,
    approvedAt: true,
    refusedAt: true,
    completedAt: true,
    cancelledAt: true,
  })
  .extend({
    chain: swapChainViewSchema.optional().describe('Une chaîne de mutation seulement'),
    participants: z.array(swapParticipantViewSchema),
    reviews: z.array(swapReviewViewSchema),
    actions: z.object({
      confirm: z.boolean(),
      cancel: z.boolean(),
      review: z.array(z.string()).describe('Logements dont je peux rendre la décision'),
      complete: z.boolean(),
      file: z.boolean(),
    }),
  })
  .meta({ id: 'Swap' });

export const swapPageSchema = z
  .object({ items: z.array(swapViewSchema), nextCursor: z.string().optional() })
  .meta({ id: 'SwapPage' });

export type SwapView = z.infer<typeof swapViewSchema>;
export type CeilingCheck = z.infer<typeof ceilingCheckSchema>;
export type ReviewInfo = z.infer<typeof reviewInfoSchema>;
export type ReviewBody = z.infer<typeof reviewBodySchema>;
