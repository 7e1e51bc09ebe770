/**
 * Who is calling: a session token from the `Authorization: Bearer` header or the session
 * cookie. Cookie-authenticated mutations must come from the app's own origin (CSRF).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/errors';
import type { Role } from '../../../shared/schemas/user';
import { SESSION_COOKIE, readSession } from '../../lib/auth/session';
import { readSessionHolder } from '../../lib/db/auth';
import type { ApiDeps, ApiEnv, Caller } from '../context';
import { looksLikeAccessToken } from '../../lib/api-clients/access-token';
import { authenticateClient } from './api-client';

export type { Caller } from '../context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const appOrigin = new URL(deps.config.appUrl).origin;
  return async function identifyCaller(c, next) {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer && looksLikeAccessToken(bearer)) return authenticateClient(deps, c, next, bearer);
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (token) {
      const caller = await resolveCaller(deps, token, bearer ? 'bearer' : 'cookie');
      if (caller) {
        if (
          caller.via === 'cookie' &&
          !SAFE_METHODS.has(c.req.method) &&
          !sameOrigin(c, appOrigin)
        ) {
          throw new ForbiddenError(
            'Requête refusée : elle ne vient pas de l’application Échange Kaz.',
          );
        }
        c.set('caller', caller);
      }
    }
    await next();
  };
}

function sameOrigin(c: Context, appOrigin: string): boolean {
  const origin = c.req.header('origin');
  if (origin) return origin === appOrigin;
  const referer = c.req.header('referer');
  return referer !== undefined && referer.startsWith(`${appOrigin}/`);
}

async function resolveCaller(
  deps: ApiDeps,
  token: string,
  via: Caller['via'],
): Promise<Caller | undefined> {
  const session = await readSession(deps.config.sessionSecret, token, deps.now());
  if (!session) return undefined;
  const holder = await readSessionHolder(deps.db, session.userId, session.sessionId);
  const user = holder.user;
  // A deactivated staff account loses every open session at once: the check runs on each request.
  if (holder.revoked || !user || user.deactivatedAt) return undefined;
  return {
    user,
    session,
    via,
    ...(holder.activeListingId ? { activeListingId: holder.activeListingId } : {}),
  };
}

/** The signed-in caller, or 401. */
export function requireCaller(c: Context<ApiEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

/** The signed-in caller with one of `roles`, or 401/403. */
export function requireRole(c: Context<ApiEnv>, ...roles: Role[]): Caller {
  const caller = requireCaller(c);
  if (!roles.includes(caller.user.role)) throw new ForbiddenError();
  return caller;
}
