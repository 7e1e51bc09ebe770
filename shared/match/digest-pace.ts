/**
 * When a tenant may receive the next "nouvelles propositions" mail: at most one a day (days as
 * La Réunion counts them, UTC+4) or one a week, as they chose; never if they said so.
 */
import type { ProposalFrequency } from '../schemas/user';

const REUNION_OFFSET_MS = 4 * 3600_000;
const DAY_MS = 86_400_000;
/** A weekly job that runs a few minutes earlier than last week still sends. */
const WEEK_MS = 7 * DAY_MS - 12 * 3600_000;

const reunionDay = (date: Date) => Math.floor((date.getTime() + REUNION_OFFSET_MS) / DAY_MS);

export function digestDue(
  frequency: ProposalFrequency,
  lastSentAt: Date | undefined,
  now: Date,
): boolean {
  if (frequency === 'never') return false;
  if (!lastSentAt) return true;
  if (frequency === 'daily') return reunionDay(now) > reunionDay(lastSentAt);
  return now.getTime() - lastSentAt.getTime() >= WEEK_MS;
}
