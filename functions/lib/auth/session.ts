/**
 * Session tokens: HMAC-signed JWTs (jose) carrying the user's id and role, valid for
 * `SESSION_DAYS`; a logout records the token's id as revoked until it would have expired.
 */
import { SignJWT, errors, jwtVerify } from 'jose';
import { ulid } from 'ulid';
import type { Role } from '../../../shared/schemas/user';

export const SESSION_DAYS = 14;
export const SESSION_COOKIE = 'kaz_session';
const ISSUER = 'echange-kaz';

export interface SessionClaims {
  userId: string;
  role: Role;
  lessorId?: string;
  sessionId: string;
  expiresAt: Date;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signSession(
  secret: string,
  user: { id: string; role: Role; lessorId?: string },
  now: Date,
): Promise<{ token: string; claims: SessionClaims }> {
  const sessionId = ulid(now.getTime());
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  const token = await new SignJWT({
    role: user.role,
    ...(user.lessorId ? { lessorId: user.lessorId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setJti(sessionId)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyOf(secret));
  return {
    token,
    claims: { userId: user.id, role: user.role, lessorId: user.lessorId, sessionId, expiresAt },
  };
}

/** The claims of a valid token, or undefined for a forged, expired or malformed one. */
export async function readSession(
  secret: string,
  token: string,
  now: Date,
): Promise<SessionClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      currentDate: now,
    });
    if (!payload.sub || !payload.jti || !payload.exp || typeof payload.role !== 'string')
      return undefined;
    return {
      userId: payload.sub,
      role: payload.role as Role,
      lessorId: typeof payload.lessorId === 'string' ? payload.lessorId : undefined,
      sessionId: payload.jti,
      expiresAt: new Date(payload.exp * 1000),
    };
  } catch (error) {
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
}
