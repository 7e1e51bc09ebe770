/**
 * The lessor digest job (daily): for each lessor of the reference data, the listings waiting for
 * its verification and its open reviews due within 7 days (overdue ones included) — two key
 * ranges of gsi2, no scan. On a day with something, each of its agents gets one mail; the mails
 * and the day's marker are one transaction whose condition makes a second run send nothing more.
 */
import { addDays } from 'date-fns';
import { REVIEW_REMINDER_DAYS } from '../../shared/swap/lifecycle';
import { listingsToVerify } from '../lib/db/listings';
import { outboxPut } from '../lib/db/outbox';
import { lessorDigestSentPut } from '../lib/db/sent-marks';
import { pendingVerificationCount } from '../lib/db/supervision';
import { findSwap } from '../lib/db/swaps';
import { openReviewsDueBy } from '../lib/db/swap-reviews';
import { transactWrite, type TransactItem } from '../lib/db/transact';
import { logger } from '../lib/logger';
import { lessorDigestMail, type DueReview } from '../lib/mail/lessor-digest-mail';
import { staffAddresses } from '../lib/swaps/recipients';
import { formatInTimeZone } from '../lib/time';
import { ConflictError } from '../../shared/errors';
import type { AppContext } from '../lib/app-context';

export type LessorDigestDeps = Pick<AppContext, 'db' | 'appUrl' | 'reference'>;

export interface LessorDigestReport {
  lessors: number;
  mailed: number;
  failed: number;
}

/** A transaction holds 100 items: the marker and up to 99 agents' mails. */
const MAX_AGENTS = 99;

export async function runLessorDigests(
  deps: LessorDigestDeps,
  now: Date,
): Promise<LessorDigestReport> {
  const report: LessorDigestReport = { lessors: 0, mailed: 0, failed: 0 };
  const { lessors } = await deps.reference();
  const today = formatInTimeZone(now, 'yyyy-MM-dd');
  for (const lessor of lessors) {
    try {
      const [pending, oldest, entries] = await Promise.all([
        pendingVerificationCount(deps.db, lessor.id),
        listingsToVerify(deps.db, lessor.id, 'pending', { limit: 1 }),
        openReviewsDueBy(deps.db, lessor.id, addDays(now, REVIEW_REMINDER_DAYS)),
      ]);
      const dueReviews: DueReview[] = [];
      for (const entry of entries) {
        const review = (await findSwap(deps.db, entry.swapId))?.reviews.find(
          (r) => r.listingId === entry.listingId,
        );
        if (review) dueReviews.push({ swapId: entry.swapId, dueAt: review.dueAt });
      }
      if (pending === 0 && dueReviews.length === 0) continue;
      const agents = (await staffAddresses(deps.db, 'lessor', [lessor.id])).slice(0, MAX_AGENTS);
      if (agents.length === 0) continue;
      const mail = lessorDigestMail(
        deps.appUrl,
        {
          lessorName: lessor.name,
          pendingVerifications: pending,
          oldestPendingAt: oldest.listings[0]?.createdAt,
          dueReviews,
        },
        now,
      );
      const items: TransactItem[] = [
        lessorDigestSentPut(deps.db, lessor.id, today, now),
        ...agents.map((to) => outboxPut(deps.db, { to, ...mail, kind: 'lessor-digest' }, now)),
      ];
      await transactWrite(deps.db, items);
      report.lessors += 1;
      report.mailed += agents.length;
    } catch (error) {
      // Already sent today (a second run): nothing to do. Anything else is retried tomorrow.
      if (error instanceof ConflictError) continue;
      report.failed += 1;
      logger.error('lessor digests: lessor not handled', { lessorId: lessor.id, error });
    }
  }
  return report;
}
