/**
 * Renewal from the link of an expiry mail, without signing in: the same transition as the
 * owner's "Prolonger" button, done on the owner's behalf. Idempotent: a link whose period was
 * already extended answers with the current state and changes nothing.
 */
import { ValidationError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { RenewalResultBody } from '../../../shared/schemas/listing-renewal';
import { findListing, ListingChangedError } from '../db/listings';
import { getUser } from '../db/users';
import { readRenewalToken } from './renewal-token';
import type { AppContext } from '../app-context';
import { changeListingStatus, type ListingDeps } from './service';

export type RenewalResult = RenewalResultBody;

const invalidLink = () =>
  new ValidationError(
    'Ce lien de prolongation n’est pas valide ou n’est plus valable. Connectez-vous pour prolonger votre annonce.',
    [{ path: 'token', message: 'Lien invalide ou expiré.' }],
  );

const result = (listing: Listing, renewed: boolean): RenewalResult => ({
  listingId: listing.id,
  status: listing.status,
  expiresAt: listing.expiresAt,
  renewed,
});

export async function renewByLink(
  deps: ListingDeps & Pick<AppContext, 'sessionSecret'>,
  token: string,
): Promise<RenewalResult> {
  const claims = await readRenewalToken(deps.sessionSecret(), token, deps.now());
  const listing = claims ? await findListing(deps.db, claims.listingId) : undefined;
  if (!claims || !listing) throw invalidLink();
  if (listing.expiresAt !== claims.period) return result(listing, false);
  const owner = await getUser(deps.db, listing.ownerId);
  if (!owner || (owner as { deletedAt?: string }).deletedAt) throw invalidLink();
  try {
    return result(await changeListingStatus(deps, owner, listing.id, 'renew'), true);
  } catch (error) {
    // Two clicks at the same instant: the other one renewed it.
    const now =
      error instanceof ListingChangedError ? await findListing(deps.db, listing.id) : undefined;
    if (now && now.expiresAt !== claims.period) return result(now, false);
    throw error;
  }
}
