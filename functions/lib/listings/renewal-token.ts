/**
 * The one-click renewal link of the expiry mails: an HMAC-signed JWT (jose) naming the listing
 * and the publication period it extends (`expiresAt` when the mail was written). Once that
 * period has been extended the same link changes nothing, so it works once and is idempotent.
 * Its key is derived from the session secret for this purpose only: it can never pass for a
 * session token, nor a session token for it.
 */
import { createHmac } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

const ISSUER = 'echange-kaz';
const AUDIENCE = 'listing-renewal';
const PURPOSE = 'renew';
/** The link stays usable a while after the listing expired: renewing an expired listing is allowed. */
export const RENEWAL_LINK_GRACE_DAYS = 60;

export interface RenewalClaims {
  listingId: string;
  /** The `expiresAt` of the period the link extends. */
  period: string;
}

const keyOf = (secret: string) =>
  createHmac('sha256', secret).update('listing-renewal-link').digest();

export async function signRenewalToken(
  secret: string,
  claims: RenewalClaims,
  now: Date,
): Promise<string> {
  const exp = new Date(claims.period).getTime() + RENEWAL_LINK_GRACE_DAYS * 86_400_000;
  return new SignJWT({ purpose: PURPOSE, period: claims.period })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.listingId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(exp / 1000))
    .sign(keyOf(secret));
}

/** The claims of a valid link, or undefined for a forged, expired or malformed one. */
export async function readRenewalToken(
  secret: string,
  token: string,
  now: Date,
): Promise<RenewalClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    if (payload.purpose !== PURPOSE || !payload.sub || typeof payload.period !== 'string')
      return undefined;
    return { listingId: payload.sub, period: payload.period };
  } catch (error) {
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
}

export const renewalLink = (appUrl: string, token: string) =>
  `${appUrl}/mon-annonce/prolonger?token=${encodeURIComponent(token)}`;
