/**
 * Ending a session: its id is refused until its own expiry, after which the token is dead anyway
 * and the mark can go.
 */
import { revokeSession } from '../db/auth';
import type { SessionClaims } from './session';
import type { AppContext } from '../app-context';

export function endSession(
  deps: Pick<AppContext, 'db'>,
  session: Pick<SessionClaims, 'sessionId' | 'expiresAt'>,
): Promise<void> {
  return revokeSession(deps.db, session.sessionId, session.expiresAt);
}
