/**
 * Who is calling: a session token from the `Authorization: Bearer` header or the session
 * cookie. Cookie-authenticated mutations must come from the app's own origin (CSRF).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/errors';
import type { Role, User } from '../../../shared/schemas/user';
import { SESSION_COOKIE, readSession, type SessionClaims } from '../../lib/auth/session';
import { keys } from '../../lib/db/model';
import type { ApiDeps, ApiEnv } from '../context';

export interface Caller {
  user: User;
  session: SessionClaims;
  via: 'bearer' | 'cookie';
  /** The tenant's listing that is neither withdrawn nor exchanged, read with the session. */
  activeListingId?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const appOrigin = new URL(deps.config.appUrl).origin;
  return async function identifyCaller(c, next) {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
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
  const userKey = keys.user(session.userId);
  const revokedKey = keys.revokedSession(session.sessionId);
  // In the same read, the tenant's active listing: most tenant pages start from it (docs/data-model.md, budgets).
  const activeKey = keys.activeListing(session.userId);
  const { Responses } = await deps.db.doc.send(
    new BatchGetCommand({
      RequestItems: { [deps.db.tableName]: { Keys: [userKey, revokedKey, activeKey] } },
    }),
  );
  const items = Responses?.[deps.db.tableName] ?? [];
  if (items.some((item) => item.pk === revokedKey.pk)) return undefined;
  const userItem = items.find((item) => item.pk === userKey.pk && item.sk === userKey.sk);
  // A deactivated staff account loses every open session at once: the check runs on each request.
  if (!userItem || userItem.deletedAt || userItem.deactivatedAt) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...user } = userItem;
  const active = items.find((item) => item.pk === activeKey.pk && item.sk === activeKey.sk);
  return {
    user: user as User,
    session,
    via,
    ...(active ? { activeListingId: String(active.listingId) } : {}),
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
