/**
 * Sign-in by e-mail link and the current user (docs/api.md "Auth and accounts").
 * Types come from the API's own schemas; `import type` keeps zod out of the bundle of every page.
 */
import type { z } from 'zod';
import { api } from '$lib/api';
import type { sessionResponseSchema, userSchema } from '$shared/schemas/auth';

export type { Role } from '$shared/schemas/user';
export type SessionUser = z.infer<typeof userSchema>;

export const requestSignInLink = (email: string) => api.post<void>('/auth/login', { email });

export const verifySignInToken = (token: string) =>
  api.post<z.infer<typeof sessionResponseSchema>>('/auth/verify', { token });

export const signOut = () => api.post<void>('/auth/logout');

export const getMe = () => api.get<SessionUser>('/me');
