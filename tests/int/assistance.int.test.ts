/** Reception agents reach only the tenants they assist, until the tenant or Armos ends it. */
import { describe, expect, it } from 'vitest';
import { assistedListing, assistedTenant, newAgent } from '../support/agents';
import { mailsTo } from '../support/mailbox';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';

describe('an agent and the tenants it assists', () => {
  it('lets the assisting agent read and edit, and gives another agent 404 everywhere', async () => {
    const [agent, other] = await Promise.all([newAgent(), newAgent()]);
    const listingId = await assistedListing(agent);

    const byAgent = await api(`/listings/${listingId}`, { token: agent.token });
    const byOther = await Promise.all([
      api(`/listings/${listingId}`, { token: other.token }),
      api(`/listings/${listingId}`, {
        method: 'PATCH',
        token: other.token,
        json: { motive: 'work' },
      }),
      api(`/listings/${listingId}/photos`, { token: other.token }),
      api(`/listings/${listingId}/withdraw`, { method: 'POST', token: other.token }),
    ]);
    const managedByOther = (await (
      await api('/listings/managed', { token: other.token })
    ).json()) as Array<{ id: string }>;

    expect(byAgent.status).toBe(200);
    expect(byOther.map((response) => response.status)).toEqual([404, 404, 404, 404]);
    expect(managedByOther.map((listing) => listing.id)).not.toContain(listingId);
  });

  it('ends the delegation at the tenant’s request: the agent loses access at once, is told, and the trail says who', async () => {
    const { tenant, listingId } = await assistedTenant('SIDR');
    const agent = await signIn('accueil@bourse.local');
    const armos = await signIn('armos@bourse.local');
    const mailsBefore = (await mailsTo('accueil@bourse.local')).filter(
      (mail) => mail.subject === 'Fin de l’accompagnement d’une annonce',
    ).length;

    const ended = await api(`/listings/${listingId}/assistance`, {
      method: 'DELETE',
      token: tenant.token,
    });
    const again = await api(`/listings/${listingId}/assistance`, {
      method: 'DELETE',
      token: tenant.token,
    });

    expect(ended.status).toBe(204);
    expect(again.status).toBe(409);
    expect((await api(`/listings/${listingId}`, { token: agent.token })).status).toBe(404);
    expect(
      (
        await api(`/listings/${listingId}`, {
          method: 'PATCH',
          token: agent.token,
          json: { motive: 'work' },
        })
      ).status,
    ).toBe(404);
    const managed = (await (
      await api('/listings/managed', { token: agent.token })
    ).json()) as Array<{ id: string }>;
    expect(managed.map((listing) => listing.id)).not.toContain(listingId);
    const ownView = (await (
      await api(`/listings/${listingId}`, { token: tenant.token })
    ).json()) as Record<string, unknown>;
    expect(ownView.assistance).toBeUndefined();
    const trail = (await (
      await api(`/admin/audit?subject=listing:${listingId}`, { token: armos.token })
    ).json()) as Array<{ action: string; actorId: string; details?: Record<string, unknown> }>;
    expect(trail.find((entry) => entry.action === 'assistance-ended')).toMatchObject({
      actorId: tenant.user.id,
      details: { agentId: agent.user.id },
    });
    // Other files mail the same reception agent: only this subject is counted.
    await expect
      .poll(
        async () =>
          (await mailsTo('accueil@bourse.local')).filter(
            (mail) => mail.subject === 'Fin de l’accompagnement d’une annonce',
          ).length,
      )
      .toBeGreaterThan(mailsBefore);
  });

  it('lets Armos end it, and refuses the agent itself (403)', async () => {
    const { listingId } = await assistedTenant('SHLMR');
    const agent = await signIn('accueil@bourse.local');
    const armos = await signIn('armos@bourse.local');

    const byAgent = await api(`/listings/${listingId}/assistance`, {
      method: 'DELETE',
      token: agent.token,
    });
    const byArmos = await api(`/listings/${listingId}/assistance`, {
      method: 'DELETE',
      token: armos.token,
    });

    expect(byAgent.status).toBe(403);
    expect(byArmos.status).toBe(204);
    expect((await api(`/listings/${listingId}/photos`, { token: agent.token })).status).toBe(404);
  });
});
