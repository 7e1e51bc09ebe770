/**
 * Sign-in by e-mail link and the current user (API.md "Auth and accounts").
 * `SessionUser` mirrors the API's user object; move it to `shared/schemas/` when the user schema
 * lands there, and import it from `$shared` instead.
 */
import { api } from '$lib/api';

export type Role = 'tenant' | 'accueil' | 'lessor' | 'armos' | 'cinor';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  lessorId?: string;
  displayName?: string;
  phone?: string;
}

export const requestSignInLink = (email: string) => api.post<void>('/auth/login', { email });

export const verifySignInToken = (token: string) =>
  api.post<{ user: SessionUser; sessionToken: string }>('/auth/verify', { token });

export const signOut = () => api.post<void>('/auth/logout');

export const getMe = () => api.get<SessionUser>('/me');
