/** Staff accounts, for Armos (docs/api.md "Auth and accounts"). */
import { api } from '$lib/api';
import type { CreateStaffBody } from '$shared/schemas/auth';
import type { StaffUser } from '$shared/schemas/staff';

export type { StaffUser };

export const listStaff = () => api.get<StaffUser[]>('/admin/users');
export const createStaff = (body: CreateStaffBody) => api.post<StaffUser>('/admin/users', body);
export const setStaffActive = (id: string, active: boolean) =>
  api.post<StaffUser>(
    `/admin/users/${encodeURIComponent(id)}/${active ? 'reactivate' : 'deactivate'}`,
  );
