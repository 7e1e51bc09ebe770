/**
 * Where a person's data lies, found once before an export or an erasure: their listings, the
 * proposals those listings take part in, and the swaps made of them. Erasure rewrites owner ids,
 * so it must know the whole footprint before it changes anything.
 */
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import type { Database } from '../db/client';
import { listingsOfOwner } from '../db/listings';
import { matchesOfListing, type StoredMatch } from '../db/matches';
import type { PhotoStorage } from '../photos/storage';
import { auditEntriesOf } from '../db/audit';

export interface Footprint {
  user: User;
  listings: Listing[];
  matches: StoredMatch[];
  swapIds: string[];
  /** Built on first use: only a person with photos needs the bucket. */
  storage: () => PhotoStorage;
}

export async function footprintOf(
  db: Database,
  user: User,
  storage: () => PhotoStorage,
): Promise<Footprint> {
  const listings = await listingsOfOwner(db, user.id);
  const matches = new Map<string, StoredMatch>();
  for (const listing of listings)
    for (const match of await matchesOfListing(db, listing.id)) matches.set(match.id, match);
  const swapIds = new Set(
    [...matches.values()].flatMap((match) => (match.swapId ? [match.swapId] : [])),
  );
  // Swaps from before matches named theirs: the person's own actions on them are in the audit trail.
  for (const entry of await auditEntriesOf(db, user.id))
    if (entry.subject.startsWith('swap:')) swapIds.add(entry.subject.slice('swap:'.length));
  return { user, listings, matches: [...matches.values()], swapIds: [...swapIds], storage };
}
