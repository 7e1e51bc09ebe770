/** Income ceilings per year, financing and household category: Armos keeps them (GET·PUT /admin/income-ceilings). */
import { createRoute } from '@hono/zod-openapi';
import {
  incomeCeilingYearSchema,
  incomeCeilingsViewSchema,
} from '../../../shared/schemas/income-ceilings';
import { IncomeCeilings } from '../../lib/reference';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Administration'];

const read = createRoute({
  method: 'get',
  path: '/admin/income-ceilings',
  tags,
  summary: 'Plafonds de ressources par année, financement et catégorie de ménage (La Réunion)',
  security: SESSION_SECURITY,
  responses: {
    200: {
      description: 'Les barèmes, l’année la plus récente d’abord',
      ...jsonContent(incomeCeilingsViewSchema),
    },
    ...errorResponses(401, 403),
  },
});

const save = createRoute({
  method: 'put',
  path: '/admin/income-ceilings',
  tags,
  summary: 'Enregistrer le barème d’une année (remplace celui de cette année)',
  security: SESSION_SECURITY,
  request: { body: { ...jsonContent(incomeCeilingYearSchema), required: true } },
  responses: {
    200: {
      description: 'Les barèmes après l’enregistrement',
      ...jsonContent(incomeCeilingsViewSchema),
    },
    ...errorResponses(400, 401, 403),
  },
});

export function incomeCeilingRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(read, async (c) => {
      requireRole(c, 'armos');
      return c.json({ years: await IncomeCeilings.read(deps.db) }, 200);
    })
    .openapi(save, async (c) => {
      const caller = requireRole(c, 'armos');
      return c.json(
        { years: await IncomeCeilings.save(deps, caller.user, c.req.valid('json')) },
        200,
      );
    });
}
