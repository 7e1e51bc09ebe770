/**
 * The expiry job (daily on AWS, hourly locally): reads the expiry calendar around `now`, mails
 * the D-30 and D-7 reminders (each once: the calendar entry records it in the same transaction
 * as the mail) and expires listings at their date — status `expired`, out of the market index,
 * the owner told, all in one transaction. Running it twice changes nothing more.
 */
import { addDays } from 'date-fns';
import { EXPIRY_REMINDER_DAYS } from '../../shared/listing/lifecycle';
import type { Listing } from '../../shared/schemas/listing';
import { auditPut } from '../lib/db/audit';
import {
  expiryDayOf,
  reminderSent,
  reminderSentUpdate,
  scheduleEntryDelete,
  scheduledOn,
  type ExpiryScheduleItem,
} from '../lib/db/expiry';
import { findListing, listingUpdatePut } from '../lib/db/listings';
import { transactUnlessDone } from '../lib/db/transact';
import { renewalLink, signRenewalToken } from '../lib/listings/renewal-token';
import { mailToOwner } from '../lib/listings/service';
import { logger } from '../lib/logger';
import { expiryReminderMail, listingExpiredMail } from '../lib/mail/expiry-mails';
import { expireVacancies } from './vacancy-expiry';
import type { AppContext } from '../lib/app-context';

export type ExpiryDeps = Pick<AppContext, 'db' | 'appUrl' | 'sessionSecret'>;

export interface ExpiryReport {
  reminded: number;
  expired: number;
  /** Calendar entries of withdrawn, exchanged or already renewed listings, removed. */
  cleaned: number;
  failed: number;
  /** Vacancies whose 60 days ended (`vacancy-expiry.ts`). */
  vacanciesExpired: number;
}

type Outcome = 'reminded' | 'expired' | 'cleaned' | 'skipped';

const DAY_MS = 86_400_000;
/** Past days read again, so that a job that did not run for a while catches up. */
export const CATCH_UP_DAYS = 14;
/** A listing in these states keeps its calendar entry without being reminded or expired (swap, moderation). */
const ON_HOLD: readonly Listing['status'][] = ['engaged', 'suspended'];

export async function runExpiry(deps: ExpiryDeps, now: Date): Promise<ExpiryReport> {
  const vacancies = await expireVacancies(deps, now);
  const report: ExpiryReport = {
    reminded: 0,
    expired: 0,
    cleaned: 0,
    failed: vacancies.failed,
    vacanciesExpired: vacancies.expired,
  };
  const horizon = Math.max(...EXPIRY_REMINDER_DAYS);
  for (let offset = -CATCH_UP_DAYS; offset <= horizon; offset += 1) {
    for (const entry of await scheduledOn(deps.db, expiryDayOf(addDays(now, offset)))) {
      try {
        const outcome = await handleEntry(deps, entry, now);
        if (outcome !== 'skipped') report[outcome] += 1;
      } catch (error) {
        report.failed += 1;
        logger.error('expiry: listing not handled, retried at the next run', {
          listingId: entry.listingId,
          error,
        });
      }
    }
  }
  if (report.reminded + report.expired + report.failed + report.vacanciesExpired > 0)
    logger.info('expiry run', { ...report });
  return report;
}

async function handleEntry(
  deps: ExpiryDeps,
  entry: ExpiryScheduleItem,
  now: Date,
): Promise<Outcome> {
  const listing = await findListing(deps.db, entry.listingId);
  if (
    !listing ||
    listing.expiresAt !== entry.expiresAt ||
    (listing.status !== 'published' && !ON_HOLD.includes(listing.status))
  ) {
    return (await transactUnlessDone(deps.db, [scheduleEntryDelete(deps.db, entry)]))
      ? 'cleaned'
      : 'skipped';
  }
  if (listing.status !== 'published') return 'skipped';
  const msLeft = new Date(entry.expiresAt).getTime() - now.getTime();
  if (msLeft <= 0) return expire(deps, entry, listing, now);

  // The most urgent reminder due; a late run sends that one only and records the earlier ones too.
  const due = EXPIRY_REMINDER_DAYS.filter((days) => msLeft <= days * DAY_MS);
  if (due.length === 0) return 'skipped';
  const urgent = Math.min(...due);
  if (reminderSent(entry, urgent)) return 'skipped';
  const mail = expiryReminderMail(
    await linkFor(deps, listing, now),
    new Date(entry.expiresAt),
    Math.ceil(msLeft / DAY_MS),
  );
  const items = [
    reminderSentUpdate(deps.db, entry, urgent, due, now),
    ...(await mailToOwner(deps, listing, mail, `listing-expiry-reminder-d${urgent}`, now)),
  ];
  return (await transactUnlessDone(deps.db, items)) ? 'reminded' : 'skipped';
}

async function expire(
  deps: ExpiryDeps,
  entry: ExpiryScheduleItem,
  listing: Listing,
  now: Date,
): Promise<Outcome> {
  const expired: Listing = { ...listing, status: 'expired', updatedAt: now.toISOString() };
  const mail = listingExpiredMail(await linkFor(deps, listing, now));
  const items = [
    // The listing item written without the market index keys: it leaves matching.
    listingUpdatePut(deps.db, expired, listing.version, now),
    scheduleEntryDelete(deps.db, entry),
    auditPut(
      deps.db,
      {
        actorId: 'system',
        actorRole: 'system',
        action: 'listing-expired',
        subject: `listing:${listing.id}`,
      },
      now,
    ),
    ...(await mailToOwner(deps, listing, mail, 'listing-expired', now)),
  ];
  return (await transactUnlessDone(deps.db, items)) ? 'expired' : 'skipped';
}

async function linkFor(deps: ExpiryDeps, listing: Listing, now: Date): Promise<string> {
  return renewalLink(
    deps.appUrl,
    await signRenewalToken(
      deps.sessionSecret(),
      { listingId: listing.id, period: listing.expiresAt! },
      now,
    ),
  );
}
