/**
 * A lessor's CSV exports of its own work: every listing of its dwellings with its verification
 * state, and every review of a household entering one of them — read whole, page after page.
 */
import { VERIFICATION_STATUSES, type Listing } from '../../../shared/schemas/listing';
import type { Swap, SwapReview } from '../../../shared/swap/lifecycle';
import { listingsToVerify } from '../db/listings';
import { reviewsOfLessor } from '../db/swap-reviews';
import { findSwap } from '../db/swaps';
import type { AppContext } from '../app-context';
import { reviewsCsv, verificationsCsv } from './csv';

async function everyListingOf(deps: Pick<AppContext, 'db'>, lessorId: string): Promise<Listing[]> {
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

async function everyReviewOf(deps: Pick<AppContext, 'db'>, lessorId: string) {
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

export async function verificationsExport(
  deps: Pick<AppContext, 'db'>,
  lessorId: string,
): Promise<string> {
  return verificationsCsv(await everyListingOf(deps, lessorId));
}

/** Delays and "overdue" are counted up to now. */
export async function reviewsExport(
  deps: Pick<AppContext, 'db' | 'now'>,
  lessorId: string,
): Promise<string> {
  return reviewsCsv(await everyReviewOf(deps, lessorId), deps.now());
}
