/** Scheduled each minute: the webhook deliveries whose next attempt is due. */
import { retriesDue } from '../lib/db/webhooks';
import { attemptDelivery, type AttemptOutcome, type WebhookDeps } from '../lib/webhooks/delivery';

export async function sweepWebhookRetries(
  deps: WebhookDeps,
): Promise<Record<AttemptOutcome, number>> {
  const report: Record<AttemptOutcome, number> = {
    delivered: 0,
    retrying: 0,
    parked: 0,
    skipped: 0,
  };
  for (const due of await retriesDue(deps.db, deps.now())) {
    report[await attemptDelivery(deps, due)] += 1;
  }
  return report;
}
