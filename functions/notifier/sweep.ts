/**
 * Scheduled safety net: sends mails still unsent a while after their creation (their stream
 * record exhausted its retries, e.g. during a long SES outage).
 */
import { listUnsentMail } from '../lib/db/outbox';
import { deliverMail, type NotifierDeps } from './handler';

export async function sweepOutbox(
  deps: NotifierDeps,
  olderThanMs = 60_000,
): Promise<{ sent: number; failed: number }> {
  const now = deps.now ?? (() => new Date());
  const unsent = await listUnsentMail(deps.db, new Date(now().getTime() - olderThanMs));
  let sent = 0;
  let failed = 0;
  for (const mail of unsent) {
    const outcome = await deliverMail(deps, mail.id);
    if (outcome === 'sent') sent += 1;
    if (outcome === 'failed') failed += 1;
  }
  return { sent, failed };
}
