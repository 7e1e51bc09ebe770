/** Sign-in, the signed-in user and staff accounts (docs/api.md "Auth and accounts"). */
import { z } from 'zod';
import {
  PROPOSAL_FREQUENCIES,
  STAFF_ROLES,
  displayNameSchema,
  emailSchema,
  storedUserSchema,
} from './user';

export const loginBodySchema = z.strictObject({ email: emailSchema }).meta({ id: 'LoginBody' });

export const verifyBodySchema = z
  .strictObject({
    token: z
      .string({ error: 'Le lien de connexion est incomplet.' })
      .min(20, { error: 'Le lien de connexion est incomplet.' })
      .max(128, { error: 'Le lien de connexion est invalide.' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'Le lien de connexion est invalide.' }),
  })
  .meta({ id: 'VerifyBody' });

/** The signed-in user as the API says it: its notice settings with their defaults filled in. */
export const userSchema = storedUserSchema
  .pick({ id: true, email: true, role: true, lessorId: true, displayName: true, phone: true })
  .extend({
    notifications: z
      .object({ email: z.boolean(), proposals: z.enum(PROPOSAL_FREQUENCIES) })
      .optional(),
  })
  .meta({ id: 'User' });

export const sessionResponseSchema = z
  .object({ user: userSchema, sessionToken: z.string() })
  .meta({ id: 'Session' });

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{6,20}$/, {
    error: 'Le numéro de téléphone n’est pas valide (chiffres, espaces, + au début).',
  });

export const updateMeBodySchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    phone: phoneSchema.or(z.literal('')).optional(),
    notifications: z
      .strictObject({
        email: z.boolean().optional(),
        proposals: z
          .enum(PROPOSAL_FREQUENCIES, {
            error: 'La fréquence des nouvelles propositions doit être daily, weekly ou never.',
          })
          .optional(),
      })
      .optional(),
  })
  .meta({ id: 'UpdateMeBody' });

export const createStaffBodySchema = z
  .strictObject({
    email: emailSchema,
    role: z.enum(STAFF_ROLES, { error: 'Le rôle doit être accueil, lessor, armos ou cinor.' }),
    lessorId: z.string().min(1).max(40).optional(),
    displayName: displayNameSchema.optional(),
  })
  .refine((body) => body.role !== 'lessor' || body.lessorId !== undefined, {
    path: ['lessorId'],
    error: 'Un agent de bailleur doit être rattaché à un bailleur (lessorId).',
  })
  .refine((body) => body.role === 'lessor' || body.lessorId === undefined, {
    path: ['lessorId'],
    error: 'Seul un agent de bailleur est rattaché à un bailleur.',
  })
  .meta({ id: 'CreateStaffBody' });

export type LoginBody = z.infer<typeof loginBodySchema>;
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;
export type CreateStaffBody = z.infer<typeof createStaffBodySchema>;
