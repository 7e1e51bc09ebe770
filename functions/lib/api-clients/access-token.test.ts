import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSession } from '../auth/session';
import { looksLikeAccessToken, readAccessToken, signAccessToken } from './access-token';

const secret = randomBytes(32).toString('base64url');
const client = { clientId: '01JCLIENT', lessorId: 'SIDR' };
const now = new Date('2026-12-06T08:00:00Z');

describe('access tokens', () => {
  it('carry the client and its lessor for one hour at most', async () => {
    const { token, expiresIn } = await signAccessToken(secret, client, now);

    const claims = await readAccessToken(secret, token, now);

    expect(expiresIn).toBeLessThanOrEqual(3600);
    expect(claims).toMatchObject({ clientId: '01JCLIENT', lessorId: 'SIDR' });
    expect(claims!.expiresAt.getTime() - now.getTime()).toBe(expiresIn * 1000);
    expect(looksLikeAccessToken(token)).toBe(true);
  });

  it('are refused once expired, under another secret, or tampered with', async () => {
    const { token } = await signAccessToken(secret, client, now);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'x', lessorId: 'SHLMR' })).toString('base64url')}.${signature}`;

    expect(
      await readAccessToken(secret, token, new Date(now.getTime() + 3601_000)),
    ).toBeUndefined();
    expect(
      await readAccessToken(randomBytes(32).toString('base64url'), token, now),
    ).toBeUndefined();
    expect(await readAccessToken(secret, forged, now)).toBeUndefined();
  });

  it('are never confused with session tokens signed with the same secret', async () => {
    const { token: session } = await signSession(
      secret,
      { id: 'u1', role: 'lessor', lessorId: 'SIDR' },
      now,
    );

    expect(looksLikeAccessToken(session)).toBe(false);
    expect(await readAccessToken(secret, session, now)).toBeUndefined();
  });
});
