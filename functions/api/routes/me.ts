/** GET/PATCH /me, GET /me/export, DELETE /me. */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie } from 'hono/cookie';
import { updateMeBodySchema, userSchema } from '../../../shared/schemas/auth';
import type { User } from '../../../shared/schemas/user';
import { SESSION_COOKIE } from '../../lib/auth/session';
import { Account } from '../../lib/account';
import { createPhotoStorage, type PhotoStorage } from '../../lib/photos/storage';
import type { ApiDeps } from '../context';
import { requireCaller, requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

export function toPublicUser(user: User): z.infer<typeof userSchema> {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    ...(user.lessorId ? { lessorId: user.lessorId } : {}),
    ...(user.displayName ? { displayName: user.displayName } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
    notifications: {
      email: user.notifications?.email ?? true,
      proposals: user.notifications?.proposals ?? 'daily',
    },
  };
}

const tags = ['Mon compte'];

const getMe = createRoute({
  method: 'get',
  path: '/me',
  tags,
  summary: 'Le compte connecté',
  security: SESSION_SECURITY,
  responses: {
    200: { description: 'Mon compte', ...jsonContent(userSchema) },
    ...errorResponses(401),
  },
});

const patchMe = createRoute({
  method: 'patch',
  path: '/me',
  tags,
  summary: 'Modifier mon nom affiché, mon téléphone, mes préférences de notification',
  security: SESSION_SECURITY,
  request: { body: { ...jsonContent(updateMeBodySchema), required: true } },
  responses: {
    200: { description: 'Mon compte modifié', ...jsonContent(userSchema) },
    ...errorResponses(400, 401),
  },
});

const exportMe = createRoute({
  method: 'get',
  path: '/me/export',
  tags,
  summary: 'Toutes mes données personnelles (JSON)',
  security: SESSION_SECURITY,
  responses: {
    200: { description: 'Mes données', ...jsonContent(z.record(z.string(), z.unknown())) },
    ...errorResponses(401, 403),
  },
});

const deleteMe = createRoute({
  method: 'delete',
  path: '/me',
  tags,
  summary: 'Supprimer mon compte (annonce retirée, données personnelles effacées)',
  security: SESSION_SECURITY,
  responses: { 204: { description: 'Compte supprimé' }, ...errorResponses(401, 403) },
});

export function meRoutes(deps: ApiDeps) {
  let storage: PhotoStorage | undefined;
  const photos = () => (storage ??= createPhotoStorage(deps.config));
  return createRouter()
    .openapi(getMe, (c) => c.json(toPublicUser(requireCaller(c).user), 200))
    .openapi(patchMe, async (c) => {
      const caller = requireCaller(c);
      return c.json(
        toPublicUser(await Account.update(deps, caller.user, c.req.valid('json'))),
        200,
      );
    })
    .openapi(exportMe, async (c) => {
      const caller = requireRole(c, 'tenant');
      const document = await Account.export(deps, caller.user, photos);
      c.header('content-disposition', 'attachment; filename="mes-donnees-echange-kaz.json"');
      return c.json(document, 200);
    })
    .openapi(deleteMe, async (c) => {
      const caller = requireRole(c, 'tenant');
      await Account.erase(deps, caller.user, caller.session, photos);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    });
}
