/**
 * The kinds of personal data, each with its export and its erasure (see ../privacy.ts). Order
 * matters for erasure: proposals and swaps are pseudonymised while the listings still name the
 * person, the account's own items go last.
 */
import type { Listing } from '../../../shared/schemas/listing';
import type { Database } from '../db/client';
import { eraseAccountItems } from '../db/profile';
import { expiryScheduleItems } from '../db/expiry';
import { activeListingGuardDelete, listingUpdatePut } from '../db/listings';
import { keys, fromItem } from '../db/model';
import { listUnsentMail } from '../db/outbox';
import { matchesOfListing } from '../db/matches';
import { listPhotoRecords } from '../db/photos';
import { findSwap } from '../db/swaps';
import { transactWrite } from '../db/transact';
import { photoObjectKeys } from '../photos/storage';
import type { Footprint } from './footprint';
import { deleteItems, removeListingPhotos } from '../db/listing-remnants';
import { pseudonymiseAudit, pseudonymiseMatch, pseudonymiseSwap } from './pseudonymise';
import { auditEntriesOf } from '../db/audit';
import { messagesOfThread } from '../db/messages';

const DOWNLOAD_SECONDS = 15 * 60;

const ownListingIds = (footprint: Footprint) =>
  new Set(footprint.listings.map((listing) => listing.id));

/** Mails not sent yet to the person (sent ones keep neither address nor content). */
async function pendingMailsTo(db: Database, email: string) {
  return (await listUnsentMail(db, new Date('9999-12-31'), 1000)).filter(
    (mail) => mail.to?.toLowerCase() === email.toLowerCase(),
  );
}

/**
 * Proposals stored while the erasure ran: the person's listings stayed on the market until their
 * withdrawal, so the matcher may have found new ones after the footprint was read. Once the
 * listings are withdrawn under the pseudonym, no new proposal can name the person.
 */
export async function pseudonymiseLateMatches(
  db: Database,
  footprint: Footprint,
  erasure: { pseudonym: string; now: Date },
): Promise<void> {
  const known = new Set(footprint.matches.map((match) => match.id));
  for (const listing of footprint.listings)
    for (const match of await matchesOfListing(db, listing.id))
      if (!known.has(match.id) && match.participants.some((p) => p.ownerId === footprint.user.id))
        await pseudonymiseMatch(db, match.id, footprint.user.id, erasure.pseudonym, erasure.now);
}

/** One kind of personal data: what the export shows of it and how the erasure removes it. */
export interface PersonalDataSource {
  /** Key in the export document. */
  name: string;
  collect(db: Database, footprint: Footprint): Promise<unknown>;
  /** Removes or pseudonymises this kind of data; statistics stay, without the person. */
  erase(
    db: Database,
    footprint: Footprint,
    erasure: { pseudonym: string; now: Date },
  ): Promise<void>;
}

