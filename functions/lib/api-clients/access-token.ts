/**
 * Access tokens of API clients: short-lived HS256 JWTs (jose) typed `at+jwt` (RFC 9068). The key
 * is derived by HKDF from the session secret (one secret to keep and rotate, resolved at cold
 * start like the others), under its own label, so a session token is never an access token and
 * the other way round. The API still reads the client on every call: revocation is immediate.
 */
import { hkdfSync } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { ulid } from 'ulid';

export const ACCESS_TOKEN_SECONDS = 3600;
const ISSUER = 'echange-kaz';
const AUDIENCE = 'echange-kaz-api';
const TYPE = 'at+jwt';

export interface AccessClaims {
  clientId: string;
  lessorId: string;
  tokenId: string;
  expiresAt: Date;
}

const keys = new Map<string, Uint8Array>();
function keyOf(sessionSecret: string): Uint8Array {
  let key = keys.get(sessionSecret);
  if (!key) {
    key = new Uint8Array(
      hkdfSync('sha256', sessionSecret, '', 'echange-kaz api-client access token', 32),
    );
    keys.set(sessionSecret, key);
  }
  return key;
}

export async function signAccessToken(
  sessionSecret: string,
  client: { clientId: string; lessorId: string },
  now: Date,
): Promise<{ token: string; expiresIn: number }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ lessorId: client.lessorId })
    .setProtectedHeader({ alg: 'HS256', typ: TYPE })
    .setSubject(client.clientId)
    .setJti(ulid(now.getTime()))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_SECONDS)
    .sign(keyOf(sessionSecret));
  return { token, expiresIn: ACCESS_TOKEN_SECONDS };
}

/** Whether a bearer token claims to be an access token (cheap; the signature is checked after). */
export function looksLikeAccessToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === TYPE;
  } catch (error) {
    // jose reports an undecodable header with a plain TypeError, not one of its own errors.
    if (error instanceof TypeError) return false;
    throw error;
  }
}

/** The claims of a valid access token, or undefined (forged, expired, a session token…). */
export async function readAccessToken(
  sessionSecret: string,
  token: string,
  now: Date,
): Promise<AccessClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(sessionSecret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TYPE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    if (!payload.sub || !payload.jti || !payload.exp || typeof payload.lessorId !== 'string')
      return undefined;
    return {
      clientId: payload.sub,
      lessorId: payload.lessorId,
      tokenId: payload.jti,
      expiresAt: new Date(payload.exp * 1000),
    };
  } catch (error) {
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
}
