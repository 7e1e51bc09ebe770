/**
 * Erasure keeps what others rely on — proposals and settled swaps for the other households and
 * the lessors, audit entries as proof of decisions — but without the person: their account id
 * is replaced everywhere by a pseudonym drawn at erasure and kept nowhere with the id, and what
 * they wrote or declared themselves (messages, visit reports, cancellation reasons) goes.
 */
import { ulid } from 'ulid';
import { ConflictError } from '../../../shared/errors';
import type { RecordedConsent } from '../../../shared/schemas/consent';
import type { Swap } from '../../../shared/swap/lifecycle';
import type { Database } from '../db/client';
import { findMatch, matchUpdateItems, type StoredMatch } from '../db/matches';
import { keys, type ItemKey } from '../db/model';
import { findSwap, swapUpdatePut } from '../db/swaps';
import { reviewOutlineUpdate } from '../db/swap-reviews';
import { transactWrite } from '../db/transact';
import { deleteItems, keysUnder } from '../db/listing-remnants';
import { auditEntriesOf, reassignAuditEntry } from '../db/audit';
import { messagesOfThread } from '../db/messages';

export const newPseudonym = () => `anonyme-${ulid()}`;

/** The consents an agent recorded for the person keep how and when, not the free-text note. */
function withoutNotes(consents: RecordedConsent[] | undefined, listingIds: string[]) {
  if (!consents) return {};
  return {
    consents: consents.map(({ note, ...consent }) =>
      listingIds.includes(consent.listingId) ? consent : { ...consent, ...(note ? { note } : {}) },
    ),
  };
}

/** Re-reads and retries a version-checked rewrite that raced with another change. */
async function withRetry(rewrite: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await rewrite();
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
}

/** A proposal without the person: pseudonym for their id, no visit report; their messages and notices deleted. */
export async function pseudonymiseMatch(
  db: Database,
  matchId: string,
  userId: string,
  pseudonym: string,
  now: Date,
): Promise<void> {
  await withRetry(async () => {
    const match = await findMatch(db, matchId);
    if (!match || !match.participants.some((p) => p.ownerId === userId)) return;
    const participants = match.participants.map(({ visit, ...p }) =>
      p.ownerId === userId ? { ...p, ownerId: pseudonym } : { ...p, ...(visit ? { visit } : {}) },
    );
    const theirs = match.participants.filter((p) => p.ownerId === userId).map((p) => p.listingId);
    const changed: StoredMatch = {
      ...match,
      participants,
      ...withoutNotes(match.consents, theirs),
      updatedAt: now.toISOString(),
    };
    await transactWrite(db, matchUpdateItems(db, changed, match.version));
  });
  const own = (await messagesOfThread(db, matchId)).filter(
    (message) => message.authorId === userId,
  );
  const notices = keys.messageNoticesPrefix(matchId, userId);
  const noticeKeys = await keysUnder(db, notices.pk, notices.skPrefix);
  await deleteItems(db, [...own.map((m) => keys.message(matchId, m.sentAt, m.id)), ...noticeKeys]);
}

/** A settled swap stays for its lessors, with a pseudonym for the person and no free text of theirs. */
export async function pseudonymiseSwap(
  db: Database,
  swapId: string,
  userId: string,
  pseudonym: string,
): Promise<void> {
  await withRetry(async () => {
    const swap = await findSwap(db, swapId);
    if (!swap || !swap.participants.some((p) => p.ownerId === userId)) return;
    const changed: Swap = {
      ...swap,
      participants: swap.participants.map((p) =>
        p.ownerId === userId ? { ...p, ownerId: pseudonym } : p,
      ),
      ...(swap.cancelReason && swap.cancelledBy === 'participant'
        ? { cancelReason: 'effacé' }
        : {}),
      ...withoutNotes(
        swap.consents,
        swap.participants.filter((p) => p.ownerId === userId).map((p) => p.listingId),
      ),
    };
    await transactWrite(db, [
      swapUpdatePut(db, changed, swap.version),
      // Reviews carry the participants for their lessor's queue: the pseudonym goes there too.
      ...changed.reviews.map((review) => reviewOutlineUpdate(db, changed, review)),
    ]);
  });
}

/** Audit entries kept as proof, with the pseudonym as actor or subject; a moved entry is written before the old one goes. */
export async function pseudonymiseAudit(
  db: Database,
  userId: string,
  pseudonym: string,
): Promise<void> {
  const subject = `user:${userId}`;
  const moved: ItemKey[] = [];
  for (const entry of await auditEntriesOf(db, userId)) {
    const actorId = entry.actorId === userId ? pseudonym : entry.actorId;
    const newSubject = entry.subject === subject ? `user:${pseudonym}` : entry.subject;
    const old = await reassignAuditEntry(db, entry, actorId, newSubject);
    if (old) moved.push(old);
  }
  await deleteItems(db, moved);
}
