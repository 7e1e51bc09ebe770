/** Armos deactivates a staff account: its sessions stop at once, it cannot sign in, the trail says who. */
import { describe, expect, it } from 'vitest';
import { newAgent } from '../support/agents';
import { mailsTo } from '../support/mailbox';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';

describe('deactivating a staff account', () => {
  it('refuses its open session at once and any new sign-in link, records who did it, and reactivation restores access', async () => {
    const agent = await newAgent();
    const armos = await signIn('armos@bourse.local');
    expect((await api('/me', { token: agent.token })).status).toBe(200);
    const linksBefore = (await mailsTo(agent.email)).length;

    const deactivated = await api(`/admin/users/${agent.user.id}/deactivate`, {
      method: 'POST',
      token: armos.token,
    });

    expect(deactivated.status).toBe(200);
    expect(await deactivated.json()).toMatchObject({
      id: agent.user.id,
      deactivatedAt: expect.any(String),
    });
    expect((await api('/me', { token: agent.token })).status).toBe(401);
    expect((await api('/listings/managed', { token: agent.token })).status).toBe(401);
    expect(
      (await api('/auth/login', { method: 'POST', json: { email: agent.email } })).status,
    ).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await mailsTo(agent.email)).length).toBe(linksBefore);
    const listed = (await (
      await api('/admin/users?role=accueil', { token: armos.token })
    ).json()) as Array<{ id: string; deactivatedAt?: string }>;
    expect(listed.find((user) => user.id === agent.user.id)?.deactivatedAt).toEqual(
      expect.any(String),
    );
    const trail = (await (
      await api(`/admin/audit?subject=user:${agent.user.id}`, { token: armos.token })
    ).json()) as Array<{ action: string; actorId: string }>;
    expect(trail.find((entry) => entry.action === 'staff-deactivated')?.actorId).toBe(
      armos.user.id,
    );

    const reactivated = await api(`/admin/users/${agent.user.id}/reactivate`, {
      method: 'POST',
      token: armos.token,
    });

    expect(reactivated.status).toBe(200);
    expect((await reactivated.json()) as object).not.toHaveProperty('deactivatedAt');
    expect((await api('/me', { token: agent.token })).status).toBe(200);
  });

  it('answers 409 to Armos deactivating itself or an account twice, and 404 for a tenant', async () => {
    const agent = await newAgent();
    const tenant = await signIn(`locataire.${agent.user.id.toLowerCase()}@exemple.re`);
    const armos = await signIn('armos@bourse.local');

    const self = await api(`/admin/users/${armos.user.id}/deactivate`, {
      method: 'POST',
      token: armos.token,
    });
    const first = await api(`/admin/users/${agent.user.id}/deactivate`, {
      method: 'POST',
      token: armos.token,
    });
    const twice = await api(`/admin/users/${agent.user.id}/deactivate`, {
      method: 'POST',
      token: armos.token,
    });
    const ofTenant = await api(`/admin/users/${tenant.user.id}/deactivate`, {
      method: 'POST',
      token: armos.token,
    });

    expect([self.status, first.status, twice.status, ofTenant.status]).toEqual([
      409, 200, 409, 404,
    ]);
  });
});
