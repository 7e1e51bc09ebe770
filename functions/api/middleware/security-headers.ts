/**
 * Secure headers on every API response; HSTS only where the app is served over HTTPS.
 * `photoUploadOrigin` (the bucket's address: s3rver locally, the bucket's regional endpoint on
 * AWS in infra/lib/csp.ts) is where the browser PUTs photos: allowed in connect-src only.
 * Photos are read from the app's own origin (`/photos/…`), so img-src stays 'self'.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export function securityHeaders(options: {
  https: boolean;
  photoUploadOrigin?: string;
}): MiddlewareHandler {
  const uploads = options.photoUploadOrigin ? [new URL(options.photoUploadOrigin).origin] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'", ...uploads],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: options.https ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginResourcePolicy: 'same-origin',
  });
}
