/** Armos supervises: the dashboard of delays and queues, and the audit screen. */
import { createRoute } from '@hono/zod-openapi';
import {
  auditPageSchema,
  auditSearchQuerySchema,
  supervisionSchema,
} from '../../../shared/schemas/supervision';
import { Audit } from '../../lib/audit';
import { cursorCodec } from '../../lib/pagination';
import { Supervision } from '../../lib/supervision';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Administration'];

const dashboard = createRoute({
  method: 'get',
  path: '/admin/dashboard',
  tags,
  summary: 'Tableau de bord d’Armos : échanges par état, délais de décision, retards, files',
  security: SESSION_SECURITY,
  responses: {
    200: { description: 'Les chiffres, calculés à l’instant', ...jsonContent(supervisionSchema) },
    ...errorResponses(401, 403),
  },
});

const auditEntries = createRoute({
  method: 'get',
  path: '/admin/audit/entries',
  tags,
  summary: 'Journal d’audit filtré par auteur, action et période, page par page',
  security: SESSION_SECURITY,
  request: { query: auditSearchQuerySchema },
  responses: {
    200: { description: 'Entrées, les plus récentes d’abord', ...jsonContent(auditPageSchema) },
    ...errorResponses(400, 401, 403),
  },
});

export function supervisionRoutes(deps: ApiDeps) {
  const cursors = cursorCodec(deps.config.sessionSecret);
  return createRouter()
    .openapi(dashboard, async (c) => {
      requireRole(c, 'armos');
      return c.json(await Supervision.dashboard(deps), 200);
    })
    .openapi(auditEntries, async (c) => {
      requireRole(c, 'armos');
      return c.json(await Audit.search(deps, c.req.valid('query'), cursors), 200);
    });
}
