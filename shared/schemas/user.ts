/** Users and roles (docs/design.md "Who uses it"). */
import { z } from 'zod';

export const ROLES = ['tenant', 'accueil', 'lessor', 'armos', 'cinor'] as const;
export const STAFF_ROLES = ['accueil', 'lessor', 'armos', 'cinor'] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const emailSchema = z
  .string({ error: "L'adresse e-mail est obligatoire." })
  .trim()
  .toLowerCase()
  .max(254, { error: "L'adresse e-mail est trop longue." })
  .pipe(z.email({ error: "L'adresse e-mail n'est pas valide." }));

/**
 * A person's name as others see it (proposals, swap files, mails): letters of any alphabet,
 * spaces, apostrophes and hyphens, 60 characters at most. Nothing that could pass for a link,
 * markup or an instruction, since others read it.
 */
export const displayNameSchema = z
  .string({ error: 'Le nom est obligatoire.' })
  .trim()
  .min(1, { error: 'Le nom ne peut pas être vide.' })
  .max(60, { error: 'Le nom est trop long (60 caractères au plus).' })
  .regex(/^[\p{L}\p{M}]+(?:[ '’-]+[\p{L}\p{M}]+)*$/u, {
    error:
      'Le nom ne peut contenir que des lettres, des espaces, des apostrophes et des traits d’union.',
  });

/** How often new proposals are announced; actions required of the user are always mailed. */
export const PROPOSAL_FREQUENCIES = ['daily', 'weekly', 'never'] as const;
export type ProposalFrequency = (typeof PROPOSAL_FREQUENCIES)[number];

/** A user as stored; `userSchema` (`auth.ts`) is what the API says of the signed-in user. */
export const storedUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  lessorId: z.string().optional(),
  displayName: z.string().optional(),
  phone: z.string().optional(),
  /** `email: false` silences every notice but the actions required; `proposals` paces the digest of new proposals. */
  notifications: z
    .object({
      email: z.boolean().optional(),
      proposals: z.enum(PROPOSAL_FREQUENCIES).optional(),
    })
    .optional(),
  /** Staff accounts Armos deactivated: no sign-in, every session refused. */
  deactivatedAt: z.string().optional(),
  deactivatedBy: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Last sign-in (tenants): 24 months without one, the account is erased (after a warning). */
  lastActiveAt: z.string().optional(),
});

export type User = z.infer<typeof storedUserSchema>;
