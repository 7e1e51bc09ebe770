/** GET /health and GET /ref. */
import { createRoute } from '@hono/zod-openapi';
import { FINANCINGS, TYPOLOGIES } from '../../../shared/reference/index';
import { healthSchema, referenceSchema } from '../../../shared/schemas/common';
import type { ApiDeps } from '../context';
import { createRouter, jsonContent } from '../router';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Opérations'],
  summary: 'État du service',
  responses: { 200: { description: 'Le service répond', ...jsonContent(healthSchema) } },
});

const reference = createRoute({
  method: 'get',
  path: '/ref',
  tags: ['Référentiel'],
  summary: 'Communes, quartiers, bailleurs, typologies, financements et motifs',
  responses: { 200: { description: 'Le référentiel', ...jsonContent(referenceSchema) } },
});

export function operationsRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(reference, async (c) => {
      const data = await deps.reference();
      // Armos edits reference data: browsers check again each time (the API keeps it a minute).
      c.header('cache-control', 'no-cache');
      return c.json(
        {
          communes: data.communes,
          quartiers: data.quartiers,
          lessors: data.lessors.map(({ id, name }) => ({ id, name })),
          typologies: [...TYPOLOGIES],
          financings: [...FINANCINGS],
          motives: data.motives,
          receptionPoints: data.receptionPoints,
        },
        200,
      );
    });
}
