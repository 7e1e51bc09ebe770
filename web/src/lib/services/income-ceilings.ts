/** Income ceilings per year, financing and household category, for Armos (GET·PUT /api/admin/income-ceilings). */
import { api } from '$lib/api';
import type {
  IncomeCeilingYear,
  IncomeCeilingsView,
  StoredIncomeCeilingYear,
} from '$shared/schemas/income-ceilings';

export type StoredCeilingYear = StoredIncomeCeilingYear;

export const listIncomeCeilings = () => api.get<IncomeCeilingsView>('/admin/income-ceilings');
export const saveIncomeCeilings = (table: IncomeCeilingYear) =>
  api.put<IncomeCeilingsView>('/admin/income-ceilings', table);
