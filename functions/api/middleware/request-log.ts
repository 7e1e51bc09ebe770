/** Gives each request an id (echoed in `x-request-id`) and logs one line when it ends. */
import type { MiddlewareHandler } from 'hono';
import { ulid } from 'ulid';
import { logger } from '../../lib/logger';

export function requestLog(): MiddlewareHandler {
  return async function logRequest(c, next) {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : ulid();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    logger.info('request', {
      requestId,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
