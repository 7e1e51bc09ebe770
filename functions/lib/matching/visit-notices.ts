/** The other participants of a proposal declined after a visit are told, kindly, in the same transaction. */
import type { Database } from '../db/client';
import type { StoredMatch } from '../db/matches';
import { outboxPut } from '../db/outbox';
import type { TransactItem } from '../db/transact';
import { getUsers } from '../db/users';
import { reachableEmail } from '../mail/addresses';
import { visitDeclinedMail } from '../mail/visit-mails';

export async function visitDeclinedNotices(
  deps: { db: Database; appUrl: string },
  match: StoredMatch,
  declinerListingId: string,
  now: Date,
): Promise<TransactItem[]> {
  const others = match.participants.filter((p) => p.listingId !== declinerListingId);
  const owners = await getUsers(
    deps.db,
    others.map((p) => p.ownerId),
  );
  return others.flatMap((p) => {
    const to = reachableEmail(owners.get(p.ownerId));
    return to
      ? [outboxPut(deps.db, { to, ...visitDeclinedMail(deps.appUrl), kind: 'visit-declined' }, now)]
      : [];
  });
}
