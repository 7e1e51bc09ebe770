/** Users and roles (../shared/DESIGN.md "Who uses it"). */
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
  createdAt: string;
  updatedAt: string;
}
