/**
 * Reminds the participants of a proposal that has been mutual for 7 days without a swap request
 * (once). The proposals to check on a day were filed under it when they became mutual: no scan.
 */
import { findMatch } from '../lib/db/matches';
import { getListings } from '../lib/db/listings';
import { transactUnlessDone, type TransactItem } from '../lib/db/transact';
import { mailsToListingHolders } from '../lib/mail/assisted-mail';
import { swapNudgeMail } from '../lib/mail/match-mails';
import { formatInTimeZone } from '../lib/time';
import type { AppContext } from '../lib/app-context';
import { matchIdsFiledOn, swapNudgeSentPut, unfile } from '../lib/db/day-lists';

export type SwapNudgeDeps = Pick<AppContext, 'db' | 'appUrl'>;

export interface SwapNudgeReport {
  proposals: number;
  nudged: number;
}

/** Today and the two days before, so that a job that missed a day catches up. */
const daysToCheck = (now: Date) =>
  [0, 1, 2].map((back) =>
    formatInTimeZone(new Date(now.getTime() - back * 86_400_000), 'yyyy-MM-dd'),
  );

export async function runSwapNudges(deps: SwapNudgeDeps, now: Date): Promise<SwapNudgeReport> {
  const report: SwapNudgeReport = { proposals: 0, nudged: 0 };
  for (const day of daysToCheck(now)) {
    for (const matchId of await matchIdsFiledOn(deps.db, 'swapNudges', day)) {
      const match = await findMatch(deps.db, matchId);
      report.proposals += 1;
      // Engaged (a swap was requested), declined or closed since: nothing to remind.
      if (match?.status === 'mutual') {
        const listings = await getListings(deps.db, match.listingIds);
        const mails: TransactItem[] = [];
        for (const p of match.participants)
          mails.push(
            ...(await mailsToListingHolders(
              deps.db,
              listings.get(p.listingId) ?? { ownerId: p.ownerId },
              swapNudgeMail(deps.appUrl, matchId),
              'swap-nudge',
              now,
            )),
          );
        // The "sent" marker and the mails in one transaction: once per proposal, whatever the retries.
        const sent = await transactUnlessDone(deps.db, [
          swapNudgeSentPut(deps.db, matchId, now),
          ...mails,
        ]);
        if (sent) report.nudged += 1;
      }
      await unfile(deps.db, 'swapNudges', day, matchId);
    }
  }
  return report;
}
