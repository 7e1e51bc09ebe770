/**
 * The inactive-accounts job (daily on AWS, hourly locally): reads the inactivity calendar around
 * `now` (functions/lib/db/inactivity.ts). 30 days before a tenant account reaches 24 months
 * without activity it mails a warning (once: recorded on the entry in the same transaction as the
 * mail); at the date it erases the account as `DELETE /me` does. Activity is a sign-in, or a
 * listing still published, engaged or suspended (kept alive by renewals, a reception agent, a
 * swap): its last change then moves the entry on. Running it twice changes nothing more.
 */
import { addDays } from 'date-fns';
import type { Listing } from '../../shared/schemas/listing';
import type { User } from '../../shared/schemas/user';
import type { Database } from '../lib/db/client';
import {
  INACTIVITY_WARNING_DAYS,
  erasureDateAfter,
  inactivityEntriesOn,
  inactivityEntryDelete,
  inactivityMoveItems,
  inactivityWarnedUpdate,
  type InactivityEntry,
} from '../lib/db/inactivity';
import { listingsOfOwner } from '../lib/db/listings';
import { outboxPut } from '../lib/db/outbox';
import { transactUnlessDone, type TransactItem } from '../lib/db/transact';
import { getUser } from '../lib/db/users';
import { logger } from '../lib/logger';
import { reachableEmail } from '../lib/mail/addresses';
import { inactiveAccountWarningMail } from '../lib/mail/inactivity-mails';
import { erasePersonalData } from '../lib/privacy';
import type { AppContext } from '../lib/app-context';

export type InactiveAccountsDeps = Pick<AppContext, 'db' | 'appUrl' | 'storage'>;

export interface InactiveAccountsReport {
  warned: number;
  erased: number;
  /** Entries moved on by listing activity, or left by an account that signed in or is gone. */
  moved: number;
  failed: number;
}

type Outcome = 'warned' | 'erased' | 'moved' | 'skipped';

/** Past days read again, so that a job that did not run for a while catches up. */
const CATCH_UP_DAYS = 14;
/** A listing still in the market or in a swap means the account is in use (a publication lasts 6 months). */
const IN_USE: readonly Listing['status'][] = ['published', 'engaged', 'suspended'];
const DAY_MS = 86_400_000;

export async function runInactiveAccounts(
  deps: InactiveAccountsDeps,
  now: Date,
): Promise<InactiveAccountsReport> {
  const report: InactiveAccountsReport = { warned: 0, erased: 0, moved: 0, failed: 0 };
  for (let offset = -CATCH_UP_DAYS; offset <= INACTIVITY_WARNING_DAYS; offset += 1) {
    for (const entry of await inactivityEntriesOn(
      deps.db,
      addDays(now, offset).toISOString().slice(0, 10),
    )) {
      try {
        const outcome = await handleEntry(deps, entry, now);
        if (outcome !== 'skipped') report[outcome] += 1;
      } catch (error) {
        report.failed += 1;
        logger.error('inactive accounts: entry not handled, retried at the next run', { error });
      }
    }
  }
  if (report.warned + report.erased + report.failed > 0)
    logger.info('inactive accounts run', { ...report });
  return report;
}

async function handleEntry(
  deps: InactiveAccountsDeps,
  entry: InactivityEntry,
  now: Date,
): Promise<Outcome> {
  const user = await getUser(deps.db, entry.userId);
  const lastActiveAt = user?.lastActiveAt ?? user?.createdAt;
  if (!user || lastActiveAt !== entry.lastActiveAt) {
    // The account signed in since (its entry is elsewhere) or is gone.
    return (await transactUnlessDone(deps.db, [inactivityEntryDelete(deps.db, entry)]))
      ? 'moved'
      : 'skipped';
  }
  const listings = await listingsOfOwner(deps.db, user.id);
  const latestChange = listings
    .filter((listing) => IN_USE.includes(listing.status))
    .map((listing) => listing.updatedAt)
    .sort()
    .at(-1);
  if (latestChange && latestChange > entry.lastActiveAt)
    return moveOn(deps.db, user, entry, latestChange);

  const msLeft = erasureDateAfter(entry.lastActiveAt).getTime() - now.getTime();
  if (msLeft <= 0) {
    // A swap in progress is activity too: the erasure refuses, the next run tries again.
    await erasePersonalData(deps.db, user, now, deps.storage, {
      by: 'system',
      action: 'account-erased-inactive',
    });
    await transactUnlessDone(deps.db, [inactivityEntryDelete(deps.db, entry)]);
    return 'erased';
  }
  if (msLeft > INACTIVITY_WARNING_DAYS * DAY_MS || entry.warnedAt) return 'skipped';
  const to = await warningAddress(deps.db, user, listings);
  const mail = inactiveAccountWarningMail(deps.appUrl, erasureDateAfter(entry.lastActiveAt));
  // A legal notice: sent even to those who turned notices off.
  const items: TransactItem[] = [
    inactivityWarnedUpdate(deps.db, entry, now),
    ...(to ? [outboxPut(deps.db, { to, ...mail, kind: 'account-inactive-warning' }, now)] : []),
  ];
  return (await transactUnlessDone(deps.db, items)) ? 'warned' : 'skipped';
}

/** The tenant's address; for a tenant without one, the reception agent who assists them. */
async function warningAddress(
  db: Database,
  user: User,
  listings: Awaited<ReturnType<typeof listingsOfOwner>>,
): Promise<string | undefined> {
  const own = reachableEmail(user);
  if (own) return own;
  const agentId = listings.find((listing) => listing.assistance)?.assistance?.agentId;
  return agentId ? reachableEmail(await getUser(db, agentId)) : undefined;
}

async function moveOn(
  db: Database,
  user: User,
  entry: InactivityEntry,
  activeAt: string,
): Promise<Outcome> {
  return (await transactUnlessDone(db, inactivityMoveItems(db, user, entry, activeAt)))
    ? 'moved'
    : 'skipped';
}
