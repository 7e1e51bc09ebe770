/** "Mon compte": my name, phone and notices, my data (docs/api.md "Auth and accounts"). */
import type { z } from 'zod';
import { api } from '$lib/api';
import type { updateMeBodySchema } from '$shared/schemas/auth';
import type { SessionUser } from './auth';

export type AccountChanges = z.infer<typeof updateMeBodySchema>;
export type ProposalFrequency = NonNullable<NonNullable<SessionUser['notifications']>['proposals']>;

export const updateAccount = (changes: AccountChanges) => api.patch<SessionUser>('/me', changes);

export const deleteAccount = () => api.delete<void>('/me');

/** Same origin and the session cookie: the browser downloads the JSON file itself. */
export const EXPORT_URL = '/api/me/export';
