/** Listings (docs/api.md "Listings"). */
import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../../shared/errors';
import { privateView, publicView } from '../../../shared/listing/views';
import { idSchema } from '../../../shared/schemas/common';
import {
  createListingBodySchema,
  updateListingBodySchema,
  verificationBodySchema,
  type Listing,
} from '../../../shared/schemas/listing';
import { listingSchema, publicListingSchema } from '../../../shared/schemas/listing-views';
import type { User } from '../../../shared/schemas/user';
import { canReadPrivate } from '../../lib/listings/access';
import type { ApiDeps } from '../context';
import { requireCaller, requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { Listings } from '../../lib/listings';

const tags = ['Annonces'];
const idParam = z.object({ id: idSchema });
const listingOrPublic = z.union([listingSchema, publicListingSchema]);

const create = createRoute({
  method: 'post',
  path: '/listings',
  tags,
  security: SESSION_SECURITY,
  summary:
    'Créer une annonce (brouillon) ; un agent d’accueil la crée pour un locataire (onBehalfOf)',
  request: { body: { ...jsonContent(createListingBodySchema), required: true } },
  responses: {
    201: { description: 'Annonce créée (brouillon)', ...jsonContent(listingSchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});
const mine = createRoute({
  method: 'get',
  path: '/listings/mine',
  tags,
  security: SESSION_SECURITY,
  summary: 'Mes annonces',
  responses: {
    200: {
      description: 'Mes annonces, la plus récente d’abord',
      ...jsonContent(z.array(listingSchema)),
    },
    ...errorResponses(401, 403),
  },
});
const managed = createRoute({
  method: 'get',
  path: '/listings/managed',
  tags,
  security: SESSION_SECURITY,
  summary: 'Les annonces que je gère en point d’accueil',
  responses: {
    200: {
      description: 'Annonces créées pour des locataires',
      ...jsonContent(z.array(listingSchema)),
    },
    ...errorResponses(401, 403),
  },
});
const read = createRoute({
  method: 'get',
  path: '/listings/{id}',
  tags,
  security: SESSION_SECURITY,
  summary: 'Une annonce',
  request: { params: idParam },
  responses: {
    200: {
      description: 'L’annonce (vue publique pour les locataires en correspondance)',
      ...jsonContent(listingOrPublic),
    },
    ...errorResponses(400, 401, 404),
  },
});
const edit = createRoute({
  method: 'patch',
  path: '/listings/{id}',
  tags,
  security: SESSION_SECURITY,
  summary: 'Modifier mon annonce (pas pendant un échange)',
  request: { params: idParam, body: { ...jsonContent(updateListingBodySchema), required: true } },
  responses: {
    200: { description: 'Annonce modifiée', ...jsonContent(listingSchema) },
    ...errorResponses(400, 401, 404, 409),
  },
});
const transition = (action: 'publish' | 'withdraw' | 'renew', summary: string) =>
  createRoute({
    method: 'post',
    path: `/listings/{id}/${action}`,
    tags,
    security: SESSION_SECURITY,
    summary,
    request: { params: idParam },
    responses: {
      200: { description: 'Nouvel état de l’annonce', ...jsonContent(listingSchema) },
      ...errorResponses(400, 401, 404, 409),
    },
  });
const verification = createRoute({
  method: 'post',
  path: '/listings/{id}/verification',
  tags: ['Bailleurs'],
  security: SESSION_SECURITY,
  summary: 'Vérifier ou rejeter une annonce (bailleur du logement, Armos)',
  request: { params: idParam, body: { ...jsonContent(verificationBodySchema), required: true } },
  responses: {
    200: { description: 'Annonce vérifiée ou rejetée', ...jsonContent(listingSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function listingRoutes(
  deps: ApiDeps,
  canSeePublicView: (user: User, listing: Listing) => Promise<boolean>,
) {
  const router = createRouter()
    .openapi(create, async (c) => {
      const caller = requireRole(c, 'tenant', 'accueil');
      const { onBehalfOf, ...input } = c.req.valid('json');
      return c.json(privateView(await Listings.create(deps, caller.user, input, onBehalfOf)), 201);
    })
    .openapi(mine, async (c) => {
      const caller = requireRole(c, 'tenant');
      return c.json((await Listings.ofOwner(deps.db, caller.user.id)).map(privateView), 200);
    })
    .openapi(managed, async (c) => {
      const caller = requireRole(c, 'accueil');
      return c.json((await Listings.managedBy(deps.db, caller.user.id)).map(privateView), 200);
    })
    .openapi(read, async (c) => {
      const caller = requireCaller(c);
      const listing = await Listings.find(deps.db, c.req.valid('param').id);
      if (listing && canReadPrivate(caller.user, listing)) return c.json(privateView(listing), 200);
      if (listing && (await canSeePublicView(caller.user, listing)))
        return c.json(publicView(listing), 200);
      throw new NotFoundError('Annonce introuvable.');
    })
    .openapi(edit, async (c) => {
      const caller = requireCaller(c);
      return c.json(
        privateView(
          await Listings.update(deps, caller.user, c.req.valid('param').id, c.req.valid('json')),
        ),
        200,
      );
    })
    .openapi(verification, async (c) => {
      const caller = requireRole(c, 'lessor', 'armos');
      return c.json(
        privateView(
          await Listings.verify(deps, caller.user, c.req.valid('param').id, c.req.valid('json')),
        ),
        200,
      );
    });
  for (const [action, summary] of [
    ['publish', 'Publier mon annonce (valable 6 mois)'],
    ['withdraw', 'Retirer mon annonce'],
    ['renew', 'Prolonger mon annonce de 6 mois'],
  ] as const) {
    router.openapi(transition(action, summary), async (c) => {
      const caller = requireCaller(c);
      return c.json(
        privateView(
          await Listings.changeStatus(deps, caller.user, c.req.valid('param').id, action),
        ),
        200,
      );
    });
  }
  return router;
}
