/** Armos keeps the list of reception points shown on the public page (GET /ref). */
import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError, ValidationError } from '../../../shared/errors';
import { receptionPointBodySchema, receptionPointSchema } from '../../../shared/schemas/common';
import { auditPut } from '../../lib/db/audit';
import { deleteReceptionPoint, putReceptionPoint } from '../../lib/db/reference';
import { transactWrite } from '../../lib/db/transact';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Administration'];
const params = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,60}$/, {
    error: 'Identifiant invalide : lettres minuscules, chiffres et tirets.',
  }),
});

const put = createRoute({
  method: 'put',
  path: '/admin/reception-points/{id}',
  tags,
  security: SESSION_SECURITY,
  summary: 'Créer ou modifier un point d’accueil',
  request: { params, body: { ...jsonContent(receptionPointBodySchema), required: true } },
  responses: {
    200: { description: 'Le point d’accueil', ...jsonContent(receptionPointSchema) },
    ...errorResponses(400, 401, 403),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/admin/reception-points/{id}',
  tags,
  security: SESSION_SECURITY,
  summary: 'Retirer un point d’accueil',
  request: { params },
  responses: { 204: { description: 'Retiré' }, ...errorResponses(400, 401, 403, 404) },
});

export function receptionPointRoutes(deps: ApiDeps) {
  const audit = (actorId: string, action: string, id: string) =>
    transactWrite(deps.db, [
      auditPut(
        deps.db,
        { actorId, actorRole: 'armos', action, subject: `reference:${id}` },
        deps.now(),
      ),
    ]);
  return createRouter()
    .openapi(put, async (c) => {
      const caller = requireRole(c, 'armos');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (!(await deps.reference()).communes.some((commune) => commune.code === body.communeCode)) {
        throw new ValidationError('Commune inconnue.', [
          { path: 'communeCode', message: 'Commune inconnue.' },
        ]);
      }
      const point = { id, ...body };
      await putReceptionPoint(deps.db, point);
      await audit(caller.user.id, 'reception-point-saved', id);
      return c.json(point, 200);
    })
    .openapi(remove, async (c) => {
      const caller = requireRole(c, 'armos');
      const { id } = c.req.valid('param');
      if (!(await deleteReceptionPoint(deps.db, id)))
        throw new NotFoundError('Point d’accueil introuvable.');
      await audit(caller.user.id, 'reception-point-removed', id);
      return c.body(null, 204);
    });
}
