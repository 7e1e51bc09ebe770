/**
 * "Signaler": a participant of a proposal reports another participant, or one of their messages,
 * to Armos. The report keeps the context (proposal, listing, the message as it was) and every
 * Armos account is mailed in the same transaction.
 */
import { ConflictError, NotFoundError } from '../../../shared/errors';
import type { Report, ReportBody } from '../../../shared/schemas/moderation';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { getListings } from '../db/listings';
import { getMatch } from '../db/matches';
import { messagesOf } from '../db/messages';
import { outboxPut } from '../db/outbox';
import { forgetReporter, latestReports, reportPut, reportsSentBy } from '../db/reports';
import { transactWrite } from '../db/transact';
import { listStaff } from '../db/users';
import { canManage } from '../listings/access';
import { reachableEmail } from '../mail/addresses';
import { reportToArmosMail } from '../mail/moderation-mails';
import { registerPersonalData } from '../privacy';
import type { AppContext } from '../app-context';

// The reports one sent are theirs to download; erased, they stay for Armos without the person.
registerPersonalData({
  name: 'signalements',
  collect: async (db, footprint) =>
    (await reportsSentBy(db, footprint.user.id)).map(
      ({ reporterId: _r, reportedOwnerId: _o, ...report }) => report,
    ),
  erase: async (db, footprint) => {
    for (const report of await reportsSentBy(db, footprint.user.id))
      await forgetReporter(db, report.id);
  },
});

export type ModerationDeps = Pick<AppContext, 'db' | 'now' | 'appUrl'>;

export async function reportParticipant(
  deps: ModerationDeps,
  caller: User,
  body: ReportBody,
): Promise<Report> {
  const match = await getMatch(deps.db, body.matchId);
  const listings = await getListings(deps.db, match.listingIds);
  const mine = match.listingIds
    .map((id) => listings.get(id))
    .find((listing) => listing && canManage(caller, listing));
  if (!mine) throw new NotFoundError('Proposition introuvable.');
  let reportedListingId = body.listingId;
  let messageText: string | undefined;
  if (body.messageId) {
    const message = (await messagesOf(deps.db, match.id, 1000)).find(
      (m) => m.id === body.messageId,
    );
    if (!message) throw new NotFoundError('Message introuvable.');
    reportedListingId = message.authorListingId;
    messageText = message.text;
  }
  const reported = match.participants.find((p) => p.listingId === reportedListingId);
  if (!reported) throw new NotFoundError('Ce participant ne fait pas partie de la proposition.');
  if (reported.listingId === mine.id)
    throw new ConflictError('Vous ne pouvez pas vous signaler vous-même.');
  const now = deps.now();
  const { item, report } = reportPut(
    deps.db,
    {
      matchId: match.id,
      reporterId: caller.id,
      reporterListingId: mine.id,
      reportedListingId: reported.listingId,
      reportedOwnerId: reported.ownerId,
      ...(body.messageId ? { messageId: body.messageId, messageText } : {}),
      reason: body.reason,
      createdAt: now.toISOString(),
    },
    now,
  );
  const armos = (await listStaff(deps.db, 'armos'))
    .filter((agent) => !agent.deactivatedAt)
    .map(reachableEmail)
    .filter((to): to is string => Boolean(to));
  const mail = reportToArmosMail(deps.appUrl, {
    reason: body.reason,
    matchId: match.id,
    reportedListingId: reported.listingId,
    messageText,
  });
  await transactWrite(deps.db, [
    item,
    auditPut(
      deps.db,
      {
        actorId: caller.id,
        actorRole: caller.role,
        action: 'participant-reported',
        subject: `match:${match.id}`,
        details: { reportId: report.id, listingId: reported.listingId },
      },
      now,
    ),
    ...armos
      .slice(0, 20)
      .map((to) => outboxPut(deps.db, { to, ...mail, kind: 'report-to-armos' }, now)),
  ]);
  return toReport(report);
}

export async function listReports(deps: Pick<ModerationDeps, 'db'>): Promise<Report[]> {
  const reports = await latestReports(deps.db);
  const listings = await getListings(
    deps.db,
    reports.map((r) => r.reportedListingId),
  );
  return reports.map((report) => toReport(report, listings.get(report.reportedListingId)?.status));
}

function toReport(
  report: Awaited<ReturnType<typeof latestReports>>[number],
  reportedListingStatus?: string,
): Report {
  return {
    id: report.id,
    matchId: report.matchId,
    reporterListingId: report.reporterListingId,
    reportedListingId: report.reportedListingId,
    ...(reportedListingStatus ? { reportedListingStatus } : {}),
    ...(report.messageId ? { messageId: report.messageId, messageText: report.messageText } : {}),
    reason: report.reason,
    createdAt: report.createdAt,
  };
}
