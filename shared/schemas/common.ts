/** Schemas shared by every part of the API contract. */
import { z } from 'zod';

export const errorCodeSchema = z.enum([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
]);

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: errorCodeSchema,
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
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

export const referenceSchema = z
  .object({
    communes: z.array(z.object({ code: z.string(), name: z.string() })),
    quartiers: z.array(z.object({ id: z.string(), communeCode: z.string(), name: z.string() })),
    lessors: z.array(z.object({ id: z.string(), name: z.string() })),
    typologies: z.array(z.string()),
    financings: z.array(z.string()),
    motives: z.array(z.object({ id: z.string(), label: z.string() })),
  })
  .meta({ id: 'Reference' });
