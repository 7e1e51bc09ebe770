/** A reception agent's delegation: what waits on the tenants they assist; ending it (the tenant, or Armos). */
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/schemas/common';
import { agentQueueSchema } from '../../../shared/schemas/agent-queue';
import type { ApiDeps } from '../context';
import { requireCaller, requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { Listings } from '../../lib/listings';

const queue = createRoute({
  method: 'get',
  path: '/assistance/queue',
  tags: ['Annonces'],
  security: SESSION_SECURITY,
  summary: 'À traiter aujourd’hui : ce qui attend chaque locataire accompagné (agent d’accueil)',
  description:
    'Pour chaque locataire que l’agent accompagne : les propositions sans réponse, les propositions acceptées par tous sans demande d’échange, les échanges qui attendent sa confirmation.',
  responses: {
    200: { description: 'La file du jour', ...jsonContent(agentQueueSchema) },
    ...errorResponses(401, 403),
  },
});

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
  return createRouter()
    .openapi(queue, async (c) =>
      c.json(await Listings.agentQueue(deps.db, requireRole(c, 'accueil').user.id), 200),
    )
    .openapi(end, async (c) => {
      const caller = requireCaller(c);
      await Listings.endAssistance(deps, caller.user, c.req.valid('param').id);
      return c.body(null, 204);
    });
}
