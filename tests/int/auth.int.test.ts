import { describe, expect, it } from 'vitest';
import { waitForMails } from '../support/mailbox';
import { requestLinkToken, signIn } from '../support/sign-in';
import { api, stack, uniqueEmail } from '../support/stack';

describe('sign-in by e-mail link', () => {
  it('answers 202 for any well-formed address and mails a single-use link', async () => {
    const email = uniqueEmail();

    const response = await api('/auth/login', { method: 'POST', json: { email } });

    expect(response.status).toBe(202);
    const [mail] = await waitForMails(email);
    expect(mail?.subject).toMatch(/lien de connexion/);
    expect(mail?.body.text).toContain(`${stack().appUrl}/connexion?token=`);
    expect(mail?.body.text).toMatch(/15 minutes/);
  });

  it('rejects a malformed address with a French message naming the field', async () => {
    const response = await api('/auth/login', {
      method: 'POST',
      json: { email: 'pas-une-adresse' },
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; issues: { path: string }[] };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/e-mail/);
    expect(body.error.issues[0]?.path).toBe('email');
  });

  it('rejects malformed JSON and unknown fields with the error shape', async () => {
    const malformed = await api('/auth/login', {
      method: 'POST',
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    const extra = await api('/auth/login', {
      method: 'POST',
      json: { email: uniqueEmail(), admin: true },
    });

    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      'validation_failed',
    );
    expect(extra.status).toBe(400);
  });

  it('creates a tenant at the first verified link, sets the cookie, and refuses the link a second time', async () => {
    const email = uniqueEmail();
    const token = await requestLinkToken(email);

    const first = await api('/auth/verify', { method: 'POST', json: { token } });
    const second = await api('/auth/verify', { method: 'POST', json: { token } });

    expect(first.status).toBe(200);
    const body = (await first.json()) as {
      user: { email: string; role: string };
      sessionToken: string;
    };
    expect(body.user).toMatchObject({ email, role: 'tenant' });
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/kaz_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(
      /plus valable/,
    );
  });

  it('rejects an unknown token', async () => {
    const response = await api('/auth/verify', { method: 'POST', json: { token: 'a'.repeat(43) } });

    expect(response.status).toBe(400);
  });

  it('signs staff in with their seeded role', async () => {
    const agent = await signIn('agent.sidr@bourse.local');

    expect(agent.user).toMatchObject({ role: 'lessor', lessorId: 'SIDR' });
  });

  it('limits sign-in links to 5 per address per 15 minutes', async () => {
    const email = uniqueEmail();
    const statuses = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await api('/auth/login', { method: 'POST', json: { email } })).status);

    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(await waitForMails(email, 5)).toHaveLength(5);
  });
});

describe('sessions', () => {
  it('accepts the bearer token and the cookie, and ends at logout', async () => {
    const tenant = await signIn(uniqueEmail());

    const byBearer = await api('/me', { token: tenant.token });
    const byCookie = await api('/me', { headers: { cookie: tenant.cookie } });
    const logout = await api('/auth/logout', { method: 'POST', token: tenant.token });
    const after = await api('/me', { token: tenant.token });

    expect(byBearer.status).toBe(200);
    expect(byCookie.status).toBe(200);
    expect(logout.status).toBe(204);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe(
      'unauthenticated',
    );
  });

  it('rejects a forged token', async () => {
    const tenant = await signIn(uniqueEmail());
    const [header, payload] = tenant.token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        role: 'armos',
      }),
    ).toString('base64url');

    const response = await api('/me', {
      token: `${header}.${forgedPayload}.${tenant.token.split('.')[2]}`,
    });

    expect(response.status).toBe(401);
  });

  it('refuses a cookie-authenticated change from another origin (CSRF), accepts it from the app', async () => {
    const tenant = await signIn(uniqueEmail());

    const foreign = await api('/me', {
      method: 'PATCH',
      json: { displayName: 'Pirate' },
      headers: { cookie: tenant.cookie, origin: 'https://evil.example' },
    });
    const noOrigin = await api('/me', {
      method: 'PATCH',
      json: { displayName: 'Pirate' },
      headers: { cookie: tenant.cookie },
    });
    const own = await api('/me', {
      method: 'PATCH',
      json: { displayName: 'Marie' },
      headers: { cookie: tenant.cookie, origin: stack().appUrl },
    });

    expect(foreign.status).toBe(403);
    expect(noOrigin.status).toBe(403);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ displayName: 'Marie' });
  });
});

describe('my account', () => {
  it('updates the display name, phone and notification preferences, validating them', async () => {
    const tenant = await signIn(uniqueEmail());

    const ok = await api('/me', {
      method: 'PATCH',
      token: tenant.token,
      json: { displayName: 'Jean', phone: '0692 12 34 56', notifications: { email: false } },
    });
    const bad = await api('/me', {
      method: 'PATCH',
      token: tenant.token,
      json: { phone: 'appelez-moi' },
    });

    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      displayName: 'Jean',
      phone: '0692 12 34 56',
      notifications: { email: false },
    });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path,
    ).toBe('phone');
  });

  it('exports my data and erases my account', async () => {
    const email = uniqueEmail();
    const tenant = await signIn(email);

    const exported = await api('/me/export', { token: tenant.token });
    const erased = await api('/me', { method: 'DELETE', token: tenant.token });
    const after = await api('/me', { token: tenant.token });

    expect(exported.status).toBe(200);
    expect(await exported.json()).toMatchObject({
      account: { email, role: 'tenant' },
      journal: [expect.objectContaining({ action: 'sign-in' })],
    });
    expect(erased.status).toBe(204);
    expect(after.status).toBe(401);
    const again = await signIn(email);
    expect(again.user.id).not.toBe(tenant.user.id);
  });
});

describe('staff accounts', () => {
  it('lets Armos create and list staff, with a welcome mail, and nobody else', async () => {
    const armos = await signIn('armos@bourse.local');
    const tenant = await signIn(uniqueEmail());
    const email = uniqueEmail('agent');

    const created = await api('/admin/users', {
      method: 'POST',
      token: armos.token,
      json: { email, role: 'lessor', lessorId: 'SHLMR' },
    });
    const duplicate = await api('/admin/users', {
      method: 'POST',
      token: armos.token,
      json: { email, role: 'cinor' },
    });
    const missingLessor = await api('/admin/users', {
      method: 'POST',
      token: armos.token,
      json: { email: uniqueEmail(), role: 'lessor' },
    });
    const byTenant = await api('/admin/users', {
      method: 'POST',
      token: tenant.token,
      json: { email: uniqueEmail(), role: 'armos' },
    });
    const list = await api('/admin/users?role=lessor', { token: armos.token });

    expect(created.status).toBe(201);
    expect(duplicate.status).toBe(409);
    expect(missingLessor.status).toBe(400);
    expect(byTenant.status).toBe(403);
    expect(((await list.json()) as { email: string }[]).map((u) => u.email)).toContain(email);
    expect((await waitForMails(email))[0]?.subject).toMatch(/compte/);
    const agent = await signIn(email);
    expect(agent.user).toMatchObject({ role: 'lessor', lessorId: 'SHLMR' });
  });

  it('records sign-ins in an audit trail Armos can read', async () => {
    const armos = await signIn('armos@bourse.local');
    const tenant = await signIn(uniqueEmail());

    const response = await api(`/admin/audit?subject=user:${tenant.user.id}`, {
      token: armos.token,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      expect.objectContaining({ action: 'sign-in', actorId: tenant.user.id }),
    ]);
  });
});
