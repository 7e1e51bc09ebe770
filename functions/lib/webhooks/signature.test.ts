import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signPayload, verifyPayload } from './signature';

const now = new Date('2026-12-06T08:00:00Z');
const timestamp = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({ type: 'swap.completed', data: { swapId: '01H' } });

describe('webhook signatures', () => {
  it('verify with the endpoint secret, timestamp and exact body', () => {
    const secret = newWebhookSecret();
    const signature = signPayload(secret, timestamp, body);

    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyPayload(secret, { timestamp: String(timestamp), signature }, body, now)).toBe(
      true,
    );
  });

  it('fail with another secret, another body or another timestamp', () => {
    const secret = newWebhookSecret();
    const signature = signPayload(secret, timestamp, body);

    expect(
      verifyPayload(newWebhookSecret(), { timestamp: String(timestamp), signature }, body, now),
    ).toBe(false);
    expect(
      verifyPayload(secret, { timestamp: String(timestamp), signature }, `${body} `, now),
    ).toBe(false);
    expect(verifyPayload(secret, { timestamp: String(timestamp + 1), signature }, body, now)).toBe(
      false,
    );
  });

  it('refuse a replay older than five minutes', () => {
    const secret = newWebhookSecret();
    const old = timestamp - 301;

    const replayed = verifyPayload(
      secret,
      { timestamp: String(old), signature: signPayload(secret, old, body) },
      body,
      now,
    );

    expect(replayed).toBe(false);
  });
});
