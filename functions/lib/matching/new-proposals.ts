/**
 * What follows a new proposal, from the stream: it is filed for the answer reminder and announced
 * in the daily digest. Kept apart from the matcher so that the owner of the listing that found
 * the proposals is not kept waiting for the mails.
 */
import type { StoredMatch } from '../db/matches';
import { putAnswerReminders } from '../db/day-lists';
import { formatInTimeZone } from '../time';
import { announceNewProposals } from './digest';
import type { AppContext } from '../app-context';

/** A participant who has not answered a proposal is reminded after this many days. */
export const ANSWER_REMINDER_DAYS = 3;

export type FanOutDeps = Pick<AppContext, 'db' | 'now' | 'appUrl'>;

const reminderDayOf = (match: StoredMatch) =>
  formatInTimeZone(
    new Date(Date.parse(match.createdAt) + ANSWER_REMINDER_DAYS * 86_400_000),
    'yyyy-MM-dd',
  );

/** Idempotent: a redelivered batch files the reminders again without harm and mails nothing twice. */
export async function fanOutNewMatches(deps: FanOutDeps, matches: StoredMatch[]): Promise<void> {
  if (matches.length === 0) return;
  await putAnswerReminders(
    deps.db,
    matches.map((match) => ({ matchId: match.id, day: reminderDayOf(match) })),
  );
  await announceNewProposals(deps, matches);
}
