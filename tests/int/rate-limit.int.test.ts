/** The sign-in ceilings hold exactly under truly parallel requests (DynamoDB conditional writes). */
import { describe, expect, it } from 'vitest';
import { takeRateLimit } from '../../functions/lib/db/auth';
import { stackDatabase } from '../support/stack';

describe('rate limits', () => {
  it('lets exactly `limit` of 60 concurrent requests through in one window', async () => {
    const db = stackDatabase();
    const rule = {
      scope: 'login-ip',
      subject: `10.0.0.${Math.floor(Math.random() * 250)}-${Date.now()}`,
      limit: 20,
      windowSeconds: 3600,
    };
    const now = new Date();

    const results = await Promise.all(
      Array.from({ length: 60 }, () => takeRateLimit(db, rule, now)),
    );

    expect(results.filter(Boolean)).toHaveLength(20);
  });

  it('opens a new window when the previous one ends', async () => {
    const db = stackDatabase();
    const rule = {
      scope: 'login-email',
      subject: `x-${Date.now()}@exemple.re`,
      limit: 1,
      windowSeconds: 900,
    };
    const start = new Date('2026-01-01T10:00:00Z');

    const first = await takeRateLimit(db, rule, start);
    const sameWindow = await takeRateLimit(db, rule, new Date('2026-01-01T10:14:59Z'));
    const nextWindow = await takeRateLimit(db, rule, new Date('2026-01-01T10:15:00Z'));

    expect([first, sameWindow, nextWindow]).toEqual([true, false, true]);
  });
});
