/**
 * The listing as the API speaks it (docs/api.md "Listings"). Field-level rules live here;
 * rules that need reference data (quartier belongs to its commune, known lessor…) live in
 * `shared/listing/validate.ts`.
 */
import { z } from 'zod';
import { FEATURES, FINANCINGS, TYPOLOGIES } from '../reference/index';
import { displayNameSchema } from './user';

const money = (label: string) =>
  z
    .number({ error: `${label} doit être un nombre (en euros).` })
    .min(0, { error: `${label} ne peut pas être négatif.` })
    .max(5000, { error: `${label} ne peut pas dépasser 5 000 €.` });

export const typologySchema = z.enum(TYPOLOGIES, {
  error: 'La typologie doit être T1, T2, T3, T4, T5 ou T6.',
});
export const financingSchema = z.enum(FINANCINGS, {
  error: 'Le financement doit être LLTS, LLS, PLS ou PLI.',
});
export const featureSchema = z.enum(FEATURES, {
  error: 'Équipement inconnu (balcon, jardin ou parking).',
});

export const dwellingSchema = z.strictObject({
  lessorId: z.string().min(1, { error: 'Choisissez votre bailleur.' }).max(40),
  tenancyRef: z.string().trim().min(1, { error: 'Indiquez votre référence de bail.' }).max(40),
  dwellingRef: z.string().trim().min(1, { error: 'Indiquez le numéro de votre logement.' }).max(40),
  communeCode: z.string().regex(/^974\d{2}$/, { error: 'Commune inconnue.' }),
  quartierId: z.string().min(1, { error: 'Choisissez un quartier.' }).max(80),
  typology: typologySchema,
  surface: z
    .number({ error: 'La surface doit être un nombre (en m²).' })
    .min(9, { error: 'La surface doit être d’au moins 9 m².' })
    .max(300, { error: 'La surface ne peut pas dépasser 300 m².' }),
  rent: money('Le loyer'),
  charges: money('Les charges'),
  floor: z
    .number({ error: "L'étage doit être un nombre entier." })
    .int({ error: "L'étage doit être un nombre entier." })
    .min(-1, { error: "L'étage doit être compris entre -1 et 40." })
    .max(40, { error: "L'étage doit être compris entre -1 et 40." }),
  lift: z.boolean({ error: 'Indiquez s’il y a un ascenseur (oui ou non).' }),
  accessible: z.boolean({ error: 'Indiquez si le logement est accessible PMR (oui ou non).' }),
  financing: financingSchema,
  features: z.array(featureSchema).max(FEATURES.length).default([]),
});

export const householdSchema = z.strictObject({
  adults: z
    .number({ error: "Le nombre d'adultes doit être un nombre entier." })
    .int({ error: "Le nombre d'adultes doit être un nombre entier." })
    .min(1, { error: 'Le foyer compte au moins un adulte.' })
    .max(10, { error: "Le nombre d'adultes ne peut pas dépasser 10." }),
  children: z
    .number({ error: "Le nombre d'enfants doit être un nombre entier." })
    .int({ error: "Le nombre d'enfants doit être un nombre entier." })
    .min(0, { error: "Le nombre d'enfants ne peut pas être négatif." })
    .max(15, { error: "Le nombre d'enfants ne peut pas dépasser 15." }),
  income: z
    .number({ error: 'Le revenu fiscal doit être un nombre (en euros par an).' })
    .min(0, { error: 'Le revenu fiscal ne peut pas être négatif.' })
    .max(1_000_000, { error: 'Le revenu fiscal semble trop élevé.' })
    .optional(),
});

export const needsSchema = z.strictObject({
  accessible: z.boolean().optional(),
  liftOrGroundFloor: z.boolean().optional(),
  maxFloor: z
    .number()
    .int()
    .min(0, { error: "L'étage maximum doit être compris entre 0 et 40." })
    .max(40)
    .optional(),
});

