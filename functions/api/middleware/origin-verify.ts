/**
 * In production only CloudFront reaches the API: the distribution adds the origin-verify header
 * (infra/lib/origin-verify.ts), and any request without one of the accepted values (the current
 * secret, and the previous one during a rotation) is refused before anything else runs, so it
 * can neither read nor count anything. Locally no secret is configured: nothing is checked, and
 * the viewer-address header is never believed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context';
import { errorBody } from '../errors';
import { ORIGIN_VERIFY_HEADER } from '../origin-headers';

/** Compares digests: equal lengths for timingSafeEqual, and nothing learnt from timing. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function originVerify(secrets: readonly string[] | undefined): MiddlewareHandler<ApiEnv> {
  const accepted = (secrets ?? []).map(digest);
  return async (c, next) => {
    if (accepted.length === 0) {
      c.set('originVerified', false);
      return next();
    }
    const sent = c.req.header(ORIGIN_VERIFY_HEADER);
    const sentDigest = sent ? digest(sent) : undefined;
    if (!sentDigest || !accepted.some((value) => timingSafeEqual(value, sentDigest))) {
      return c.json(
        errorBody(
          'forbidden',
          'Accès refusé : le service est joignable uniquement par son adresse publique.',
        ),
        403,
      );
    }
    c.set('originVerified', true);
    return next();
  };
}
