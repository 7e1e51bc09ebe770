/** Staff accounts, for Armos (docs/api.md "Auth and accounts"). */
import { api } from '$lib/api';
import type { CreateStaffBody } from '$shared/schemas/auth';
import type { SessionUser } from './auth';

export const listStaff = () => api.get<SessionUser[]>('/admin/users');
export const createStaff = (body: CreateStaffBody) => api.post<SessionUser>('/admin/users', body);
