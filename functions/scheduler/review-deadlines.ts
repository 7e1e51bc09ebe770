/**
 * The review-deadline job (daily): for each lessor of the reference data, reads the open part of its
 * review queue due within the reminder horizon (a key range of gsi2, no scan), then
 *  - 7 days before the deadline, reminds the lessor's agents, once;
 *  - once overdue, flags the review `escalated` and tells Armos, once.
 * Each mail is written in the same transaction as the review's marker, whose condition makes a second
 * run (or a concurrent one) send nothing more.
 */
import { addDays } from 'date-fns';
import {
  REVIEW_REMINDER_DAYS,
  deadlineActions,
  type SwapReview,
} from '../../shared/swap/lifecycle';
import { auditPut } from '../lib/db/audit';
import { outboxPut } from '../lib/db/outbox';
import { findSwap } from '../lib/db/swaps';
import { openReviewsDueBy, reviewMarkerUpdate } from '../lib/db/swap-reviews';
import { transactWrite } from '../lib/db/transact';
import { logger } from '../lib/logger';
import { reviewEscalatedMail, reviewReminderMail } from '../lib/mail/swap-mails';
import { staffAddresses } from '../lib/swaps/recipients';
import type { AppContext } from '../lib/app-context';

export type ReviewDeadlineDeps = Pick<AppContext, 'db' | 'appUrl' | 'reference'> & {
  reminderDays?: number;
};

export interface ReviewDeadlineReport {
  reminded: number;
  escalated: number;
  failed: number;
}

const SYSTEM = { actorId: 'system:review-deadlines', actorRole: 'system' };

export async function runReviewDeadlines(
  deps: ReviewDeadlineDeps,
  now: Date,
): Promise<ReviewDeadlineReport> {
  const report: ReviewDeadlineReport = { reminded: 0, escalated: 0, failed: 0 };
  const reminderDays = deps.reminderDays ?? REVIEW_REMINDER_DAYS;
  const { lessors } = await deps.reference();
  let armos: string[] | undefined;
  for (const lessor of lessors) {
    const entries = await openReviewsDueBy(deps.db, lessor.id, addDays(now, reminderDays));
    for (const entry of entries) {
      try {
        const swap = await findSwap(deps.db, entry.swapId);
        const review = swap?.reviews.find((r) => r.listingId === entry.listingId);
        if (!swap || !review) continue;
        const due = deadlineActions(swap, review, now, reminderDays);
        if (due.remind)
          report.reminded += await mark(
            deps,
            swap.id,
            review,
            'reminded',
            await staffAddresses(deps.db, 'lessor', [lessor.id]),
            reviewReminderMail(deps.appUrl, swap.id, review.dueAt),
            now,
          );
        if (due.escalate) {
          armos ??= await staffAddresses(deps.db, 'armos');
          report.escalated += await mark(
            deps,
            swap.id,
            review,
            'escalated',
            armos,
            reviewEscalatedMail(deps.appUrl, swap.id, lessor.name, review.dueAt),
            now,
          );
        }
      } catch (error) {
        report.failed += 1;
        logger.error('review deadlines: review not handled, retried at the next run', {
          swapId: entry.swapId,
          listingId: entry.listingId,
          error,
        });
      }
    }
  }
  if (report.reminded + report.escalated + report.failed > 0)
    logger.info('review deadlines run', { ...report });
  return report;
}

/** Marker, audit and mails in one transaction; 0 when another run already did it. */
async function mark(
  deps: ReviewDeadlineDeps,
  swapId: string,
  review: SwapReview,
  marker: 'reminded' | 'escalated',
  to: string[],
  mail: { subject: string; text: string; html: string },
  now: Date,
): Promise<number> {
  try {
    await transactWrite(deps.db, [
      reviewMarkerUpdate(deps.db, swapId, review, marker, now),
      auditPut(
        deps.db,
        {
          ...SYSTEM,
          action: marker === 'reminded' ? 'swap-review-reminded' : 'swap-review-escalated',
          subject: `swap:${swapId}`,
          details: { listingId: review.listingId, lessorId: review.lessorId },
        },
        now,
      ),
      ...to
        .slice(0, 98)
        .map((address) =>
          outboxPut(deps.db, { to: address, ...mail, kind: `swap-review-${marker}` }, now),
        ),
    ]);
    return 1;
  } catch (error) {
    if ((error as { code?: string }).code === 'conflict') return 0;
    throw error;
  }
}
