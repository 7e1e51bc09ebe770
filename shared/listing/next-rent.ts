/**
 * The rent after the swap ("loyer après échange"): at re-letting the lessor may set a different
 * rent and charges for the incoming household; it states them when verifying the listing. Until
 * then, and when it states nothing, the incoming household pays what the tenant pays today.
 * Every reader of "what would the household moving in pay" goes through `nextTotalRentOf`.
 */
import type { Dwelling } from '../schemas/listing';

export interface NextRentSource {
  dwelling: Pick<Dwelling, 'rent' | 'charges'>;
  nextRent?: number;
  nextCharges?: number;
}

/** Rent and charges the tenant pays today. */
export function todayTotalRentOf(listing: Pick<NextRentSource, 'dwelling'>): number {
  return listing.dwelling.rent + listing.dwelling.charges;
}

/** Rent and charges the household moving in would pay: the lessor's figures, else today's. */
export function nextTotalRentOf(listing: NextRentSource): number {
  return (
    (listing.nextRent ?? listing.dwelling.rent) + (listing.nextCharges ?? listing.dwelling.charges)
  );
}

/** The lessor set a total for the incoming household other than today's. */
export function nextRentDiffers(listing: NextRentSource): boolean {
  return Math.abs(nextTotalRentOf(listing) - todayTotalRentOf(listing)) >= 0.005;
}
