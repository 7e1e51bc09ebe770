/** Renewal of a listing from the link of an expiry mail: public, the signed token is the proof. */
import { createRoute } from '@hono/zod-openapi';
import {
  renewByLinkBodySchema,
  renewalResultSchema,
} from '../../../shared/schemas/listing-renewal';
import type { ApiDeps } from '../context';
import { createRouter, errorResponses, jsonContent } from '../router';
import { Listings } from '../../lib/listings';

const renew = createRoute({
  method: 'post',
  path: '/listings/renew-by-link',
  tags: ['Annonces'],
  summary:
    'Prolonger une annonce de 6 mois depuis le lien d’un mail de rappel (sans connexion ; un lien ne sert qu’une fois)',
  request: { body: { ...jsonContent(renewByLinkBodySchema), required: true } },
  responses: {
    200: {
      description: 'État de l’annonce (renewed: false si le lien avait déjà servi)',
      ...jsonContent(renewalResultSchema),
    },
    ...errorResponses(400, 409),
  },
});

export function renewalRoutes(deps: ApiDeps) {
  return createRouter().openapi(renew, async (c) =>
    c.json(await Listings.renewByLink(deps, c.req.valid('json').token), 200),
  );
}
