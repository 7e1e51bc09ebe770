/** A lessor's CSV export of its own work: GET /lessor/export?kind=verifications|reviews. */
import { createRoute, z } from '@hono/zod-openapi';
import { ValidationError } from '../../../shared/errors';
import { LessorExport } from '../../lib/lessor-export';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses } from '../router';

const exportRoute = createRoute({
  method: 'get',
  path: '/lessor/export',
  tags: ['Bailleurs'],
  security: SESSION_SECURITY,
  summary:
    'Export CSV (Excel) des vérifications ou des examens du bailleur, délais compris ; Armos choisit le bailleur',
  request: {
    query: z.object({
      kind: z.enum(['verifications', 'reviews'], {
        error: 'Choisissez verifications ou reviews.',
      }),
      lessorId: z.string().max(40).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Fichier CSV pour Excel (séparateur « ; », UTF-8 avec BOM)',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function lessorExportRoutes(deps: ApiDeps) {
  return createRouter().openapi(exportRoute, async (c) => {
    const caller = requireRole(c, 'lessor', 'armos');
    const query = c.req.valid('query');
    const lessorId = caller.user.role === 'lessor' ? caller.user.lessorId! : query.lessorId;
    if (!lessorId)
      throw new ValidationError('Choisissez le bailleur.', [
        { path: 'lessorId', message: 'Choisissez le bailleur.' },
      ]);
    const body =
      query.kind === 'verifications'
        ? await LessorExport.verifications(deps, lessorId)
        : await LessorExport.reviews(deps, lessorId);
    const day = deps.now().toISOString().slice(0, 10);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header(
      'content-disposition',
      `attachment; filename="echange-kaz-${lessorId.toLowerCase()}-${query.kind === 'verifications' ? 'verifications' : 'examens'}-${day}.csv"`,
    );
    return c.body(body, 200);
  });
}
