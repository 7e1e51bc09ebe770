/** Armos supervises: the dashboard of delays and queues, and the audit screen. */
import { createRoute } from '@hono/zod-openapi';
import {
  auditPageSchema,
  auditSearchQuerySchema,
  supervisionSchema,
} from '../../../shared/schemas/supervision';
import { supervise } from '../../../shared/stats/supervision';
import { searchAudit, type AuditPosition } from '../../lib/db/audit-search';
import { everySwap, pendingVerificationCount } from '../../lib/db/supervision';
import { cursorCodec } from '../../lib/pagination';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Administration'];
/** The moves chart covers this many months, the current one included. */
const MONTHS_SHOWN = 12;
/** Without dates, the audit screen opens on the last 30 days. */
const DEFAULT_DAYS = 30;

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
      const { lessors } = await deps.reference();
      const lessorIds = lessors.map((lessor) => lessor.id);
      const [swaps, counts] = await Promise.all([
        everySwap(deps.db),
        Promise.all(lessorIds.map((id) => pendingVerificationCount(deps.db, id))),
      ]);
      const pendingVerifications = Object.fromEntries(lessorIds.map((id, i) => [id, counts[i]!]));
      return c.json(
        supervise({
          swaps,
          pendingVerifications,
          lessorIds,
          now: deps.now(),
          months: MONTHS_SHOWN,
        }),
        200,
      );
    })
    .openapi(auditEntries, async (c) => {
      requireRole(c, 'armos');
      const query = c.req.valid('query');
      // The period a first page resolves (default: the last 30 days) travels in the cursor, so later pages keep it.
      const scope = `audit:${JSON.stringify([query.actorId, query.action, query.from, query.to, query.limit])}`;
      const position = cursors.decode<AuditPosition & { from: string; to: string }>(
        scope,
        query.cursor,
      );
      const to =
        position?.to ?? (query.to ? `${query.to}T23:59:59.999Z` : deps.now().toISOString());
      const from =
        position?.from ??
        (query.from
          ? `${query.from}T00:00:00.000Z`
          : new Date(new Date(to).getTime() - DEFAULT_DAYS * 86_400_000).toISOString());
      const search = { actorId: query.actorId, action: query.action, from, to, limit: query.limit };
      const page = await searchAudit(deps.db, search, position);
      return c.json(
        {
          items: page.items,
          ...(page.next ? { nextCursor: cursors.encode(scope, { ...page.next, from, to }) } : {}),
        },
        200,
      );
    });
}
