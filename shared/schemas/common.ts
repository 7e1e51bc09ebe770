/** Schemas shared by every part of the API contract. */
import { z } from 'zod';
import { RECEPTION_POINT_KINDS } from '../reference/vocabulary';

export const errorCodeSchema = z.enum([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
]);

/** What is wrong with one field of a request: `path` names the field, dotted. */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: errorCodeSchema,
      message: z.string(),
      issues: z.array(fieldIssueSchema).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

/** Ids are opaque strings; bounded and plain so that no id can smuggle a path or an expression. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'Identifiant invalide.' });

export const receptionPointBodySchema = z
  .strictObject({
    kind: z.enum(RECEPTION_POINT_KINDS, { error: 'Le type doit être PILS ou GADLS.' }),
    name: z.string().trim().min(3, { error: 'Indiquez le nom du point d’accueil.' }).max(120),
    communeCode: z.string().regex(/^974\d{2}$/, { error: 'Commune inconnue.' }),
    place: z.string().trim().min(3, { error: 'Indiquez le lieu (adresse ou bâtiment).' }).max(200),
  })
  .meta({ id: 'ReceptionPointBody' });

export const receptionPointSchema = receptionPointBodySchema
  .extend({ id: z.string() })
  .meta({ id: 'ReceptionPoint' });

/** Where an agent helps tenants without internet or e-mail; Armos keeps the list. */
export type ReceptionPoint = z.infer<typeof receptionPointSchema>;

export const communeSchema = z.object({ code: z.string(), name: z.string() });
export const quartierSchema = z.object({
  id: z.string(),
  communeCode: z.string(),
  name: z.string(),
});
export const lessorSchema = z.object({ id: z.string(), name: z.string() });
/** A lessor as reference data keeps it: with the group it belongs to, which GET /api/ref leaves out. */
export const storedLessorSchema = lessorSchema.extend({ group: z.string().optional() });
export const motiveSchema = z.object({ id: z.string(), label: z.string() });

export const referenceSchema = z
  .object({
    communes: z.array(communeSchema),
    quartiers: z.array(quartierSchema),
    lessors: z.array(lessorSchema),
    typologies: z.array(z.string()),
    financings: z.array(z.string()),
    motives: z.array(motiveSchema),
    receptionPoints: z.array(receptionPointSchema),
  })
  .meta({ id: 'Reference' });

/** Reference data as the API serves it to the web (GET /api/ref). */
export type ReferenceView = z.infer<typeof referenceSchema>;
