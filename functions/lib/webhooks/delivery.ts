/**
 * Webhook deliveries. A table change that means an event becomes one delivery item per endpoint
 * of the lessors concerned (its id derived from the stream record, so a redelivered record adds
 * nothing); each delivery is sent when its item appears on the stream, then retried with backoff
 * by the sweep (../../webhooks/sweep.ts) and parked after the last attempt.
 */
import { createHash } from 'node:crypto';
import { webhookUrlProblem } from '../../../shared/schemas/webhook';
import type { Database } from '../db/client';
import { findSwap } from '../db/swaps';
import {
  claimDelivery,
  putDeliveryOnce,
  endpointsOfLessor,
  findEndpoint,
  recordAttempt,
  type WebhookDelivery,
} from '../db/webhooks';
import { logger } from '../logger';
import type { TableEvent } from './events';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from './signature';
import type { AppContext } from '../app-context';

/** Minutes to wait after attempt n (1-based) before attempt n+1; then the delivery is parked. */
export const RETRY_BACKOFF_MINUTES = [1, 5, 30, 120, 360, 720] as const;
export const MAX_ATTEMPTS = RETRY_BACKOFF_MINUTES.length + 1;
const ATTEMPT_TIMEOUT_MS = 5_000;
const LEASE_MS = 60_000;

export type WebhookDeps = Pick<AppContext, 'db' | 'now' | 'allowLocalhost'> & {
  fetch?: typeof fetch;
};

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

async function lessorsOf(db: Database, event: TableEvent): Promise<string[]> {
  if ('lessorId' in event.audience) return [event.audience.lessorId];
  const swap = await findSwap(db, event.audience.swapId);
  return [...new Set((swap?.reviews ?? []).map((review) => review.lessorId))];
}

/**
 * Writes the deliveries of one event. `sourceId` identifies the stream record (its eventID) and
 * `occurredAt` its time: both stable when the record is delivered again.
 */
export async function enqueueDeliveries(
  deps: WebhookDeps,
  event: TableEvent,
  sourceId: string,
  occurredAt: Date,
): Promise<number> {
  let written = 0;
  const eventId = digest(`${sourceId}:${event.type}`).slice(0, 26);
  for (const lessorId of await lessorsOf(deps.db, event)) {
    const endpoints = (await endpointsOfLessor(deps.db, lessorId)).filter((endpoint) =>
      endpoint.events.includes(event.type),
    );
    for (const endpoint of endpoints) {
      const body = JSON.stringify({
        id: eventId,
        type: event.type,
        occurredAt: occurredAt.toISOString(),
        lessorId,
        data: event.data,
      });
      const delivery: WebhookDelivery = {
        // Time first, so the log reads in order; the digest makes it unique and stable.
        id: `${occurredAt.getTime().toString(36).padStart(10, '0')}${digest(`${eventId}:${endpoint.id}`).slice(0, 16)}`,
        endpointId: endpoint.id,
        lessorId,
        event: event.type,
        body,
        status: 'pending',
        attempts: 0,
        createdAt: occurredAt.toISOString(),
      };
      if (await putDeliveryOnce(deps.db, delivery)) written += 1;
    }
  }
  return written;
}

async function post(
  deps: WebhookDeps,
  url: string,
  secret: string,
  delivery: WebhookDelivery,
): Promise<{ ok: boolean; result: string }> {
  const problem = webhookUrlProblem(url, deps.allowLocalhost);
  if (problem) return { ok: false, result: 'adresse refusée' };
  const timestamp = Math.floor(deps.now().getTime() / 1000);
  try {
    const response = await (deps.fetch ?? fetch)(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'EchangeKaz-Webhooks/1',
        'x-kaz-event': delivery.event,
        'x-kaz-delivery': delivery.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, delivery.body),
      },
      body: delivery.body,
    });
    await response.body?.cancel().catch(() => undefined);
    return {
      ok: response.status >= 200 && response.status < 300,
      result: `HTTP ${response.status}`,
    };
  } catch (error) {
    const name = (error as Error).name;
    return {
      ok: false,
      result: name === 'TimeoutError' ? 'délai dépassé (5 s)' : 'connexion impossible',
    };
  }
}

export type AttemptOutcome = 'delivered' | 'retrying' | 'parked' | 'skipped';

/** One attempt of a delivery, if it is still to be sent and nobody else is sending it. */
export async function attemptDelivery(
  deps: WebhookDeps,
  ref: Pick<WebhookDelivery, 'endpointId' | 'id'>,
): Promise<AttemptOutcome> {
  const delivery = await claimDelivery(deps.db, ref, deps.now(), LEASE_MS);
  if (!delivery) return 'skipped';
  const endpoint = await findEndpoint(deps.db, delivery.lessorId, delivery.endpointId);
  const at = deps.now();
  if (!endpoint) {
    await recordAttempt(deps.db, delivery, {
      status: 'parked',
      result: 'point de réception supprimé',
      at,
    });
    return 'parked';
  }
  const { ok, result } = await post(deps, endpoint.url, endpoint.secret, delivery);
  const attempt = delivery.attempts + 1;
  if (ok) {
    await recordAttempt(deps.db, delivery, { status: 'delivered', result, at });
    return 'delivered';
  }
  const wait = RETRY_BACKOFF_MINUTES[attempt - 1];
  if (wait === undefined) {
    logger.warn('webhook delivery parked', { endpointId: endpoint.id, attempts: attempt, result });
    await recordAttempt(deps.db, delivery, { status: 'parked', result, at });
    return 'parked';
  }
  await recordAttempt(deps.db, delivery, {
    status: 'retrying',
    result,
    at,
    nextAttemptAt: new Date(at.getTime() + wait * 60_000),
  });
  return 'retrying';
}
