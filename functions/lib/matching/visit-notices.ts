/** The other participants of a proposal declined after a visit are told, kindly, in the same transaction. */
import type { Database } from '../db/client';
import type { StoredMatch } from '../db/matches';
import { getListings } from '../db/listings';
import type { TransactItem } from '../db/transact';
import { mailsToListingHolders } from '../mail/assisted-mail';
import { visitDeclinedMail } from '../mail/visit-mails';

export async function visitDeclinedNotices(
  deps: { db: Database; appUrl: string },
  match: StoredMatch,
  declinerListingId: string,
  now: Date,
): Promise<TransactItem[]> {
  const others = match.participants.filter((p) => p.listingId !== declinerListingId);
  const listings = await getListings(
    deps.db,
    others.map((p) => p.listingId),
  );
  const items: TransactItem[] = [];
  for (const p of others)
    items.push(
      ...(await mailsToListingHolders(
        deps.db,
        listings.get(p.listingId) ?? { ownerId: p.ownerId },
        visitDeclinedMail(deps.appUrl),
        'visit-declined',
        now,
      )),
    );
  return items;
}
