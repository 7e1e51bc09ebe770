/** Photos of a listing: presigned upload, list with short-lived links, delete. */
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/schemas/common';
import type { Listing } from '../../../shared/schemas/listing';
import {
  photoSchema,
  photoUploadBodySchema,
  photoUploadSchema,
} from '../../../shared/schemas/photo';
import type { User } from '../../../shared/schemas/user';
import { Photos } from '../../lib/photos';
import type { ApiDeps } from '../context';
import { requireCaller, requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';

const tags = ['Photos'];
const idParam = z.object({ id: idSchema });

const upload = createRoute({
  method: 'post',
  path: '/listings/{id}/photos',
  tags,
  security: SESSION_SECURITY,
  summary:
    'Demander une adresse d’envoi pour une photo (6 au plus ; JPEG, PNG ou WebP ; 8 Mo au plus)',
  description:
    'Envoyez ensuite le fichier par PUT à `uploadUrl` avec l’en-tête Content-Type indiqué et exactement `size` octets. La photo devient visible une fois traitée (`ready`).',
  request: { params: idParam, body: { ...jsonContent(photoUploadBodySchema), required: true } },
  responses: {
    201: { description: 'Adresse d’envoi présignée', ...jsonContent(photoUploadSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const list = createRoute({
  method: 'get',
  path: '/listings/{id}/photos',
  tags,
  security: SESSION_SECURITY,
  summary:
    'Les photos d’une annonce (liens valables 5 minutes ; les autres locataires ne voient que les photos prêtes)',
  description:
    'Voient les photos prêtes : les participants d’une proposition ouverte avec cette annonce et, avec `swapId`, ceux qui voient cet échange (participants, bailleurs des logements, Armos). Les autres reçoivent 404.',
  request: { params: idParam, query: z.object({ swapId: idSchema.optional() }) },
  responses: {
    200: { description: 'Photos, la plus ancienne d’abord', ...jsonContent(z.array(photoSchema)) },
    ...errorResponses(400, 401, 404),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/listings/{id}/photos/{photoId}',
  tags,
  security: SESSION_SECURITY,
  summary: 'Supprimer une photo',
  request: { params: z.object({ id: idSchema, photoId: idSchema }) },
  responses: { 204: { description: 'Photo supprimée' }, ...errorResponses(400, 401, 404, 409) },
});

export function photoRoutes(
  deps: ApiDeps,
  canSeePublicView: (user: User, listing: Listing) => Promise<boolean>,
) {
  return createRouter()
    .openapi(upload, async (c) => {
      const caller = requireRole(c, 'tenant', 'accueil');
      return c.json(
        await Photos.requestUpload(deps, caller.user, c.req.valid('param').id, c.req.valid('json')),
        201,
      );
    })
    .openapi(list, async (c) => {
      const caller = requireCaller(c);
      return c.json(
        await Photos.list(
          deps,
          caller.user,
          c.req.valid('param').id,
          canSeePublicView,
          c.req.valid('query').swapId,
        ),
        200,
      );
    })
    .openapi(remove, async (c) => {
      const caller = requireCaller(c);
      const { id, photoId } = c.req.valid('param');
      await Photos.remove(deps, caller.user, id, photoId);
      return c.body(null, 204);
    });
}
