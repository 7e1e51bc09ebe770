/** POST /auth/login, /auth/verify, /auth/logout. */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  loginBodySchema,
  sessionResponseSchema,
  verifyBodySchema,
} from '../../../shared/schemas/auth';
import { Sessions } from '../../lib/auth';
import { SESSION_COOKIE } from '../../lib/auth/session';
import type { SignInDeps } from '../../lib/auth/sign-in';
import { clientIp } from '../client-ip';
import type { ApiDeps } from '../context';
import { requireCaller } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { toPublicUser } from './me';

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Connexion'],
  summary: 'Envoie un lien de connexion à usage unique (valable 15 minutes)',
  request: { body: { ...jsonContent(loginBodySchema), required: true } },
  responses: {
    202: {
      description: 'Demande prise en compte (même réponse que l’adresse soit connue ou non)',
      ...jsonContent(z.object({ status: z.literal('sent') })),
    },
    ...errorResponses(400, 429),
  },
});

const verify = createRoute({
  method: 'post',
  path: '/auth/verify',
  tags: ['Connexion'],
  summary: 'Échange le lien reçu par e-mail contre une session',
  request: { body: { ...jsonContent(verifyBodySchema), required: true } },
  responses: {
    200: { description: 'Connecté', ...jsonContent(sessionResponseSchema) },
    ...errorResponses(400, 403),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Connexion'],
  summary: 'Met fin à la session',
  security: SESSION_SECURITY,
  responses: { 204: { description: 'Déconnecté' }, ...errorResponses(401) },
});

export function authRoutes(deps: ApiDeps) {
  const signIn: SignInDeps = {
    db: deps.db,
    now: deps.now,
    appUrl: deps.config.appUrl,
    sessionSecret: deps.sessionSecret,
    limits: deps.config.loginLimits,
  };
  const secureCookie = !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(deps.config.appUrl);

  return createRouter()
    .openapi(login, async (c) => {
      await Sessions.requestLink(signIn, c.req.valid('json').email, clientIp(c));
      return c.json({ status: 'sent' as const }, 202);
    })
    .openapi(verify, async (c) => {
      const { user, sessionToken, expiresAt } = await Sessions.open(
        signIn,
        c.req.valid('json').token,
      );
      setCookie(c, SESSION_COOKIE, sessionToken, {
        httpOnly: true,
        secure: secureCookie,
        sameSite: 'Lax',
        path: '/',
        expires: expiresAt,
      });
      return c.json({ user: toPublicUser(user), sessionToken }, 200);
    })
    .openapi(logout, async (c) => {
      const caller = requireCaller(c);
      await Sessions.end(deps, caller.session);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookie });
      return c.body(null, 204);
    });
}
