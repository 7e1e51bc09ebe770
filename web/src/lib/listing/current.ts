/** Which of the tenant's listings is "my listing": the most recent one still alive. */
import { ACTIVE_STATUSES } from '$shared/listing/lifecycle';
import type { ListingView } from '$shared/schemas/listing-views';

/** GET /listings/mine answers newest first; withdrawn and exchanged listings are history. */
export function currentListing(listings: ListingView[]): ListingView | null {
  return listings.find((listing) => ACTIVE_STATUSES.includes(listing.status)) ?? null;
}

const DAY = 24 * 60 * 60 * 1000;
export const RENEWAL_WINDOW_DAYS = 30;

/** "Prolonger" is offered from 30 days before expiry, and after it. */
export function canRenewNow(
  listing: Pick<ListingView, 'status' | 'expiresAt'>,
  now = new Date(),
): boolean {
  if (listing.status === 'expired') return true;
  if (listing.status !== 'published' || !listing.expiresAt) return false;
  return new Date(listing.expiresAt).getTime() - now.getTime() <= RENEWAL_WINDOW_DAYS * DAY;
}
