/** The lessor's verification queue: GET /lessor/listings. */
import { createRoute, z } from '@hono/zod-openapi';
import { VERIFICATION_STATUSES } from '../../../shared/schemas/listing';
import { listingSchema } from '../../../shared/schemas/listing-views';
import { listingsToVerify } from '../../lib/db/listings';
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
    const query = c.req.valid('query');
    const lessorIds =
      caller.user.role === 'lessor'
        ? [caller.user.lessorId!]
        : query.lessorId
          ? [query.lessorId]
          : (await deps.reference()).lessors.map((lessor) => lessor.id);
    if (lessorIds.length === 1) {
      const scope = `lessor-queue:${lessorIds[0]}:${query.verification}`;
      const page = await listingsToVerify(deps.db, lessorIds[0]!, query.verification, {
        limit: query.limit,
        cursor: cursors.decode(scope, query.cursor),
      });
      return c.json(
        {
          items: page.listings.map(privateView),
          ...(page.cursor ? { nextCursor: cursors.encode(scope, page.cursor) } : {}),
        },
        200,
      );
    }
    // Armos across all lessors: the first page of each queue, merged oldest first.
    const pages = await Promise.all(
      lessorIds.map((id) =>
        listingsToVerify(deps.db, id, query.verification, { limit: query.limit }),
      ),
    );
    const items = pages
      .flatMap((page) => page.listings)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, query.limit);
    return c.json({ items: items.map(privateView) }, 200);
  });
}
