/** API clients of lessors' systems, managed by Armos: POST/GET/DELETE /admin/api-clients. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  apiClientCreateSchema,
  apiClientCreatedSchema,
  apiClientSchema,
} from '../../../shared/schemas/api-client';
import { idSchema } from '../../../shared/schemas/common';
import { ApiClients } from '../../lib/api-clients';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Clients de l’API'];

const create = createRoute({
  method: 'post',
  path: '/admin/api-clients',
  operationId: 'createApiClient',
  tags,
  summary: 'Créer un client de l’API pour le système d’information d’un bailleur',
  description:
    'Le secret (`clientSecret`) n’est montré qu’une fois : seule son empreinte (scrypt) est conservée.',
  security: SESSION_SECURITY,
  request: { body: { ...jsonContent(apiClientCreateSchema), required: true } },
  responses: {
    201: { description: 'Client créé, avec son secret', ...jsonContent(apiClientCreatedSchema) },
    ...errorResponses(400, 401, 403),
  },
});

const list = createRoute({
  method: 'get',
  path: '/admin/api-clients',
  operationId: 'listApiClients',
  tags,
  summary: 'Lister les clients de l’API (révoqués compris), les plus récents d’abord',
  security: SESSION_SECURITY,
  responses: {
    200: { description: 'Les clients', ...jsonContent(z.array(apiClientSchema)) },
    ...errorResponses(401, 403),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/admin/api-clients/{id}',
  operationId: 'revokeApiClient',
  tags,
  summary: 'Révoquer un client : ses jetons sont refusés dès la requête suivante',
  security: SESSION_SECURITY,
  request: { params: z.object({ id: idSchema }) },
  responses: {
    200: { description: 'Le client, révoqué', ...jsonContent(apiClientSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function apiClientRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(create, async (c) => {
      const caller = requireRole(c, 'armos');
      return c.json(await ApiClients.create(deps, caller.user, c.req.valid('json')), 201);
    })
    .openapi(list, async (c) => {
      requireRole(c, 'armos');
      return c.json(await ApiClients.list(deps.db), 200);
    })
    .openapi(revoke, async (c) => {
      const caller = requireRole(c, 'armos');
      return c.json(await ApiClients.revoke(deps, caller.user, c.req.valid('param').id), 200);
    });
}
