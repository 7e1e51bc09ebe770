/**
 * A person's own account: their profile, the export of everything kept about them and its erasure
 * (GDPR). Photos are read and deleted through the storage the caller builds on first use.
 */
import type { UpdateMeBody } from '../../../shared/schemas/auth';
import type { User } from '../../../shared/schemas/user';
import { endSession } from '../auth/sign-out';
import type { SessionClaims } from '../auth/session';
import { updateProfile } from '../db/profile';
import type { PhotoStorage } from '../photos/storage';
import { erasePersonalData, exportPersonalData } from '../privacy';
import type { AppContext } from '../app-context';

export type AccountDeps = Pick<AppContext, 'db' | 'now'>;

export function updateAccount(deps: AccountDeps, user: User, changes: UpdateMeBody): Promise<User> {
  return updateProfile(deps.db, user.id, changes, deps.now());
}

export function exportAccount(
  deps: AccountDeps,
  user: User,
  storage: () => PhotoStorage,
): Promise<Record<string, unknown>> {
  return exportPersonalData(deps.db, user, deps.now(), storage);
}

/** Erases the person's data, then ends the session that asked: the account is gone. */
export async function eraseAccount(
  deps: AccountDeps,
  user: User,
  session: Pick<SessionClaims, 'sessionId' | 'expiresAt'>,
  storage: () => PhotoStorage,
): Promise<void> {
  // Audited under the pseudonym the erasure draws, never the account id.
  await erasePersonalData(deps.db, user, deps.now(), storage);
  await endSession(deps, session);
}
