/**
 * Webhooks of a lessor's system: POST/GET /lessor/webhooks, DELETE /lessor/webhooks/{id} and the
 * delivery log GET /lessor/webhooks/{id}/deliveries. A client token or a lessor agent acts for
 * its own lessor; Armos names the lessor.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ValidationError } from '../../../shared/errors';
import { idSchema } from '../../../shared/schemas/common';
import {
  webhookCreateSchema,
  webhookDeliverySchema,
  webhookEndpointCreatedSchema,
  webhookEndpointSchema,
} from '../../../shared/schemas/webhook';
import { cursorCodec } from '../../lib/pagination';
import { Webhooks } from '../../lib/webhooks';
import type { Registrar } from '../../lib/webhooks/endpoints';
import type { ApiDeps, ApiEnv } from '../context';
import { requireRole, type Caller } from '../middleware/auth';
import { createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Webhooks'];
const security: Array<Record<string, string[]>> = [{ session: [] }, { clientCredentials: [] }];
const lessorQuery = z.object({
  lessorId: z
    .string()
    .max(40)
    .optional()
    .meta({ description: 'Armos seulement : le bailleur concerné.' }),
});

const create = createRoute({
  method: 'post',
  path: '/lessor/webhooks',
  operationId: 'registerWebhook',
  tags,
  summary: 'Enregistrer un point de réception HTTPS et les événements voulus',
  description:
    'Chaque envoi est signé : `X-Kaz-Signature: v1=<hex>` = HMAC-SHA256 du texte `<X-Kaz-Timestamp>.<corps>` avec le secret montré une seule fois. Refusez un horodatage de plus de 5 minutes.',
  security,
  request: { body: { ...jsonContent(webhookCreateSchema), required: true } },
  responses: {
    201: {
      description: 'Point enregistré, avec son secret',
      ...jsonContent(webhookEndpointCreatedSchema),
    },
    ...errorResponses(400, 401, 403, 409),
  },
});

const list = createRoute({
  method: 'get',
  path: '/lessor/webhooks',
  operationId: 'listWebhooks',
  tags,
  summary: 'Les points de réception du bailleur',
  security,
  request: { query: lessorQuery },
  responses: {
    200: { description: 'Les points', ...jsonContent(z.array(webhookEndpointSchema)) },
    ...errorResponses(400, 401, 403),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/lessor/webhooks/{id}',
  operationId: 'removeWebhook',
  tags,
  summary: 'Supprimer un point de réception (plus aucun envoi)',
  security,
  request: { params: z.object({ id: idSchema }), query: lessorQuery },
  responses: { 204: { description: 'Supprimé' }, ...errorResponses(400, 401, 403, 404) },
});

const deliveries = createRoute({
  method: 'get',
  path: '/lessor/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: 'Journal des envois d’un point de réception (30 jours), les plus récents d’abord',
  security,
  request: {
    params: z.object({ id: idSchema }),
    query: lessorQuery.extend({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(2000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Une page du journal',
      ...jsonContent(
        z.object({ items: z.array(webhookDeliverySchema), nextCursor: z.string().optional() }),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

function lessorOf(caller: Caller, requested: string | undefined): string {
  if (caller.user.role === 'lessor') return caller.user.lessorId!;
  if (!requested)
    throw new ValidationError('Précisez le bailleur (lessorId).', [
      { path: 'lessorId', message: 'Obligatoire pour Armos.' },
    ]);
  return requested;
}

const registrar = (caller: Caller): Registrar => ({
  actorId: caller.user.id,
  actorRole: caller.client ? 'api-client' : caller.user.role,
  ...(caller.client ? { clientId: caller.client.id } : {}),
});

export function webhookRoutes(deps: ApiDeps) {
  const cursors = cursorCodec(deps.config.sessionSecret);
  const callerOf = (c: Context<ApiEnv>) => requireRole(c, 'lessor', 'armos');
  return createRouter()
    .openapi(create, async (c) => {
      const caller = callerOf(c);
      const { lessorId: requested, ...input } = c.req.valid('json');
      const lessorId = lessorOf(caller, requested);
      return c.json(await Webhooks.register(deps, registrar(caller), lessorId, input), 201);
    })
    .openapi(list, async (c) => {
      const caller = callerOf(c);
      const lessorId = lessorOf(caller, c.req.valid('query').lessorId);
      return c.json(await Webhooks.list(deps, lessorId), 200);
    })
    .openapi(remove, async (c) => {
      const caller = callerOf(c);
      const lessorId = lessorOf(caller, c.req.valid('query').lessorId);
      await Webhooks.remove(deps, registrar(caller), lessorId, c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(deliveries, async (c) => {
      const caller = callerOf(c);
      const query = c.req.valid('query');
      const lessorId = lessorOf(caller, query.lessorId);
      const page = await Webhooks.deliveries(
        deps,
        lessorId,
        c.req.valid('param').id,
        query,
        cursors,
      );
      return c.json(page, 200);
    });
}
