/** Staff accounts and the audit trail, for Armos. */
import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError, ValidationError } from '../../../shared/errors';
import { createStaffBodySchema, userSchema } from '../../../shared/schemas/auth';
import { idSchema } from '../../../shared/schemas/common';
import { staffUserSchema } from '../../../shared/schemas/staff';
import { STAFF_ROLES, type User } from '../../../shared/schemas/user';
import { auditOfActor, auditOfSubject, auditPut } from '../../lib/db/audit';
import { outboxPut } from '../../lib/db/outbox';
import { EmailAlreadyUsedError, listStaff, newUser, userCreationItems } from '../../lib/db/users';
import { transactWrite } from '../../lib/db/transact';
import { ROLE_LABELS, staffWelcomeMail } from '../../lib/mail/templates';
import { setStaffActive } from '../../lib/staff/activation';
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
      const body = c.req.valid('json');
      if (body.lessorId) {
        const { lessors } = await deps.reference();
        if (!lessors.some((lessor) => lessor.id === body.lessorId)) {
          throw new ValidationError('Bailleur inconnu.', [
            { path: 'lessorId', message: 'Bailleur inconnu.' },
          ]);
        }
      }
      const now = deps.now();
      const mail = staffWelcomeMail(deps.config.appUrl, ROLE_LABELS[body.role] ?? body.role);
      const user = newUser(body, now);
      await transactWrite(
        deps.db,
        [
          ...userCreationItems(deps.db, user),
          outboxPut(deps.db, { to: body.email, ...mail, kind: 'staff-welcome' }, now),
          auditPut(
            deps.db,
            {
              actorId: caller.user.id,
              actorRole: 'armos',
              action: 'staff-created',
              subject: `user:${user.id}`,
              details: { role: body.role },
            },
            now,
          ),
        ],
        () => new EmailAlreadyUsedError(),
      );
      return c.json(toPublicUser(user), 201);
    })
    .openapi(listStaffRoute, async (c) => {
      requireRole(c, 'armos');
      const { role } = c.req.valid('query');
      const lists = await Promise.all(
        (role ? [role] : STAFF_ROLES).map((r) => listStaff(deps.db, r)),
      );
      return c.json(lists.flat().map(staffView), 200);
    })
    .openapi(
      activation(
        'deactivate',
        'Désactiver un compte du personnel (ses sessions sont refusées aussitôt)',
      ),
      async (c) => {
        const caller = requireRole(c, 'armos');
        return c.json(
          staffView(await setStaffActive(deps, caller.user, c.req.valid('param').id, false)),
          200,
        );
      },
    )
    .openapi(activation('reactivate', 'Réactiver un compte du personnel'), async (c) => {
      const caller = requireRole(c, 'armos');
      return c.json(
        staffView(await setStaffActive(deps, caller.user, c.req.valid('param').id, true)),
        200,
      );
    })
    .openapi(auditRoute, async (c) => {
      requireRole(c, 'armos');
      const { subject, actorId } = c.req.valid('query');
      if (subject)
        return c.json(
          (await auditOfSubject(deps.db, subject)) as unknown as Record<string, unknown>[],
          200,
        );
      if (actorId)
        return c.json(
          (await auditOfActor(deps.db, actorId)) as unknown as Record<string, unknown>[],
          200,
        );
      throw new NotFoundError('Précisez un objet (subject) ou un auteur (actorId).');
    });
}
