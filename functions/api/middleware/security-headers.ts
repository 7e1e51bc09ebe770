/**
 * Secure headers on every API response; HSTS only where the app is served over HTTPS.
 * `photosOrigin` (the configured S3 endpoint, set locally) is where the browser PUTs photos and
 * loads their short-lived links from: allowed in connect-src and img-src, nothing else.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export function securityHeaders(options: { https: boolean; photosOrigin?: string }): MiddlewareHandler {
  const photos = options.photosOrigin ? [new URL(options.photosOrigin).origin] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...photos],
      connectSrc: ["'self'", ...photos],
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
