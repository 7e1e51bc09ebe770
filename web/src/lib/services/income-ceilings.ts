/** Income ceilings per year, financing and household category, for Armos (GET·PUT /api/admin/income-ceilings). */
import { api } from '$lib/api';
import type { IncomeCeilingYear } from '$shared/schemas/income-ceilings';

export type StoredCeilingYear = IncomeCeilingYear & { updatedAt?: string; updatedBy?: string };

export const listIncomeCeilings = () =>
  api.get<{ years: StoredCeilingYear[] }>('/admin/income-ceilings');
export const saveIncomeCeilings = (table: IncomeCeilingYear) =>
  api.put<{ years: StoredCeilingYear[] }>('/admin/income-ceilings', table);
