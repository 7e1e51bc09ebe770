/**
 * What each audience sees of a listing. The public view is the only thing other tenants and
 * the cinor role may ever receive: no tenancy reference, dwelling number, income or identity.
 */
import type { Dwelling, Listing } from '../schemas/listing';
import type {
  ListingView,
  PublicDwelling,
  PublicListing,
  ReceivedDwelling,
} from '../schemas/listing-views';
import { nextTotalRentOf } from './next-rent';

export type { PublicDwelling, PublicListing, ReceivedDwelling };

export function publicDwelling(dwelling: Dwelling): PublicDwelling {
  const { tenancyRef: _tenancyRef, dwellingRef: _dwellingRef, ...rest } = dwelling;
  return rest;
}

/** What the owner, their agent and the lessor read: the listing without what only storage needs (its version). */
export function privateView(listing: Listing): ListingView {
  const { version: _version, ...rest } = listing;
  return { ...rest, nextTotalRent: nextTotalRentOf(listing) };
}

export function publicView(listing: Listing): PublicListing {
  return {
    id: listing.id,
    status: listing.status,
    verification: listing.verification,
    dwelling: publicDwelling(listing.dwelling),
    household: { adults: listing.household.adults, children: listing.household.children },
    motive: listing.motive,
    wishes: listing.wishes,
    ...(listing.publishedAt ? { publishedAt: listing.publishedAt } : {}),
    ...(listing.expiresAt ? { expiresAt: listing.expiresAt } : {}),
    createdAt: listing.createdAt,
    updatedAt: listing.updatedAt,
    nextTotalRent: nextTotalRentOf(listing),
  };
}

/** The dwelling of `listing` as the household moving into it sees it: public facts and the rent it would pay. */
export function receivedDwelling(listing: Listing): ReceivedDwelling {
  return { ...publicDwelling(listing.dwelling), nextTotalRent: nextTotalRentOf(listing) };
}

/** A lessor's vacant dwelling as the household entering it sees it: its rent is the one it would pay. */
export function receivedVacancy(vacancy: PublicDwelling): ReceivedDwelling {
  return { ...vacancy, nextTotalRent: vacancy.rent + vacancy.charges };
}
