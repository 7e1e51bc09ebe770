/**
 * What can be done with a listing, by name — the use cases the API's routes reach. Each takes the
 * part of the application context it reads, then the caller.
 */
import { endAssistance } from './assistance';
import { renewByLink } from './renewal';
import { changeListingStatus, createListing, updateListing, verifyListing } from './service';

export const Listings = {
  create: createListing,
  update: updateListing,
  /** Publish, withdraw, renew, suspend or reinstate, as the listing's lifecycle allows. */
  changeStatus: changeListingStatus,
  /** The lessor's verification of the dwelling and tenancy. */
  verify: verifyListing,
  /** Six more months from the link of the expiry reminder, without signing in. */
  renewByLink,
  endAssistance,
} as const;
