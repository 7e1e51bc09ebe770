/**
 * Reminds participants who stayed silent on a proposal for 3 days (once each), if their page lists
 * it. The proposals to check on a day were filed under that day when they were stored: no scan.
 */
import { findMatch, type StoredMatch } from '../lib/db/matches';
import { bestRankedShownIds } from '../lib/db/shown-proposals';
import { shownGroupOf } from '../../shared/match/shown';
import type { MatchParticipant } from '../../shared/match/lifecycle';
import { outboxPut } from '../lib/db/outbox';
import { transactUnlessDone } from '../lib/db/transact';
import { getUser } from '../lib/db/users';
import { noticeEmail } from '../lib/mail/addresses';
import { answerReminderMail } from '../lib/mail/match-mails';
import { formatInTimeZone } from '../lib/time';
import type { AppContext } from '../lib/app-context';
import { answerReminderSentPut, matchIdsFiledOn, unfile } from '../lib/db/day-lists';

export type AnswerReminderDeps = Pick<AppContext, 'db' | 'appUrl'>;

export interface AnswerReminderReport {
  proposals: number;
  reminded: number;
}

/** Today and the two days before, so that a job that missed a day catches up. */
const daysToCheck = (now: Date) =>
  [0, 1, 2].map((back) =>
    formatInTimeZone(new Date(now.getTime() - back * 86_400_000), 'yyyy-MM-dd'),
  );

export async function runAnswerReminders(
  deps: AnswerReminderDeps,
  now: Date,
): Promise<AnswerReminderReport> {
  const report: AnswerReminderReport = { proposals: 0, reminded: 0 };
  // The proposals of a day share many participants: each page's best 50 is read once per run.
  const bestShown = new Map<string, Promise<Set<string>>>();
  const bestShownOf = (listingId: string) => {
    if (!bestShown.has(listingId)) bestShown.set(listingId, bestRankedShownIds(deps.db, listingId));
    return bestShown.get(listingId)!;
  };
  for (const day of daysToCheck(now)) {
    for (const matchId of await matchIdsFiledOn(deps.db, 'answerReminders', day)) {
      const match = await findMatch(deps.db, matchId);
      report.proposals += 1;
      for (const participant of match ? await silentAndShown(match, bestShownOf) : []) {
        const owner = await getUser(deps.db, participant.ownerId);
        const to = noticeEmail(owner);
        if (!to) continue;
        const sent = await transactUnlessDone(deps.db, [
          answerReminderSentPut(deps.db, matchId, participant.listingId, now),
          outboxPut(
            deps.db,
            { to, ...answerReminderMail(deps.appUrl, matchId), kind: 'answer-reminder' },
            now,
          ),
        ]);
        if (sent) report.reminded += 1;
      }
      await unfile(deps.db, 'answerReminders', day, matchId);
    }
  }
  return report;
}

/**
 * The participants who have not answered the proposal and whose page lists it. A 3-way or chain
 * nobody answered yet is listed only among a participant's best 50 (`selectShown`): one stored
 * for a neighbour's best is not announced to the others (`announceNewProposals`), and a mail saying
 * "nous vous avons proposé un échange" about it would send them to a proposal they never saw.
 */
async function silentAndShown(
  match: StoredMatch,
  bestShownOf: (listingId: string) => Promise<Set<string>>,
): Promise<MatchParticipant[]> {
  if (match.status !== 'proposed') return [];
  const silent = match.participants.filter((p) => p.interest === 'pending');
  if (shownGroupOf(match) !== 'ranked') return silent;
  const listed = await Promise.all(
    silent.map(async (p) => (await bestShownOf(p.listingId)).has(match.id)),
  );
  return silent.filter((_, i) => listed[i]);
}
