/** Proposals (docs/api.md "Matches"). */
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/schemas/common';
import {
  interestBodySchema,
  matchSummarySchema,
  matchViewSchema,
  messageBodySchema,
  messageSchema,
  visitBodySchema,
} from '../../../shared/schemas/match';
import { ValidationError } from '../../../shared/errors';
import {
  MATCH_FILTERS,
  formatCursor,
  shownCursorSchema,
  type ShownCursor,
} from '../../../shared/match/shown-page';
import { Proposals } from '../../lib/matching';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Propositions'];
const idParam = z.object({ id: idSchema });
const listingQuery = z.object({ listingId: idSchema.optional() });
/** "Mes propositions" loads 20 at a time; a client may ask up to 100. */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

const listQuery = listingQuery.extend({
  filter: z.enum(MATCH_FILTERS).optional().meta({
    description: 'awaiting-me : en attente de ma réponse ; mutual : tout le monde a dit oui',
  }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional().meta({
    description: 'Une page de propositions au plus (sans limit : toutes)',
  }),
  cursor: shownCursorSchema.optional().meta({
    description: 'Où reprendre : l’en-tête Link rel="next" de la page précédente le donne',
  }),
});
const list = createRoute({
  method: 'get',
  path: '/matches',
  tags,
  security: SESSION_SECURITY,
  summary:
    'Mes propositions d’échange, les meilleures d’abord, toutes ou une page à la fois (un agent d’accueil précise listingId)',
  request: { query: listQuery },
  responses: {
    200: {
      description: 'Propositions',
      headers: z.object({
        Link: z.string().optional().meta({
          description: 'Avec limit, tant qu’il en reste : `<…&cursor=…>; rel="next"`',
        }),
      }),
      ...jsonContent(z.array(matchViewSchema)),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});
const summary = createRoute({
  method: 'get',
  path: '/matches/summary',
  tags,
  security: SESSION_SECURITY,
  summary:
    'Combien d’échanges possibles, combien d’annonces voudraient mon logement, et ce qui élargirait mes propositions',
  request: { query: listingQuery },
  responses: {
    200: { description: 'Décompte', ...jsonContent(matchSummarySchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const read = createRoute({
  method: 'get',
  path: '/matches/{id}',
  tags,
  security: SESSION_SECURITY,
  summary: 'Une proposition (coordonnées visibles après accord de tous)',
  request: { params: idParam },
  responses: {
    200: { description: 'La proposition', ...jsonContent(matchViewSchema) },
    ...errorResponses(400, 401, 404),
  },
});
const interest = createRoute({
  method: 'post',
  path: '/matches/{id}/interest',
  tags,
  security: SESSION_SECURITY,
  summary: 'Répondre oui ou non',
  request: { params: idParam, body: { ...jsonContent(interestBodySchema), required: true } },
  responses: {
    200: { description: 'La proposition après ma réponse', ...jsonContent(matchViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const visit = createRoute({
  method: 'post',
  path: '/matches/{id}/visit',
  tags,
  security: SESSION_SECURITY,
  summary: 'Déclarer ma visite : le logement me convient ou non',
  request: { params: idParam, body: { ...jsonContent(visitBodySchema), required: true } },
  responses: {
    200: { description: 'La proposition avec ma visite', ...jsonContent(matchViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const messages = createRoute({
  method: 'get',
  path: '/matches/{id}/messages',
  tags,
  security: SESSION_SECURITY,
  summary: 'Messages entre participants (après accord de tous)',
  request: { params: idParam },
  responses: {
    200: {
      description: 'Messages, du plus ancien au plus récent',
      ...jsonContent(z.array(messageSchema)),
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const post = createRoute({
  method: 'post',
  path: '/matches/{id}/messages',
  tags,
  security: SESSION_SECURITY,
  summary: 'Écrire aux autres participants',
  request: { params: idParam, body: { ...jsonContent(messageBodySchema), required: true } },
  responses: {
    201: { description: 'Message envoyé', ...jsonContent(messageSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

/** The next page's address, relative to the host: the request's own, from the cursor on. */
function nextPageUrl(requestUrl: string, next: ShownCursor, limit: number): string {
  const url = new URL(requestUrl);
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('cursor', formatCursor(next));
  return `${url.pathname}${url.search}`;
}

export function matchRoutes(deps: ApiDeps) {
  const widen = {
    db: deps.db,
    now: deps.now,
    reference: deps.reference,
    market: Proposals.market(),
  };
  return createRouter()
    .openapi(summary, async (c) =>
      c.json(
        await Proposals.summary(
          deps,
          requireRole(c, 'tenant', 'accueil').user,
          c.req.valid('query').listingId,
          (listing) => Proposals.marketView(widen, listing),
        ),
        200,
      ),
    )
    .openapi(list, async (c) => {
      const caller = requireRole(c, 'tenant', 'accueil');
      const query = c.req.valid('query');
      if (query.cursor && query.cursor.filter !== (query.filter ?? 'all'))
        throw new ValidationError('Ce curseur continue une autre liste de propositions.');
      const limit = query.limit ?? (query.cursor ? DEFAULT_PAGE : undefined);
      const { views, next } = await Proposals.list(
        deps,
        caller.user,
        { ...query, limit },
        caller.activeListingId,
      );
      if (next && limit) c.header('Link', `<${nextPageUrl(c.req.url, next, limit)}>; rel="next"`);
      return c.json(views, 200);
    })
    .openapi(read, async (c) =>
      c.json(
        await Proposals.read(
          deps,
          requireRole(c, 'tenant', 'accueil', 'armos').user,
          c.req.valid('param').id,
        ),
        200,
      ),
    )
    .openapi(interest, async (c) => {
      const caller = requireRole(c, 'tenant', 'accueil');
      return c.json(
        await Proposals.answer(
          deps,
          caller.user,
          c.req.valid('param').id,
          c.req.valid('json').interested,
          c.req.valid('json').consent,
        ),
        200,
      );
    })
    .openapi(visit, async (c) => {
      const caller = requireRole(c, 'tenant', 'accueil');
      return c.json(
        await Proposals.reportVisit(
          deps,
          caller.user,
          c.req.valid('param').id,
          c.req.valid('json').suitable,
          c.req.valid('json').consent,
        ),
        200,
      );
    })
    .openapi(messages, async (c) =>
      c.json(
        await Proposals.messages(
          deps,
          requireRole(c, 'tenant', 'accueil').user,
          c.req.valid('param').id,
        ),
        200,
      ),
    )
    .openapi(post, async (c) => {
      const caller = requireRole(c, 'tenant', 'accueil');
      return c.json(
        await Proposals.postMessage(
          deps,
          caller.user,
          c.req.valid('param').id,
          c.req.valid('json').text,
        ),
        201,
      );
    });
}
