/** GET /api/plan: the nightly plan for Armos — households it would move, by commune. */
import { createRoute } from '@hono/zod-openapi';
import { planResponseSchema } from '../../../shared/schemas/plan';
import { Plan } from '../../lib/plan';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const planRoute = createRoute({
  method: 'get',
  path: '/plan',
  tags: ['Propositions'],
  summary:
    'Le plan de la nuit : les échanges recommandés, les ménages qu’ils feraient déménager, par commune (Armos)',
  security: SESSION_SECURITY,
  responses: {
    200: {
      description: 'Le dernier plan calculé, ou null avant le premier',
      ...jsonContent(planResponseSchema),
    },
    ...errorResponses(401, 403),
  },
});

export function planRoutes(deps: ApiDeps) {
  return createRouter().openapi(planRoute, async (c) => {
    requireRole(c, 'armos');
    const plan = await Plan.latest(deps);
    c.header('cache-control', 'private, no-cache');
    return c.json({ plan }, 200);
  });
}
