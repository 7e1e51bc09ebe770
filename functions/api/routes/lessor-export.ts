/** A lessor's CSV export of its own work: GET /lessor/export?kind=verifications|reviews. */
import { createRoute, z } from '@hono/zod-openapi';
import { ValidationError } from '../../../shared/errors';
import { VERIFICATION_STATUSES, type Listing } from '../../../shared/schemas/listing';
import type { Swap, SwapReview } from '../../../shared/swap/lifecycle';
import { listingsToVerify } from '../../lib/db/listings';
import { findSwap } from '../../lib/db/swaps';
import { reviewsOfLessor } from '../../lib/db/swap-reviews';
import { reviewsCsv, verificationsCsv } from '../../lib/lessor-export/csv';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses } from '../router';

const exportRoute = createRoute({
  method: 'get',
  path: '/lessor/export',
  tags: ['Bailleurs'],
  security: SESSION_SECURITY,
  summary:
    'Export CSV (Excel) des vérifications ou des examens du bailleur, délais compris ; Armos choisit le bailleur',
  request: {
    query: z.object({
      kind: z.enum(['verifications', 'reviews'], {
        error: 'Choisissez verifications ou reviews.',
      }),
      lessorId: z.string().max(40).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Fichier CSV pour Excel (séparateur « ; », UTF-8 avec BOM)',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403),
  },
});

async function everyListingOf(deps: ApiDeps, lessorId: string): Promise<Listing[]> {
  const listings: Listing[] = [];
  for (const verification of VERIFICATION_STATUSES) {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await listingsToVerify(deps.db, lessorId, verification, { limit: 500, cursor });
      listings.push(...page.listings);
      cursor = page.cursor;
    } while (cursor);
  }
  return listings.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function everyReviewOf(deps: ApiDeps, lessorId: string) {
  const rows: { swap: Swap; review: SwapReview }[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await reviewsOfLessor(deps.db, lessorId, { limit: 200, cursor });
    const swaps = await Promise.all(page.items.map((entry) => findSwap(deps.db, entry.swapId)));
    page.items.forEach((entry, i) => {
      const swap = swaps[i];
      const review = swap?.reviews.find((r) => r.listingId === entry.listingId);
      if (swap && review) rows.push({ swap, review });
    });
    cursor = page.cursor;
  } while (cursor);
  return rows.sort((a, b) => a.swap.createdAt.localeCompare(b.swap.createdAt));
}

export function lessorExportRoutes(deps: ApiDeps) {
  return createRouter().openapi(exportRoute, async (c) => {
    const caller = requireRole(c, 'lessor', 'armos');
    const query = c.req.valid('query');
    const lessorId = caller.user.role === 'lessor' ? caller.user.lessorId! : query.lessorId;
    if (!lessorId)
      throw new ValidationError('Choisissez le bailleur.', [
        { path: 'lessorId', message: 'Choisissez le bailleur.' },
      ]);
    const body =
      query.kind === 'verifications'
        ? verificationsCsv(await everyListingOf(deps, lessorId))
        : reviewsCsv(await everyReviewOf(deps, lessorId), deps.now());
    const day = deps.now().toISOString().slice(0, 10);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header(
      'content-disposition',
      `attachment; filename="echange-kaz-${lessorId.toLowerCase()}-${query.kind === 'verifications' ? 'verifications' : 'examens'}-${day}.csv"`,
    );
    return c.body(body, 200);
  });
}
