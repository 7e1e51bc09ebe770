/** Staff accounts and the audit trail, for Armos. */
import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../../shared/errors';
import { createStaffBodySchema, userSchema } from '../../../shared/schemas/auth';
import { idSchema } from '../../../shared/schemas/common';
import { staffUserSchema } from '../../../shared/schemas/staff';
import { STAFF_ROLES, type User } from '../../../shared/schemas/user';
import { Audit } from '../../lib/audit';
import { Staff } from '../../lib/staff';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { toPublicUser } from './me';

const tags = ['Administration'];

const createStaff = createRoute({
  method: 'post',
  path: '/admin/users',
  tags,
  summary: 'Créer un compte du personnel (accueil, bailleur, Armos, CINOR)',
  security: SESSION_SECURITY,
  request: { body: { ...jsonContent(createStaffBodySchema), required: true } },
  responses: {
    201: { description: 'Compte créé', ...jsonContent(userSchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});

const listStaffRoute = createRoute({
  method: 'get',
  path: '/admin/users',
  tags,
  summary: 'Lister les comptes du personnel',
  security: SESSION_SECURITY,
  request: { query: z.object({ role: z.enum(STAFF_ROLES).optional() }) },
  responses: {
    200: { description: 'Les comptes', ...jsonContent(z.array(staffUserSchema)) },
    ...errorResponses(400, 401, 403),
  },
});

const activation = (action: 'deactivate' | 'reactivate', summary: string) =>
  createRoute({
    method: 'post',
    path: `/admin/users/{id}/${action}`,
    tags,
    security: SESSION_SECURITY,
    summary,
    request: { params: z.object({ id: idSchema }) },
    responses: {
      200: { description: 'Le compte', ...jsonContent(staffUserSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });

const staffView = (user: User) => ({
  ...toPublicUser(user),
  ...(user.deactivatedAt ? { deactivatedAt: user.deactivatedAt } : {}),
});

const auditRoute = createRoute({
  method: 'get',
  path: '/admin/audit',
  tags,
  summary: 'Journal des décisions et connexions, par objet ou par auteur',
  security: SESSION_SECURITY,
  request: {
    query: z.object({
      subject: z
        .string()
        .regex(/^[a-z]+:[A-Za-z0-9_-]{1,64}$/, { error: 'Objet invalide (ex. listing:01H…).' })
        .optional(),
      actorId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
    }),
  },
  responses: {
    200: {
      description: 'Entrées du journal, les plus récentes d’abord',
      ...jsonContent(z.array(z.record(z.string(), z.unknown()))),
    },
    ...errorResponses(400, 401, 403),
  },
});

export function adminRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(createStaff, async (c) => {
      const caller = requireRole(c, 'armos');
      return c.json(toPublicUser(await Staff.create(deps, caller.user, c.req.valid('json'))), 201);
    })
    .openapi(listStaffRoute, async (c) => {
      requireRole(c, 'armos');
      return c.json((await Staff.list(deps, c.req.valid('query').role)).map(staffView), 200);
    })
    .openapi(
      activation(
        'deactivate',
        'Désactiver un compte du personnel (ses sessions sont refusées aussitôt)',
      ),
      async (c) => {
        const caller = requireRole(c, 'armos');
        return c.json(
          staffView(await Staff.deactivate(deps, caller.user, c.req.valid('param').id)),
          200,
        );
      },
    )
    .openapi(activation('reactivate', 'Réactiver un compte du personnel'), async (c) => {
      const caller = requireRole(c, 'armos');
      return c.json(
        staffView(await Staff.reactivate(deps, caller.user, c.req.valid('param').id)),
        200,
      );
    })
    .openapi(auditRoute, async (c) => {
      requireRole(c, 'armos');
      const { subject, actorId } = c.req.valid('query');
      if (subject)
        return c.json(
          (await Audit.ofSubject(deps.db, subject)) as unknown as Record<string, unknown>[],
          200,
        );
      if (actorId)
        return c.json(
          (await Audit.ofActor(deps.db, actorId)) as unknown as Record<string, unknown>[],
          200,
        );
      throw new NotFoundError('Précisez un objet (subject) ou un auteur (actorId).');
    });
}
