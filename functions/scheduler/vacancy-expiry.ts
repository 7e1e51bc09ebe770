/**
 * Vacancies end 60 days after they were offered or renewed: the expiry job marks each one
 * expired (the matcher then closes its chains from the stream) and tells the agent who offered
 * it, in one transaction. Running it twice changes nothing more.
 */
import { auditPut } from '../lib/db/audit';
import type { Database } from '../lib/db/client';
import { outboxPut } from '../lib/db/outbox';
import { transactUnlessDone } from '../lib/db/transact';
import { getUser } from '../lib/db/users';
import { openVacanciesExpiredBy, vacancyUpdatePut } from '../lib/db/vacancies';
import { logger } from '../lib/logger';
import { reachableEmail } from '../lib/mail/addresses';
import { vacancyExpiredMail } from '../lib/mail/vacancy-mails';

export async function expireVacancies(
  deps: { db: Database; appUrl: string },
  now: Date,
): Promise<{ expired: number; failed: number }> {
  const report = { expired: 0, failed: 0 };
  for (const vacancy of await openVacanciesExpiredBy(deps.db, now.toISOString())) {
    try {
      const at = now.toISOString();
      const to = reachableEmail(await getUser(deps.db, vacancy.createdBy));
      const { typology, surface } = vacancy.dwelling;
      const label = `${typology} de ${surface} m² (${vacancy.dwelling.dwellingRef})`;
      const done = await transactUnlessDone(deps.db, [
        vacancyUpdatePut(
          deps.db,
          { ...vacancy, status: 'expired', updatedAt: at },
          vacancy.version,
        ),
        auditPut(
          deps.db,
          {
            actorId: 'system',
            actorRole: 'system',
            action: 'vacancy-expired',
            subject: `vacancy:${vacancy.id}`,
            details: { lessorId: vacancy.lessorId },
          },
          now,
        ),
        ...(to
          ? [
              outboxPut(
                deps.db,
                { to, ...vacancyExpiredMail(deps.appUrl, label), kind: 'vacancy-expired' },
                now,
              ),
            ]
          : []),
      ]);
      if (done) report.expired += 1;
    } catch (error) {
      report.failed += 1;
      logger.error('expiry: vacancy not handled, retried at the next run', {
        vacancyId: vacancy.id,
        error,
      });
    }
  }
  return report;
}
