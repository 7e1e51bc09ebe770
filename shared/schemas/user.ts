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

export interface User {
  id: string;
  email: string;
  role: Role;
  lessorId?: string;
  displayName?: string;
  phone?: string;
  /** `email: false` silences every notice but the actions required; `proposals` paces the digest of new proposals. */
  notifications?: { email?: boolean; proposals?: ProposalFrequency };
  /** Staff accounts Armos deactivated: no sign-in, every session refused. */
  deactivatedAt?: string;
  deactivatedBy?: string;
  createdAt: string;
  updatedAt: string;
  /** Last sign-in (tenants): 24 months without one, the account is erased (after a warning). */
  lastActiveAt?: string;
}
