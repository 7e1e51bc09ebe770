/**
 * A stored listing as the matching engine reads it, and whether a stored cycle still holds with
 * its participants as they are now (every step accepted, everyone still on the market).
 */
import { takesPartInMatching } from '../listing/lifecycle';
import type { Listing } from '../schemas/listing';
import { accepts } from './accepts';
import type { MatchCandidate } from './types';

export function candidateOf(listing: Pick<Listing, keyof MatchCandidate>): MatchCandidate {
  return {
    id: listing.id,
    ownerId: listing.ownerId,
    dwelling: listing.dwelling,
    household: listing.household,
    wishes: listing.wishes,
    ...(listing.nextRent !== undefined ? { nextRent: listing.nextRent } : {}),
    ...(listing.nextCharges !== undefined ? { nextCharges: listing.nextCharges } : {}),
  };
}

/** Whether every step of the cycle still holds with the participants as they are now. */
export function cycleHolds(
  listingIds: string[],
  listings: Map<string, Listing>,
  now: Date,
): boolean {
  const cycle = listingIds.map((id) => listings.get(id));
  if (cycle.some((listing) => !listing || !takesPartInMatching(listing, now))) return false;
  return cycle.every((listing, i) =>
    accepts(candidateOf(listing!), candidateOf(cycle[(i + 1) % cycle.length]!)),
  );
}
