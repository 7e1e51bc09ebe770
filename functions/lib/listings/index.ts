/**
 * What can be done with a listing, by name — the use cases the API's routes reach. Each takes the
 * part of the application context it reads, then the caller.
 */
import { findListing, listingsManagedBy, listingsOfOwner } from '../db/listings';
import { agentQueue } from './agent-queue';
import { endAssistance } from './assistance';
import { renewByLink } from './renewal';
import { changeListingStatus, createListing, updateListing, verifyListing } from './service';
import { verificationQueue } from './verification-queue';

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
  /** One listing, whoever asks: the route decides which view, if any, the caller may see. */
  find: findListing,
  /** A tenant's own listings, newest first. */
  ofOwner: listingsOfOwner,
  /** The listings a reception agent created for tenants, newest first. */
  managedBy: listingsManagedBy,
  /** What a reception agent's tenants are waiting on today. */
  agentQueue,
  verificationQueue,
} as const;