export const personalDataSources: PersonalDataSource[] = [
  {
    name: 'propositions',
    collect: async (_db, footprint) => {
      const mine = ownListingIds(footprint);
      return footprint.matches.map((match) => {
        const me = match.participants.find((p) => mine.has(p.listingId));
        return {
          id: match.id,
          kind: match.kind,
          status: match.status,
          listingIds: match.listingIds,
          myListingId: me?.listingId,
          myAnswer: me?.interest,
          createdAt: match.createdAt,
        };
      });
    },
    erase: async (db, footprint, { pseudonym, now }) => {
      for (const match of footprint.matches)
        await pseudonymiseMatch(db, match.id, footprint.user.id, pseudonym, now);
    },
  },
  {
    name: 'visites',
    collect: async (_db, footprint) => {
      const mine = ownListingIds(footprint);
      return footprint.matches.flatMap((match) =>
        match.participants
          .filter((p) => mine.has(p.listingId) && p.visit)
          .map((p) => ({
            matchId: match.id,
            listingId: p.listingId,
            suitable: p.visit!.suitable,
            at: p.visit!.at,
          })),
      );
    },
    // Removed with the proposals (above).
    erase: async () => undefined,
  },
  {
    name: 'messages',
    collect: async (db, footprint) => {
      const threads = await Promise.all(
        footprint.matches.map(async (match) => ({
          match,
          messages: await messagesOfThread(db, match.id),
        })),
      );
      return threads.flatMap(({ match, messages }) =>
        messages.map((message) => ({
          matchId: match.id,
          sentAt: message.sentAt,
          fromMe: message.authorId === footprint.user.id,
          text: message.text,
        })),
      );
    },
    // The person's own messages are deleted with the proposals (above); the others' stay theirs.
    erase: async () => undefined,
  },
  {
    name: 'echanges',
    collect: async (db, footprint) => {
      const swaps = await Promise.all(footprint.swapIds.map((id) => findSwap(db, id)));
      return swaps.flatMap((swap) => {
        if (!swap) return [];
        const mine = swap.participants
          .filter((p) => p.ownerId === footprint.user.id)
          .map((p) => p.listingId);
        const { participants, reviews, version: _v, ...rest } = swap;
        return [
          {
            ...rest,
            participants: participants.map(({ ownerId: _owner, ...p }) => p),
            decisionsOnMyHousehold: reviews.filter((r) => mine.includes(r.incomingListingId)),
          },
        ];
      });
    },
    erase: async (db, footprint, { pseudonym }) => {
      for (const swapId of footprint.swapIds)
        await pseudonymiseSwap(db, swapId, footprint.user.id, pseudonym);
    },
  },
  {
    name: 'photos',
    collect: async (db, footprint) => {
      const photos = (
        await Promise.all(footprint.listings.map((listing) => listPhotoRecords(db, listing.id)))
      ).flat();
      return Promise.all(
        photos.map(async (photo) => ({
          listingId: photo.listingId,
          id: photo.id,
          status: photo.status,
          createdAt: photo.createdAt,
          ...(photo.status === 'ready'
            ? {
                url: await footprint
                  .storage()
                  .presignDownload(
                    photoObjectKeys.photo(photo.listingId, photo.id),
                    DOWNLOAD_SECONDS,
                  ),
              }
            : {}),
        })),
      );
    },
    erase: async (db, footprint) => {
      for (const listing of footprint.listings) {
        if ((await listPhotoRecords(db, listing.id)).length > 0)
          await removeListingPhotos(db, footprint.storage(), listing.id);
      }
    },
  },
  {
    name: 'annonces',
    collect: async (_db, footprint) =>
      footprint.listings.map(({ version: _v, ...listing }) => listing),
    erase: async (db, footprint, { pseudonym, now }) => {
      for (const listing of footprint.listings) {
        // The dwelling's public facts and the motive stay for anonymous statistics, then go by TTL.
        const anonymous: Listing = {
          ...listing,
          ownerId: pseudonym,
          status: listing.status === 'exchanged' ? 'exchanged' : 'withdrawn',
          dwelling: { ...listing.dwelling, tenancyRef: 'effacé', dwellingRef: 'effacé' },
          household: { adults: listing.household.adults, children: listing.household.children },
          assistance: undefined,
          verificationReason: undefined,
          updatedAt: now.toISOString(),
        };
        await transactWrite(db, [
          listingUpdatePut(db, anonymous, listing.version, now),
          activeListingGuardDelete(db, footprint.user.id),
          ...expiryScheduleItems(db, listing, anonymous),
        ]);
      }
    },
  },
  {
    name: 'mails',
    collect: async (db, footprint) =>
      (await pendingMailsTo(db, footprint.user.email)).map((mail) => ({
        kind: mail.kind,
        subject: mail.subject,
        status: mail.status,
        createdAt: mail.createdAt,
      })),
    erase: async (db, footprint) => {
      await deleteItems(
        db,
        (await pendingMailsTo(db, footprint.user.email)).map((mail) => keys.outbox(mail.id)),
      );
    },
  },
  {
    name: 'journal',
    collect: async (db, footprint) =>
      (await auditEntriesOf(db, footprint.user.id))
        .map((entry) => fromItem<Record<string, unknown>>(entry as never))
        .sort((a, b) => String(b.at).localeCompare(String(a.at))),
    erase: async (db, footprint, { pseudonym }) =>
      pseudonymiseAudit(db, footprint.user.id, pseudonym),
  },
  {
    name: 'compte',
    collect: async () => undefined,
    erase: async (db, footprint) => eraseAccountItems(db, footprint.user),
  },
];
