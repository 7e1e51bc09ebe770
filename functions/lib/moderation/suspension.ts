/**
 * Armos suspends a listing (after a report, for instance): it leaves matching at once (its
 * proposals pause, as for any listing that stops taking part) and its tenant is told why.
 * Reinstating puts it back as it was, or expired if its period ended meanwhile.
 */
import { ConflictError } from '../../../shared/errors';
import type { Listing, ListingStatus } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { expiryScheduleItems } from '../db/expiry';
import { ListingChangedError, getListing, listingUpdatePut } from '../db/listings';
import { transactWrite } from '../db/transact';
import { outboxPut } from '../db/outbox';
import type { TransactItem } from '../db/transact';
import { getUser } from '../db/users';
import { reachableEmail } from '../mail/addresses';
import { listingReinstatedMail, listingSuspendedMail } from '../mail/moderation-mails';
import type { ModerationDeps } from './reports';

/** Kept on the listing while it is suspended: why, since when, and the status to go back to. */
export interface Suspension {
  reason: string;
  at: string;
  previousStatus: ListingStatus;
}

type SuspendableListing = Listing & { suspension?: Suspension };

const SUSPENDABLE: readonly ListingStatus[] = ['draft', 'published', 'expired'];

export async function suspendListing(
  deps: ModerationDeps,
  caller: User,
  listingId: string,
  reason: string,
): Promise<Listing> {
  const current = (await getListing(deps.db, listingId)) as SuspendableListing;
  if (current.status === 'engaged')
    throw new ConflictError(
      'Un échange est en cours avec cette annonce : annulez-le d’abord depuis le suivi des échanges.',
    );
  if (!SUSPENDABLE.includes(current.status))
    throw new ConflictError('Cette annonce ne peut pas être suspendue dans son état actuel.');
  const now = deps.now();
  const updated: SuspendableListing = {
    ...current,
    status: 'suspended',
    suspension: { reason, at: now.toISOString(), previousStatus: current.status },
    updatedAt: now.toISOString(),
  };
  await transactWrite(
    deps.db,
    [
      listingUpdatePut(deps.db, updated, current.version, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: 'listing-suspended',
          subject: `listing:${listingId}`,
          details: { reason },
        },
        now,
      ),
      ...expiryScheduleItems(deps.db, current, updated),
      ...(await tellOwner(
        deps,
        current,
        listingSuspendedMail(deps.appUrl, reason),
        'listing-suspended',
        now,
      )),
    ],
    () => new ListingChangedError(),
  );
  return { ...updated, version: current.version + 1 };
}

export async function reinstateListing(
  deps: ModerationDeps,
  caller: User,
  listingId: string,
): Promise<Listing> {
  const current = (await getListing(deps.db, listingId)) as SuspendableListing;
  if (!current.suspension || (current.status !== 'suspended' && current.status !== 'withdrawn'))
    throw new ConflictError('Cette annonce n’est pas suspendue.');
  const now = deps.now();
  // Withdrawn by its tenant while suspended: it stays withdrawn, and may be published again.
  const back = current.status === 'withdrawn' ? 'withdrawn' : current.suspension.previousStatus;
  const status: ListingStatus =
    back === 'published' && current.expiresAt && new Date(current.expiresAt) <= now
      ? 'expired'
      : back;
  const { suspension: _suspension, ...rest } = current;
  const updated: Listing = { ...rest, status, updatedAt: now.toISOString() };
  await transactWrite(
    deps.db,
    [
      listingUpdatePut(deps.db, updated, current.version, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: 'listing-reinstated',
          subject: `listing:${listingId}`,
        },
        now,
      ),
      ...expiryScheduleItems(deps.db, current, updated),
      ...(await tellOwner(
        deps,
        current,
        listingReinstatedMail(deps.appUrl),
        'listing-reinstated',
        now,
      )),
    ],
    () => new ListingChangedError(),
  );
  return { ...updated, version: current.version + 1 };
}

/** Always told (not a notice one can turn off): to the tenant, or the reception agent for a tenant without e-mail. */
async function tellOwner(
  deps: ModerationDeps,
  listing: Listing,
  mail: { subject: string; text: string; html: string },
  kind: string,
  now: Date,
): Promise<TransactItem[]> {
  let to = reachableEmail(await getUser(deps.db, listing.ownerId));
  if (!to && listing.assistance)
    to = reachableEmail(await getUser(deps.db, listing.assistance.agentId));
  return to ? [outboxPut(deps.db, { to, ...mail, kind }, now)] : [];
}

/** A listing withdrawn while suspended cannot be published again until Armos lifts the suspension. */
export function isHeldBySuspension(listing: Listing): boolean {
  return Boolean((listing as SuspendableListing).suspension);
}
