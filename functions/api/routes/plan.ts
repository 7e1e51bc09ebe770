/** GET /api/plan: the nightly plan for Armos — households it would move, by commune. */
import { createRoute } from '@hono/zod-openapi';
import { planResponseSchema, type RecommendationPlan } from '../../../shared/schemas/plan';
import { readPlanRecord } from '../../lib/db/plans';
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
    const [record, reference] = await Promise.all([readPlanRecord(deps.db), deps.reference()]);
    c.header('cache-control', 'private, no-cache');
    if (record?.bound === undefined) return c.json({ plan: null }, 200);
    const names = new Map(reference.communes.map((commune) => [commune.code, commune.name]));
    const plan: RecommendationPlan = {
      computedAt: record.computedAt,
      listings: record.listings,
      households: record.households,
      bound: record.bound,
      boundKind: record.boundKind,
      cycles: record.cycles,
      twoWayCycles: record.twoWayCycles,
      threeWayCycles: record.threeWayCycles,
      chains: record.chains,
      byCommune: record.byCommune.map((row) => ({
        ...row,
        communeName: names.get(row.communeCode) ?? row.communeCode,
      })),
    };
    return c.json({ plan }, 200);
  });
}
