/** Armos keeps the list of reception points shown on the public page (GET /ref). */
import { createRoute, z } from '@hono/zod-openapi';
import { receptionPointBodySchema, receptionPointSchema } from '../../../shared/schemas/common';
import { ReceptionPoints } from '../../lib/reference';
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
  return createRouter()
    .openapi(put, async (c) => {
      const caller = requireRole(c, 'armos');
      const { id } = c.req.valid('param');
      return c.json(await ReceptionPoints.save(deps, caller.user, id, c.req.valid('json')), 200);
    })
    .openapi(remove, async (c) => {
      const caller = requireRole(c, 'armos');
      await ReceptionPoints.remove(deps, caller.user, c.req.valid('param').id);
      return c.body(null, 204);
    });
}
