/**
 * Webhook signatures (docs/api.md "Webhooks"): HMAC-SHA256 of `<timestamp>.<body>` with the
 * endpoint's secret, sent as `X-Kaz-Signature: v1=<hex>` beside `X-Kaz-Timestamp` (Unix seconds).
 * Receivers recompute it and refuse a timestamp older than 5 minutes: a replayed request fails.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-kaz-signature';
export const TIMESTAMP_HEADER = 'x-kaz-timestamp';
export const REPLAY_WINDOW_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: the signature matches and the timestamp is recent. */
export function verifyPayload(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  body: string,
  now: Date,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || !headers.signature) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
