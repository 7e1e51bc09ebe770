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

export interface User {
  id: string;
  email: string;
  role: Role;
  lessorId?: string;
  displayName?: string;
  phone?: string;
  notifications?: { email: boolean };
  createdAt: string;
  updatedAt: string;
  /** Last sign-in (tenants): 24 months without one, the account is erased (after a warning). */
  lastActiveAt?: string;
}
