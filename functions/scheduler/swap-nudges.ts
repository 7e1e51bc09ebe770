/**
 * Reminds the participants of a proposal that has been mutual for 7 days without a swap request
 * (once). The proposals to check on a day were filed under it when they became mutual: no scan.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../lib/db/batch';
import { findMatch } from '../lib/db/matches';
import { ENTITY, keys } from '../lib/db/model';
import { getListings } from '../lib/db/listings';
import { transactUnlessDone, type TransactItem } from '../lib/db/transact';
import { mailsToListingHolders } from '../lib/mail/assisted-mail';
import { swapNudgeMail } from '../lib/mail/match-mails';
import { formatInTimeZone } from '../lib/time';
import type { AppContext } from '../lib/app-context';

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
    const items = await queryAll(deps.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.swapNudgesOf(day).pk },
    });
    for (const item of items) {
      const matchId = String(item.matchId);
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
          {
            Put: {
              TableName: deps.db.tableName,
              Item: {
                ...keys.swapNudge(`SENT#${matchId}`, 'SENT'),
                entity: ENTITY.swapNudge,
                ttl: Math.floor(now.getTime() / 1000) + 60 * 86_400,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...mails,
        ]);
        if (sent) report.nudged += 1;
      }
      await deps.db.doc.send(
        new DeleteCommand({ TableName: deps.db.tableName, Key: keys.swapNudge(day, matchId) }),
      );
    }
  }
  return report;
}