export const wishesSchema = z.strictObject({
  communes: z
    .array(z.string().regex(/^974\d{2}$/, { error: 'Commune inconnue.' }))
    .min(1, { error: 'Choisissez au moins une commune souhaitée.' })
    .max(10),
  quartiers: z.array(z.string().min(1).max(80)).max(100).default([]),
  typologies: z
    .array(typologySchema)
    .min(1, { error: 'Choisissez au moins une typologie souhaitée.' })
    .max(6),
  maxTotalRent: money('Le loyer maximum').optional(),
  minSurface: z
    .number({ error: 'La surface minimum doit être un nombre (en m²).' })
    .min(0)
    .max(300, { error: 'La surface minimum ne peut pas dépasser 300 m².' })
    .optional(),
  needs: needsSchema.default({}),
  features: z.array(featureSchema).max(FEATURES.length).default([]),
});

export const motiveIdSchema = z
  .string()
  .min(1, { error: 'Indiquez la raison de votre demande.' })
  .max(60);

export const listingInputSchema = z.strictObject({
  dwelling: dwellingSchema,
  household: householdSchema,
  motive: motiveIdSchema,
  wishes: wishesSchema,
});

export const LISTING_STATUSES = [
  'draft',
  'published',
  'engaged',
  'exchanged',
  'withdrawn',
  'expired',
  'suspended',
] as const;
export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;

export type ListingStatus = (typeof LISTING_STATUSES)[number];
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export type Dwelling = z.infer<typeof dwellingSchema>;
export type Household = z.infer<typeof householdSchema>;
export type Wishes = z.infer<typeof wishesSchema>;
export type ListingInput = z.infer<typeof listingInputSchema>;

export const onBehalfOfSchema = z.strictObject({
  name: displayNameSchema,
  email: z.email({ error: "L'adresse e-mail n'est pas valide." }).max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .-]{6,20}$/, { error: 'Le numéro de téléphone n’est pas valide.' })
    .optional(),
  consent: z.literal(true, {
    error: 'Le consentement du locataire doit être recueilli (consent: true).',
  }),
});

/** The tenant a reception agent creates a listing for. */
export type OnBehalfOf = z.infer<typeof onBehalfOfSchema>;

export const createListingBodySchema = listingInputSchema
  .extend({ onBehalfOf: onBehalfOfSchema.optional() })
  .meta({ id: 'CreateListingBody' });

export const updateListingBodySchema = z
  .strictObject({
    dwelling: dwellingSchema.optional(),
    household: householdSchema.optional(),
    motive: motiveIdSchema.optional(),
    wishes: wishesSchema.optional(),
  })
  .meta({ id: 'UpdateListingBody' });

export const verificationBodySchema = z
  .strictObject({
    verified: z.boolean({ error: 'Indiquez verified: true (vérifiée) ou false (rejetée).' }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500, { error: 'Le motif est trop long (500 caractères au plus).' })
      .optional(),
    nextRent: money('Le loyer après échange').optional(),
    nextCharges: money('Les charges après échange').optional(),
  })
  .refine((body) => body.verified || body.reason !== undefined, {
    path: ['reason'],
    error: 'Indiquez le motif du rejet : le locataire le recevra.',
  })
  .refine(
    (body) => body.verified || (body.nextRent === undefined && body.nextCharges === undefined),
    {
      path: ['nextRent'],
      error: 'Le loyer après échange se précise en vérifiant l’annonce, pas en la rejetant.',
    },
  )
  .meta({ id: 'VerificationBody' });

export type VerificationBody = z.infer<typeof verificationBodySchema>;

/** Recorded when a reception agent creates a listing on a tenant's behalf. */
export const assistanceSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  consentAt: z.string(),
});

/**
 * A listing as stored: what its owner, its lessor and Armos read (`listingSchema` in
 * `listing-views.ts` is this without storage fields, plus the rent after the swap).
 */
export const storedListingSchema = listingInputSchema.extend({
  id: z.string(),
  status: z.enum(LISTING_STATUSES),
  verification: z.enum(VERIFICATION_STATUSES),
  publishedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ownerId: z.string(),
  verificationReason: z.string().optional(),
  /** Stated by the lessor at verification: what the incoming household would pay (`shared/listing/next-rent.ts`). */
  nextRent: z.number().optional(),
  nextCharges: z.number().optional(),
  assistance: assistanceSchema.optional(),
  /** Optimistic concurrency: every write checks and increments it. */
  version: z.number().int(),
});

export type Assistance = z.infer<typeof assistanceSchema>;
export type Listing = z.infer<typeof storedListingSchema>;
