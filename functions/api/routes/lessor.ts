/** The lessor's verification queue: GET /lessor/listings. */
import { createRoute, z } from '@hono/zod-openapi';
import { VERIFICATION_STATUSES } from '../../../shared/schemas/listing';
import { listingSchema } from '../../../shared/schemas/listing-views';
import { Listings } from '../../lib/listings';
import { cursorCodec } from '../../lib/pagination';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { privateView } from '../../../shared/listing/views';

const queue = createRoute({
  method: 'get',
  path: '/lessor/listings',
  tags: ['Bailleurs'],
  security: SESSION_SECURITY,
  summary: 'Annonces à vérifier (les plus anciennes d’abord) ; Armos choisit le bailleur',
  request: {
    query: z.object({
      verification: z.enum(VERIFICATION_STATUSES).default('pending'),
      lessorId: z.string().max(40).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(2000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Une page de la file',
      ...jsonContent(
        z.object({ items: z.array(listingSchema), nextCursor: z.string().optional() }),
      ),
    },
    ...errorResponses(400, 401, 403),
  },
});

export function lessorRoutes(deps: ApiDeps) {
  const cursors = cursorCodec(deps.config.sessionSecret);
  return createRouter().openapi(queue, async (c) => {
    const caller = requireRole(c, 'lessor', 'armos');
    const page = await Listings.verificationQueue(deps, caller.user, c.req.valid('query'), cursors);
    return c.json({ ...page, items: page.items.map(privateView) }, 200);
  });
}
