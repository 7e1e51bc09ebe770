/** Ending a reception agent's delegation over a listing (the tenant, or Armos). */
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/schemas/common';
import { endAssistance } from '../../lib/listings/assistance';
import type { ApiDeps } from '../context';
import { requireCaller } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses } from '../router';

const end = createRoute({
  method: 'delete',
  path: '/listings/{id}/assistance',
  tags: ['Annonces'],
  security: SESSION_SECURITY,
  summary: 'Mettre fin à l’accompagnement par un agent d’accueil (le locataire, ou Armos)',
  description:
    'L’agent perd aussitôt l’accès à l’annonce, à ses propositions, à ses messages et à ses échanges ; il en est prévenu par mail. L’action est inscrite au journal.',
  request: { params: z.object({ id: idSchema }) },
  responses: {
    204: { description: 'Accompagnement terminé' },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function assistanceRoutes(deps: ApiDeps) {
  return createRouter().openapi(end, async (c) => {
    const caller = requireCaller(c);
    await endAssistance(
      { db: deps.db, now: deps.now, appUrl: deps.config.appUrl },
      caller.user,
      c.req.valid('param').id,
    );
    return c.body(null, 204);
  });
}
