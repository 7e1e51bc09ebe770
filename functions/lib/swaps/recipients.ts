/** Who a swap's mails go to: the participants (or their reception agent), the lessors' agents, Armos. */
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import type { Swap } from '../../../shared/swap/lifecycle';
import type { Database } from '../db/client';
import { outboxPut } from '../db/outbox';
import type { TransactItem } from '../db/transact';
import { getUser, listStaff } from '../db/users';
import { mailToOwner } from '../listings/service';

type Content = { subject: string; text: string; html: string };

/** One mail per participant, its content chosen for that participant's listing. */
export async function participantMails(
  db: Database,
  swap: Swap,
  listings: Map<string, Listing>,
  content: (listingId: string) => Content | undefined,
  kind: string,
  now: Date,
): Promise<TransactItem[]> {
  const items: TransactItem[] = [];
  for (const participant of swap.participants) {
    const listing = listings.get(participant.listingId);
    const mail = content(participant.listingId);
    if (listing && mail) items.push(...(await mailToOwner({ db }, listing, mail, kind, now)));
  }
  return items;
}

/** The staff accounts of `role` (lessor agents restricted to `lessorIds`), each address once. */
export async function staffAddresses(
  db: Database,
  role: 'lessor' | 'armos',
  lessorIds?: string[],
): Promise<string[]> {
  const staff = await listStaff(db, role);
  const wanted = (user: User) =>
    role === 'armos' || (user.lessorId !== undefined && (lessorIds ?? []).includes(user.lessorId));
  return [...new Set(staff.filter(wanted).map((user) => user.email))];
}

export async function staffMails(
  db: Database,
  role: 'lessor' | 'armos',
  lessorIds: string[] | undefined,
  mail: Content,
  kind: string,
  now: Date,
): Promise<TransactItem[]> {
  return (await staffAddresses(db, role, lessorIds)).map((to) =>
    outboxPut(db, { to, ...mail, kind }, now),
  );
}

/** How the other participants call the requester: their display name, or a neutral word. */
export async function requesterName(db: Database, listing: Listing | undefined): Promise<string> {
  if (!listing) return 'Un participant';
  const owner = await getUser(db, listing.ownerId);
  return owner?.displayName?.trim() || listing.assistance?.name || 'Un participant';
}
