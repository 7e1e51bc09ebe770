/** Reports to Armos and suspension of a listing (docs/api.md "Additions"). */
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/schemas/common';
import { listingSchema } from '../../../shared/schemas/listing-views';
import {
  reportBodySchema,
  reportSchema,
  suspendBodySchema,
} from '../../../shared/schemas/moderation';
import { Moderation } from '../../lib/moderation';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { privateView } from '../../../shared/listing/views';

const tags = ['Signalements'];
const idParam = z.object({ id: idSchema });

const report = createRoute({
  method: 'post',
  path: '/reports',
  tags,
  security: SESSION_SECURITY,
  summary: 'Signaler à Armos un participant d’une de mes propositions, ou un de ses messages',
  request: { body: { ...jsonContent(reportBodySchema), required: true } },
  responses: {
    201: { description: 'Signalement transmis à Armos', ...jsonContent(reportSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const list = createRoute({
  method: 'get',
  path: '/reports',
  tags,
  security: SESSION_SECURITY,
  summary: 'Les 100 derniers signalements, le plus récent d’abord',
  responses: {
    200: { description: 'Signalements', ...jsonContent(z.array(reportSchema)) },
    ...errorResponses(401, 403),
  },
});
const suspend = createRoute({
  method: 'post',
  path: '/listings/{id}/suspend',
  tags,
  security: SESSION_SECURITY,
  summary:
    'Suspendre une annonce : elle quitte les correspondances, son titulaire est prévenu du motif',
  request: { params: idParam, body: { ...jsonContent(suspendBodySchema), required: true } },
  responses: {
    200: { description: 'Annonce suspendue', ...jsonContent(listingSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const reinstate = createRoute({
  method: 'post',
  path: '/listings/{id}/reinstate',
  tags,
  security: SESSION_SECURITY,
  summary: 'Lever la suspension d’une annonce',
  request: { params: idParam },
  responses: {
    200: { description: 'Annonce rétablie', ...jsonContent(listingSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function moderationRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(report, async (c) =>
      c.json(
        await Moderation.report(
          deps,
          requireRole(c, 'tenant', 'accueil').user,
          c.req.valid('json'),
        ),
        201,
      ),
    )
    .openapi(list, async (c) => {
      requireRole(c, 'armos');
      return c.json(await Moderation.reports(deps), 200);
    })
    .openapi(suspend, async (c) =>
      c.json(
        privateView(
          await Moderation.suspend(
            deps,
            requireRole(c, 'armos').user,
            c.req.valid('param').id,
            c.req.valid('json').reason,
          ),
        ),
        200,
      ),
    )
    .openapi(reinstate, async (c) =>
      c.json(
        privateView(
          await Moderation.reinstate(deps, requireRole(c, 'armos').user, c.req.valid('param').id),
        ),
        200,
      ),
    );
}
