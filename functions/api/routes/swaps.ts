/** Swaps (docs/api.md "Swaps"). */
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/schemas/common';
import {
  cancelBodySchema,
  completeBodySchema,
  confirmSwapBodySchema,
  createSwapBodySchema,
  reviewBodySchema,
  swapListQuerySchema,
  swapPageSchema,
  swapViewSchema,
} from '../../../shared/schemas/swap';
import { cursorCodec } from '../../lib/pagination';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { Swaps } from '../../lib/swaps';

const tags = ['Échanges'];
const idParam = z.object({ id: idSchema });
const swapResponse = (description: string) => ({ description, ...jsonContent(swapViewSchema) });

const create = createRoute({
  method: 'post',
  path: '/swaps',
  tags,
  security: SESSION_SECURITY,
  summary: 'Demander l’échange d’une proposition acceptée par tous (logements vérifiés et libres)',
  request: { body: { ...jsonContent(createSwapBodySchema), required: true } },
  responses: {
    201: swapResponse('Échange demandé : en attente des confirmations'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const list = createRoute({
  method: 'get',
  path: '/swaps',
  tags,
  security: SESSION_SECURITY,
  summary: 'File d’examen : échanges touchant mes logements (bailleur), tous les échanges (Armos)',
  request: { query: swapListQuerySchema },
  responses: {
    200: { description: 'Une page de la file', ...jsonContent(swapPageSchema) },
    ...errorResponses(400, 401, 403),
  },
});
const read = createRoute({
  method: 'get',
  path: '/swaps/{id}',
  tags,
  security: SESSION_SECURITY,
  summary: 'Un échange (participants, bailleurs concernés, Armos)',
  request: { params: idParam },
  responses: { 200: swapResponse('L’échange'), ...errorResponses(400, 401, 404) },
});
const actionResponses = {
  200: swapResponse('L’échange après l’action'),
  ...errorResponses(400, 401, 403, 404, 409),
};
const bodyOf = <T>(schema: T) => ({ body: { ...jsonContent(schema), required: true } });
const confirm = createRoute({
  method: 'post',
  path: '/swaps/{id}/confirm',
  tags,
  security: SESSION_SECURITY,
  summary: 'Confirmer l’échange (participant) ; tous confirmés → examen par les bailleurs',
  request: {
    params: idParam,
    // Only a reception agent confirming for the tenant sends a body (its consent).
    body: { ...jsonContent(confirmSwapBodySchema), required: false },
  },
  responses: actionResponses,
});
const review = createRoute({
  method: 'post',
  path: '/swaps/{id}/reviews',
  tags,
  security: SESSION_SECURITY,
  summary: 'Décision du bailleur du logement (ou Armos) sur le foyer qui y entrerait',
  request: { params: idParam, ...bodyOf(reviewBodySchema) },
  responses: actionResponses,
});
const complete = createRoute({
  method: 'post',
  path: '/swaps/{id}/complete',
  tags,
  security: SESSION_SECURITY,
  summary: 'Enregistrer la date d’effet d’un échange accepté (bailleur concerné, Armos)',
  request: { params: idParam, ...bodyOf(completeBodySchema) },
  responses: actionResponses,
});
const cancel = createRoute({
  method: 'post',
  path: '/swaps/{id}/cancel',
  tags,
  security: SESSION_SECURITY,
  summary: 'Annuler l’échange (participant avant l’accord des bailleurs, Armos)',
  request: { params: idParam, ...bodyOf(cancelBodySchema) },
  responses: actionResponses,
});
const file = createRoute({
  method: 'get',
  path: '/swaps/{id}/file.pdf',
  tags,
  security: SESSION_SECURITY,
  summary: 'Dossier PDF pour la CALEOL (bailleurs concernés, Armos)',
  request: { params: idParam },
  responses: {
    200: {
      description: 'Le dossier',
      content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function swapRoutes(deps: ApiDeps) {
  const cursors = cursorCodec(deps.config.sessionSecret);
  const participant = ['tenant', 'accueil'] as const;
  const staff = ['lessor', 'armos'] as const;
  return createRouter()
    .openapi(create, async (c) =>
      c.json(
        await Swaps.request(
          deps,
          requireRole(c, ...participant).user,
          c.req.valid('json').matchId,
          c.req.valid('json').consent,
        ),
        201,
      ),
    )
    .openapi(list, async (c) =>
      c.json(
        await Swaps.list(deps, requireRole(c, ...staff).user, c.req.valid('query'), cursors),
        200,
      ),
    )
    .openapi(read, async (c) =>
      c.json(
        await Swaps.read(
          deps,
          requireRole(c, ...participant, ...staff).user,
          c.req.valid('param').id,
        ),
        200,
      ),
    )
    .openapi(confirm, async (c) =>
      c.json(
        await Swaps.confirm(
          deps,
          requireRole(c, ...participant).user,
          c.req.valid('param').id,
          c.req.valid('json').consent,
        ),
        200,
      ),
    )
    .openapi(review, async (c) =>
      c.json(
        await Swaps.review(
          deps,
          requireRole(c, ...staff).user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
    )
    .openapi(complete, async (c) => {
      const caller = requireRole(c, ...staff);
      return c.json(
        await Swaps.complete(
          deps,
          caller.user,
          c.req.valid('param').id,
          c.req.valid('json').effectiveDate,
        ),
        200,
      );
    })
    .openapi(cancel, async (c) => {
      const caller = requireRole(c, ...participant, 'armos');
      return c.json(
        await Swaps.cancel(deps, caller.user, c.req.valid('param').id, c.req.valid('json').reason),
        200,
      );
    })
    .openapi(file, async (c) => {
      const pdf = await Swaps.file(deps, requireRole(c, ...staff).user, c.req.valid('param').id);
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="dossier-echange-${c.req.valid('param').id}.pdf"`,
        'cache-control': 'no-store',
      });
    });
}
