/**
 * Requests carrying an API client's access token: the client must still exist and not be
 * revoked (one consistent read per request, so a revocation counts at once), the route must be
 * one of the lessor's (functions/lib/api-clients/scope.ts), the client stays within its rate,
 * and every call is written to the audit trail under the client's id.
 */
import type { Context, Next } from 'hono';
import { ForbiddenError, RateLimitedError } from '../../../shared/errors';
import type { User } from '../../../shared/schemas/user';
import { readAccessToken } from '../../lib/api-clients/access-token';
import { isLessorEndpoint } from '../../lib/api-clients/scope';
import { findApiClient } from '../../lib/db/api-clients';
import { putAuditEntry } from '../../lib/db/audit';
import { takeRateLimit } from '../../lib/db/auth';
import { logger } from '../../lib/logger';
import type { ApiDeps, ApiEnv, Caller } from '../context';

/** Requests per client and minute: far above a batch job's needs, far below what hurts others. */
export const API_CLIENT_REQUESTS_PER_MINUTE = 600;

const API_PREFIX = '/api';
export const API_CALL_RETENTION_DAYS = 365;

async function clientCaller(
  deps: ApiDeps,
  c: Context<ApiEnv>,
  token: string,
): Promise<Caller | undefined> {
  const now = deps.now();
  const claims = await readAccessToken(deps.config.sessionSecret, token, now);
  if (!claims) return undefined;
  const [client, withinRate] = await Promise.all([
    findApiClient(deps.db, claims.clientId),
    takeRateLimit(
      deps.db,
      {
        scope: 'api-client',
        subject: claims.clientId,
        limit: API_CLIENT_REQUESTS_PER_MINUTE,
        windowSeconds: 60,
      },
      now,
    ),
  ]);
  if (!client || client.revokedAt) return undefined;
  const user: User = {
    id: client.clientId,
    email: '',
    role: 'lessor',
    lessorId: client.lessorId,
    displayName: client.name,
    createdAt: client.createdAt,
    updatedAt: client.createdAt,
  };
  const caller: Caller = {
    user,
    session: {
      userId: client.clientId,
      role: 'lessor',
      lessorId: client.lessorId,
      sessionId: claims.tokenId,
      expiresAt: claims.expiresAt,
    },
    via: 'client',
    client: { id: client.clientId, name: client.name },
  };
  c.set('caller', caller);
  const path = c.req.path.startsWith(API_PREFIX) ? c.req.path.slice(API_PREFIX.length) : c.req.path;
  if (!isLessorEndpoint(c.req.method, path))
    throw new ForbiddenError(
      'Ce jeton d’API ne donne accès qu’aux services des bailleurs (vérifications, échanges, exports, webhooks).',
    );
  if (!withinRate)
    throw new RateLimitedError(
      `Ce client dépasse ${API_CLIENT_REQUESTS_PER_MINUTE} requêtes par minute. Réessayez dans une minute.`,
    );
  return caller;
}

async function auditCall(deps: ApiDeps, c: Context<ApiEnv>, status: number): Promise<void> {
  const caller = c.get('caller');
  if (!caller?.client) return;
  // Calls are kept a year; decisions stay in the audit trail as before.
  await putAuditEntry(
    deps.db,
    {
      actorId: caller.client.id,
      actorRole: 'api-client',
      action: 'api-call',
      subject: `client:${caller.client.id}`,
      details: {
        lessorId: caller.user.lessorId ?? '',
        method: c.req.method,
        path: c.req.path.slice(0, 200),
        status,
      },
    },
    deps.now(),
    API_CALL_RETENTION_DAYS,
  ).catch((error: unknown) =>
    logger.error('api client call not audited', { clientId: caller.client?.id, error }),
  );
}

/** Handles the whole request of a client token; an invalid or revoked one leaves it anonymous. */
export async function authenticateClient(
  deps: ApiDeps,
  c: Context<ApiEnv>,
  next: Next,
  token: string,
): Promise<void> {
  try {
    await clientCaller(deps, c, token);
  } catch (error) {
    await auditCall(deps, c, error instanceof RateLimitedError ? 429 : 403);
    throw error;
  }
  await next();
  await auditCall(deps, c, c.res.status);
}
