/** Proposals as the API returns them (docs/api.md "Matches"). */
import { z } from 'zod';
import { INTERESTS, MATCH_STATUSES } from '../match/statuses';
import { consentSchema, recordedConsentSchema } from './consent';
import { typologySchema } from './listing';
import { publicDwellingSchema, receivedDwellingSchema } from './listing-views';
import { ceilingCheckSchema } from './swap';

/** A cycle of two or three households, or a chain started by a lessor's vacant dwelling. */
export const MATCH_KINDS = ['2-way', '3-way', 'chain'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** "Pourquoi cette proposition ?", as the engine words it (`shared/matching/explain.ts`). */
export const explanationSchema = z.object({
  /** e.g. "T3 à Sainte-Clotilde (Saint-Denis), 620 € charges comprises, 12 m² de plus" */
  summary: z.string(),
  reasons: z.array(z.string()),
});

export const releasedDwellingSchema = z
  .object({ lessorId: z.string(), typology: typologySchema, quartierId: z.string() })
  .meta({ id: 'ReleasedDwelling' });

export const interestBodySchema = z
  .strictObject({
    interested: z.boolean({ error: 'Indiquez interested: true (oui) ou false (non).' }),
    /** Required when a reception agent answers for the tenant. */
    consent: consentSchema.optional(),
  })
  .meta({ id: 'InterestBody' });

export const messageBodySchema = z
  .strictObject({
    text: z
      .string({ error: 'Le message est obligatoire.' })
      .trim()
      .min(1, { error: 'Le message est vide.' })
      .max(1000, { error: 'Le message est trop long (1 000 caractères au plus).' }),
  })
  .meta({ id: 'MessageBody' });

export const interestSchema = z.enum(INTERESTS);

export const visitReportSchema = z.object({
  /** After visiting the dwelling this participant would move into. */
  suitable: z.boolean(),
  at: z.string(),
});

export const matchParticipantViewSchema = z.object({
  listingId: z.string(),
  isMe: z.boolean(),
  interest: interestSchema,
  receives: receivedDwellingSchema,
  contact: z
    .object({
      displayName: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
  /** Verified by its lessor: contacts open only when every listing of the proposal is. */
  verified: z.boolean(),
  visit: visitReportSchema.optional(),
});

export const visitBodySchema = z
  .strictObject({
    suitable: z.boolean({
      error: 'Indiquez suitable: true (le logement me convient) ou false (il ne me convient pas).',
    }),
    /** Required when a reception agent reports the visit for the tenant. */
    consent: consentSchema.optional(),
  })
  .meta({ id: 'VisitBody' });

export const matchViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(MATCH_KINDS),
    status: z.enum(MATCH_STATUSES),
    score: z.number(),
    explanation: explanationSchema,
    recommended: z.boolean(),
    participants: z.array(matchParticipantViewSchema),
    /** Phone and e-mail are shown: everyone said yes and every listing is verified by its lessor. */
    contactsOpen: z.boolean(),
    /** How the assisted tenant agreed to each step their reception agent took for them. */
    consents: z.array(recordedConsentSchema).optional(),
    /** The swap requested from this proposal, for its participants. */
    swapId: z.string().optional(),
    /** GET /matches/:id only: the viewer's income against the ceiling of the dwelling it would enter (information). */
    incomeCheck: ceilingCheckSchema.optional(),
    createdAt: z.string(),
    /** A chain only: the vacant dwelling the first participant moves into. */
    vacancy: publicDwellingSchema.optional(),
    /** A chain only: the last participant's dwelling, which returns to its lessor. */
    released: releasedDwellingSchema.optional(),
  })
  .meta({ id: 'Match' });

/** One change of the wishes and what it would add (`shared/matching/widen.ts`). */
export const widenViewSchema = z
  .object({
    change: z.object({
      field: z.enum(['quartiers', 'communes', 'typologies', 'maxTotalRent', 'minSurface', 'needs']),
      /** A quartier id, a commune code, a typology, a total rent (€), a surface (m²) or a need's name. */
      value: z.union([z.string(), z.number()]),
    }),
    more2: z.number().int(),
    more3: z.number().int(),
    /** "En acceptant aussi un T4, vous auriez 7 échanges possibles de plus, dont 2 directs." */
    text: z.string(),
  })
  .meta({ id: 'Widening' });

export const matchSummarySchema = z
  .object({
    listingId: z.string(),
    count2: z.number(),
    count3: z.number(),
    wanters: z.number(),
    /** How many proposals GET /matches lists. */
    stored: z.number(),
    /** How many of them wait for this listing's answer (`filter=awaiting-me`). */
    awaitingMe: z.number(),
    /** How many of them everyone agreed to (`filter=mutual`). */
    mutual: z.number(),
    computedAt: z.string().optional(),
    /** Ce qui élargirait vos propositions: at most 3 single changes of the wishes, best first; empty when none adds a cycle. */
    widen: z.array(widenViewSchema),
  })
  .meta({ id: 'MatchSummary' });

export const messageSchema = z
  .object({
    id: z.string(),
    fromMe: z.boolean(),
    author: z.string(),
    text: z.string(),
    sentAt: z.string(),
  })
  .meta({ id: 'Message' });

export type MatchView = z.infer<typeof matchViewSchema>;
export type WidenView = z.infer<typeof widenViewSchema>;
