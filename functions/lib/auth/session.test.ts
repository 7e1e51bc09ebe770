import { describe, expect, it } from 'vitest';
import { SESSION_DAYS, readSession, signSession } from './session';

const secret = 'a'.repeat(43);
const user = { id: 'U1', role: 'tenant' as const };

describe('session tokens', () => {
  it('reads back a token it signed, with its role and expiry', async () => {
    const now = new Date('2026-11-28T10:00:00Z');
    const { token } = await signSession(secret, user, now);

    const claims = await readSession(secret, token, now);

    expect(claims).toMatchObject({ userId: 'U1', role: 'tenant' });
    expect(claims?.expiresAt.getTime()).toBe(now.getTime() + SESSION_DAYS * 86_400_000);
  });

  it('refuses an expired token, a token signed with another key, and garbage', async () => {
    const now = new Date('2026-11-28T10:00:00Z');
    const { token } = await signSession(secret, user, now);
    const later = new Date(now.getTime() + (SESSION_DAYS * 86_400 + 1) * 1000);
    const forged = (await signSession('b'.repeat(43), user, now)).token;

    expect(await readSession(secret, token, later)).toBeUndefined();
    expect(await readSession(secret, forged, now)).toBeUndefined();
    expect(await readSession(secret, 'pas.un.jeton', now)).toBeUndefined();
  });
});
