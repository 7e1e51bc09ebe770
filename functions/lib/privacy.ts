/**
 * Everything held about a person (export) and its erasure. Each kind of personal data
 * registers here with how to collect it and how to erase it, so that neither the export nor
 * the erasure can forget one. docs/security.md ("Durées de conservation") lists them.
 */
import { ConflictError } from '../../shared/errors';
import type { User } from '../../shared/schemas/user';
import { auditPut } from './db/audit';
import type { Database } from './db/client';
import { transactWrite } from './db/transact';
import type { PhotoStorage } from './photos/storage';
import { footprintOf } from './retention/footprint';
import {
  personalDataSources,
  pseudonymiseLateMatches,
  type PersonalDataSource,
} from './retention/personal-data';
import { newPseudonym } from './retention/pseudonymise';

export type { PersonalDataSource };

const sources: PersonalDataSource[] = [...personalDataSources];

export function registerPersonalData(source: PersonalDataSource): void {
  if (!sources.some((existing) => existing.name === source.name)) sources.push(source);
}

const noStorage = (): PhotoStorage => {
  throw new Error('photo storage not configured');
};

export async function exportPersonalData(
  db: Database,
  user: User,
  now: Date,
  storage: () => PhotoStorage = noStorage,
): Promise<Record<string, unknown>> {
  const footprint = await footprintOf(db, user, storage);
  const document: Record<string, unknown> = {
    exportedAt: now.toISOString(),
    account: {
      id: user.id,
      email: user.email,
      role: user.role,
      displayName: user.displayName,
      phone: user.phone,
      notifications: user.notifications,
      createdAt: user.createdAt,
      lastActiveAt: user.lastActiveAt,
    },
  };
  for (const source of sources) document[source.name] = await source.collect(db, footprint);
  return document;
}

/** Who erases: the person (`DELETE /me`), or the system when the account was unused for too long. */
export interface ErasureCause {
  by: 'self' | 'system';
  action: string;
}

export async function erasePersonalData(
  db: Database,
  user: User,
  now: Date,
  storage: () => PhotoStorage = noStorage,
  cause: ErasureCause = { by: 'self', action: 'account-erased' },
): Promise<void> {
  const footprint = await footprintOf(db, user, storage);
  if (footprint.listings.some((listing) => listing.status === 'engaged')) {
    throw new ConflictError(
      'Un échange est en cours : annulez-le avant de supprimer votre compte.',
    );
  }
  const pseudonym = newPseudonym();
  for (const source of sources) await source.erase(db, footprint, { pseudonym, now });
  await pseudonymiseLateMatches(db, footprint, { pseudonym, now });
  const actor =
    cause.by === 'self'
      ? { actorId: pseudonym, actorRole: user.role }
      : { actorId: 'system', actorRole: 'system' };
  await transactWrite(db, [
    auditPut(db, { ...actor, action: cause.action, subject: `user:${pseudonym}` }, now),
  ]);
}
