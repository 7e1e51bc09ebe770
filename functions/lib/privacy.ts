/**
 * Everything held about a person (export) and its erasure. Each kind of personal data
 * registers here, so that neither the export nor the erasure can forget it.
 */
import { ConflictError } from '../../shared/errors';
import type { Listing } from '../../shared/schemas/listing';
import type { User } from '../../shared/schemas/user';
import { auditOfActor } from './db/audit';
import type { Database } from './db/client';
import { activeListingGuardDelete, listingUpdatePut, listingsOfOwner } from './db/listings';
import { eraseProfile } from './db/profile';
import { transactWrite } from './db/transact';

export interface PersonalDataSource {
  /** Key in the export document. */
  name: string;
  collect(db: Database, user: User): Promise<unknown>;
  /** Removes or anonymises this kind of data; statistics stay, without the person. */
  erase(db: Database, user: User, now: Date): Promise<void>;
}

const sources: PersonalDataSource[] = [
  {
    name: 'journal',
    collect: (db, user) => auditOfActor(db, user.id, 500),
    erase: async () => {
      // Audit items name the account id and actions only: they stay as proof of decisions.
    },
  },
  {
    name: 'annonces',
    collect: async (db, user) => (await listingsOfOwner(db, user.id)).map(({ version: _v, ...listing }) => listing),
    erase: async (db, user, now) => {
      const listings = await listingsOfOwner(db, user.id);
      if (listings.some((listing) => listing.status === 'engaged')) {
        throw new ConflictError('Un échange est en cours : annulez-le avant de supprimer votre compte.');
      }
      for (const listing of listings) {
        // The dwelling's public facts and the motive stay for anonymous statistics.
        const anonymous: Listing = {
          ...listing,
          status: listing.status === 'exchanged' ? 'exchanged' : 'withdrawn',
          dwelling: { ...listing.dwelling, tenancyRef: 'effacé', dwellingRef: 'effacé' },
          household: { adults: listing.household.adults, children: listing.household.children },
          assistance: undefined,
          updatedAt: now.toISOString(),
        };
        await transactWrite(db, [listingUpdatePut(db, anonymous, listing.version, now), activeListingGuardDelete(db, user.id)]);
      }
    },
  },
];

export function registerPersonalData(source: PersonalDataSource): void {
  if (!sources.some((existing) => existing.name === source.name)) sources.push(source);
}

export async function exportPersonalData(db: Database, user: User, now: Date): Promise<Record<string, unknown>> {
  const document: Record<string, unknown> = {
    exportedAt: now.toISOString(),
    account: { id: user.id, email: user.email, role: user.role, displayName: user.displayName, phone: user.phone, notifications: user.notifications, createdAt: user.createdAt },
  };
  for (const source of sources) document[source.name] = await source.collect(db, user);
  return document;
}

export async function erasePersonalData(db: Database, user: User, now: Date): Promise<void> {
  for (const source of sources) await source.erase(db, user, now);
  await eraseProfile(db, user, now);
}
