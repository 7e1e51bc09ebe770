/** Statistics for CINOR and Armos (docs/api.md "Statistics"): JSON or CSV, no personal data. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  communeStatsSchema,
  flowStatsSchema,
  quartierStatsSchema,
  statsQuerySchema,
} from '../../../shared/schemas/stats';
import type { Period } from '../../../shared/stats/index';
import { Statistics } from '../../lib/stats';
import type { ApiDeps, ApiEnv } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses } from '../router';

const tags = ['Statistiques'];

const statsRoute = (path: string, summary: string, schema: z.ZodType) =>
  createRoute({
    method: 'get',
    path,
    tags,
    security: SESSION_SECURITY,
    summary,
    request: { query: statsQuerySchema },
    responses: {
      200: {
        description:
          'Indicateurs de la période (format=csv : fichier pour Excel, séparateur « ; », virgule décimale)',
        content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } },
      },
      ...errorResponses(400, 401, 403),
    },
  });

const quartiers = statsRoute(
  '/stats/quartiers',
  'Indicateurs par quartier (CINOR : effectifs de 1 à 4 affichés « < 5 », cases protégeant ces effectifs « secret » ; période : mois, trimestre, semestre ou année civile)',
  quartierStatsSchema,
);
const communes = statsRoute(
  '/stats/communes',
  'Indicateurs par commune et total CINOR (CINOR : masqués « secret » là où ils révéleraient un effectif de quartier)',
  communeStatsSchema,
);
const flows = statsRoute(
  '/stats/flows',
  'Déménagements réalisés, de quartier à quartier (CINOR : triés par nom de quartier)',
  flowStatsSchema,
);

function csvResponse(c: Context<ApiEnv>, name: string, period: Period, body: string): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header(
    'content-disposition',
    `attachment; filename="echange-kaz-${name}-${period.from}-${period.to}.csv"`,
  );
  return c.body(body, 200);
}

export function statsRoutes(deps: ApiDeps) {
  const ask = (c: Context<ApiEnv>, query: { from?: string; to?: string }) => {
    const caller = requireRole(c, 'cinor', 'armos');
    c.header('cache-control', 'private, max-age=60');
    return {
      role: caller.user.role,
      period: Statistics.periodOf(query, deps.now(), caller.user.role),
    };
  };
  return createRouter()
    .openapi(quartiers, async (c) => {
      const query = c.req.valid('query');
      const { role, period } = ask(c, query);
      const stats = await Statistics.quartiers(deps, period, role);
      if (query.format === 'csv')
        return csvResponse(
          c,
          'quartiers',
          period,
          Statistics.quartiersCsv(stats.rows, await deps.reference()),
        );
      return c.json(stats, 200);
    })
    .openapi(communes, async (c) => {
      const query = c.req.valid('query');
      const { role, period } = ask(c, query);
      const stats = await Statistics.communes(deps, period, role);
      if (query.format === 'csv')
        return csvResponse(
          c,
          'communes',
          period,
          Statistics.communesCsv(stats.rows, await deps.reference()),
        );
      return c.json(stats, 200);
    })
    .openapi(flows, async (c) => {
      const query = c.req.valid('query');
      const { role, period } = ask(c, query);
      const stats = await Statistics.flows(deps, period, role);
      if (query.format === 'csv')
        return csvResponse(c, 'flux', period, Statistics.flowsCsv(stats.rows));
      return c.json(stats, 200);
    });
}
