/**
 * Listings and users read together in one batch (two batches past 100 keys): a page that shows
 * dwellings and their tenants' contacts then costs one request instead of one per kind.
 */
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import { batchGetAll } from './batch';
import type { Database } from './client';
import { toListing } from './listings';
import { ENTITY, keys } from './model';
import { toUser } from './users';

export interface ListingsAndUsers {
  listings: Map<string, Listing>;
  users: Map<string, User>;
}

export async function getListingsAndUsers(
  db: Database,
  listingIds: Iterable<string>,
  userIds: Iterable<string> = [],
): Promise<ListingsAndUsers> {
  const items = await batchGetAll(db, [
    ...[...new Set(listingIds)].map((id) => keys.listing(id)),
    ...[...new Set(userIds)].map((id) => keys.user(id)),
  ]);
  const listings = new Map<string, Listing>();
  const users = new Map<string, User>();
  for (const item of items) {
    if (item.entity === ENTITY.listing) {
      const listing = toListing(item);
      listings.set(listing.id, listing);
    } else if (item.entity === ENTITY.user) {
      const user = toUser(item);
      users.set(user.id, user);
    }
  }
  return { listings, users };
}
