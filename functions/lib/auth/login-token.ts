/** Single-use sign-in links: only a hash of the token is stored, and it expires by TTL. */
import { createHash, randomBytes } from 'node:crypto';

export const LOGIN_TOKEN_MINUTES = 15;

export function newLoginToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLoginToken(token) };
}

export function hashLoginToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
