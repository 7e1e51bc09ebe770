/**
 * Webhooks through the real stack: a lessor's system registers a receiver (a node HTTP server
 * here), table changes reach it from the stream, signed; a failing receiver is retried with
 * backoff and parked after the last attempt; the delivery log shows each outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../functions/lib/webhooks/delivery';
import { verifyPayload } from '../../functions/lib/webhooks/signature';
import { sweepWebhookRetries } from '../../functions/webhooks/sweep';
import { reviewMarkerUpdate } from '../../functions/lib/db/swap-reviews';
import { transactWrite } from '../../functions/lib/db/transact';
import type { SwapReview } from '../../shared/swap/lifecycle';
import { apiClientToken } from '../support/api-clients';
import { publishListing } from '../support/market';
import { signIn } from '../support/sign-in';
import { api, stackDatabase } from '../support/stack';
import { requestedSwap } from '../support/swap-fixture';
import { postedVacancy } from '../support/vacancies';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function register(token: string, events: string[], url = receiver.url) {
  return api('/lessor/webhooks', { method: 'POST', token, json: { url, events } });
}

async function deliveries(token: string, endpointId: string) {
  const response = await api(`/lessor/webhooks/${endpointId}/deliveries`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Array<Record<string, unknown>> }).items;
}

describe('webhooks', () => {
  it('delivers a signed event when a listing enters the lessor’s verification queue', async () => {
    const client = await apiClientToken('SEDRE');
    const created = await register(client.token, ['listing.pending_verification']);
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_/);

    const tenant = await publishListing({ dwelling: { lessorId: 'SEDRE' } } as never);
    const hook = await receiver.waitFor((h) => h.json.data.listingId === tenant.listingId);

    expect(hook.json).toMatchObject({ type: 'listing.pending_verification', lessorId: 'SEDRE' });
    expect(hook.headers['x-kaz-event']).toBe('listing.pending_verification');
    expect(
      verifyPayload(
        endpoint.secret,
        {
          timestamp: String(hook.headers['x-kaz-timestamp']),
          signature: String(hook.headers['x-kaz-signature']),
        },
        hook.body,
        new Date(),
      ),
    ).toBe(true);
    expect(hook.body).not.toContain(tenant.email);
    await expect
      .poll(async () =>
        (await deliveries(client.token, endpoint.id)).find((d) =>
          String(d.body).includes(tenant.listingId),
        ),
      )
      .toMatchObject({ status: 'delivered', attempts: 1, lastResult: 'HTTP 200' });
  });

  it('follows a swap: under review, review due soon, completed', async () => {
    const client = await apiClientToken('SEMAC');
    const events = ['swap.under_review', 'swap.review_due_soon', 'swap.completed'];
    expect((await register(client.token, events)).status).toBe(201);
    const swap = await requestedSwap('SEMAC');
    const about = (type: string) => (h: { json: { type: string; data: Record<string, string> } }) =>
      h.json.type === type && h.json.data.swapId === swap.swapId;

    const confirmed = await api(`/swaps/${swap.swapId}/confirm`, {
      method: 'POST',
      token: swap.partner.token,
    });
    const underReview = await receiver.waitFor(about('swap.under_review'), 30_000);
    const { reviews } = (await (
      await api(`/swaps/${swap.swapId}`, { token: client.token })
    ).json()) as {
      reviews: SwapReview[];
    };
    // What the daily deadline job writes seven days before a review is due.
    await transactWrite(stackDatabase(), [
      reviewMarkerUpdate(stackDatabase(), swap.swapId, reviews[0]!, 'reminded', new Date()),
    ]);
    const dueSoon = await receiver.waitFor(about('swap.review_due_soon'));
    for (const review of reviews)
      await api(`/swaps/${swap.swapId}/reviews`, {
        method: 'POST',
        token: client.token,
        json: { listingId: review.listingId, decision: 'approved' },
      });
    const completed = await api(`/swaps/${swap.swapId}/complete`, {
      method: 'POST',
      token: client.token,
      json: { effectiveDate: '2026-12-15' },
    });
    const done = await receiver.waitFor(about('swap.completed'));

    expect(confirmed.status).toBe(200);
    expect(underReview.json.lessorId).toBe('SEMAC');
    expect(dueSoon.json.data).toMatchObject({
      listingId: reviews[0]!.listingId,
      dueAt: reviews[0]!.dueAt,
    });
    expect(completed.status).toBe(200);
    expect(done.json.lessorId).toBe('SEMAC');
  });

  it('retries a failing receiver with backoff, then parks the delivery', async () => {
    const client = await apiClientToken('SODEGIS');
    const endpoint = (await (
      await register(client.token, ['listing.pending_verification'])
    ).json()) as { id: string };
    receiver.answer(500);
    try {
      const tenant = await publishListing({ dwelling: { lessorId: 'SODEGIS' } } as never);
      const mine = (h: { json: { data: Record<string, string> } }) =>
        h.json.data.listingId === tenant.listingId;
      await receiver.waitFor(mine);
      // Another file may publish a SODEGIS listing meanwhile: this listing's delivery is the one followed.
      const myDelivery = async () =>
        (await deliveries(client.token, endpoint.id)).find((d) =>
          String(d.body).includes(tenant.listingId),
        );
      await expect.poll(async () => (await myDelivery())?.status).toBe('retrying');

      // Each sweep runs 13 hours later than the last: past every backoff step.
      let clock = Date.now();
      for (let sweep = 1; sweep < MAX_ATTEMPTS; sweep += 1) {
        clock += 13 * 3_600_000;
        const at = new Date(clock);
        await sweepWebhookRetries({ db: stackDatabase(), now: () => at, allowLocalhost: true });
      }
      const parked = await myDelivery();

      expect(receiver.received.filter(mine)).toHaveLength(MAX_ATTEMPTS);
      expect(parked).toMatchObject({
        status: 'parked',
        attempts: MAX_ATTEMPTS,
        lastResult: 'HTTP 500',
      });
      expect(parked).not.toHaveProperty('nextAttemptAt');
    } finally {
      receiver.answer(200);
    }
  });

  it('tells a vacancy’s lessor of each chain found through it', async () => {
    const client = await apiClientToken('SEMAC');
    const created = await register(client.token, ['vacancy.chain_found']);
    expect(created.status).toBe(201);

    // A family in Sainte-Suzanne wants exactly the T4 the lessor then posts: a one-mover chain.
    await publishListing({
      dwelling: {
        communeCode: '97420',
        quartierId: '97420-deux-rives',
        typology: 'T3',
        lessorId: 'SHLMR',
      },
      household: { adults: 2, children: 2 },
      wishes: {
        communes: ['97420'],
        quartiers: ['97420-bagatelle'],
        typologies: ['T4'],
        maxTotalRent: 900,
        needs: {},
        features: [],
      },
    } as never);
    const vacancyId = await postedVacancy('SEMAC', {
      quartierId: '97420-bagatelle',
      typology: 'T4',
      surface: 82,
      rent: 640,
      charges: 70,
    });
    const hook = await receiver.waitFor((h) => h.json.data.vacancyId === vacancyId);

    expect(hook.json).toMatchObject({
      type: 'vacancy.chain_found',
      lessorId: 'SEMAC',
      data: { vacancyId, matchId: expect.any(String) },
    });
  });

  it('accepts only HTTPS receivers on public hosts (http://localhost only on the local stack)', async () => {
    const client = await apiClientToken('SODIAC');

    const plain = await register(client.token, ['swap.completed'], 'http://si.exemple.re/hooks');
    const internal = await register(client.token, ['swap.completed'], 'https://10.0.0.8/hooks');
    const unknownEvent = await register(client.token, ['listing.deleted']);

    expect([plain.status, internal.status, unknownEvent.status]).toEqual([400, 400, 400]);
  });

  it('ends a client’s endpoints with the client, and lets Armos manage a lessor’s endpoints', async () => {
    const client = await apiClientToken('SEMADER');
    const armos = await signIn('armos@bourse.local');
    const byClient = (await (await register(client.token, ['swap.completed'])).json()) as {
      id: string;
    };
    const byArmos = await api('/lessor/webhooks', {
      method: 'POST',
      token: armos.token,
      json: { url: receiver.url, events: ['swap.completed'], lessorId: 'SEMADER' },
    });
    expect(byArmos.status).toBe(201);

    await api(`/admin/api-clients/${client.clientId}`, { method: 'DELETE', token: armos.token });
    const left = (await (
      await api('/lessor/webhooks?lessorId=SEMADER', { token: armos.token })
    ).json()) as Array<{ id: string }>;
    const removed = await api(
      `/lessor/webhooks/${((await byArmos.json()) as { id: string }).id}?lessorId=SEMADER`,
      { method: 'DELETE', token: armos.token },
    );

    expect(left.map((endpoint) => endpoint.id)).not.toContain(byClient.id);
    expect(left).toHaveLength(1);
    expect(removed.status).toBe(204);
  });
});
