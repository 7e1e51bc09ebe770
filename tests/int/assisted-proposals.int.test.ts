/**
 * A reception agent follows the proposals of the tenants they assist: each step that commits the
 * tenant needs the tenant's consent (kept, audited, shown), the mails reach the agent, and a
 * daily queue says what waits on each tenant.
 */
import { describe, expect, it } from 'vitest';
import { runAgentQueues } from '../../functions/scheduler/agent-queues';
import type { RecordedConsent as Consent } from '../../shared/schemas/consent';
import { newAgent } from '../support/agents';
import { listingInput } from '../support/factories';
import { waitForMails, type ReceivedMail } from '../support/mailbox';
import { publishListing, waitForMatch, type PublishedTenant } from '../support/market';
import { signIn, type SignedIn } from '../support/sign-in';
import { api, stack, stackDatabase, uniqueEmail } from '../support/stack';
import { verified } from '../support/swap-fixture';
import { post } from '../support/swaps';

/** Saint-Denis, Le Brûlé T3 ↔ Marcadet T5: quartiers no other test file uses. */
const wants = (typology: string, quartier: string) => ({
  communes: ['97411'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 1200,
  needs: {},
  features: [],
});

/**
 * A proposal between a tenant `agent` assists (with an e-mail address when `email` is given) and
 * a tenant acting alone; both listings verified.
 */
async function assistedProposal(
  agent: SignedIn,
  name: string,
  email?: string,
): Promise<{ matchId: string; listingId: string; partner: PublishedTenant }> {
  const created = await api('/listings', {
    method: 'POST',
    token: agent.token,
    json: {
      ...listingInput({
        dwelling: {
          communeCode: '97411',
          quartierId: '97411-le-brule',
          typology: 'T3',
          surface: 61,
          rent: 430,
          charges: 45,
          lessorId: 'SIDR',
        },
        wishes: wants('T5', '97411-marcadet'),
      } as never),
      onBehalfOf: { name, consent: true, ...(email ? { email } : {}) },
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id: listingId } = (await created.json()) as { id: string };
  expect(
    (await api(`/listings/${listingId}/publish`, { method: 'POST', token: agent.token })).status,
  ).toBe(200);
  const partner = await publishListing({
    dwelling: {
      communeCode: '97411',
      quartierId: '97411-marcadet',
      typology: 'T5',
      surface: 95,
      rent: 640,
      charges: 60,
      lessorId: 'SIDR',
    },
    wishes: wants('T3', '97411-le-brule'),
  } as never);
  await Promise.all([
    verified({ ...partner }),
    verified({ ...partner, listingId } as PublishedTenant),
  ]);
  const match = await waitForMatch(partner, [listingId, partner.listingId], 30_000);
  return { matchId: match.id, listingId, partner };
}

async function mailWith(address: string, subject: string): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await waitForMails(address, 1, 0)).find((mail) => mail.subject === subject);
        return found !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

describe('a reception agent acting for an assisted tenant', () => {
  it('must state the tenant’s consent for a yes, a visit and a swap request; each is kept, audited and shown to the agent only', async () => {
    // Prepare
    const agent = await newAgent();
    const { matchId, listingId, partner } = await assistedProposal(agent, 'Madame Hoarau');
    const armos = await signIn('armos@bourse.local');

    // Act
    const yesWithout = await post(`/matches/${matchId}/interest`, agent.token, {
      interested: true,
    });
    const yes = await post(`/matches/${matchId}/interest`, agent.token, {
      interested: true,
      consent: { channel: 'telephone', note: 'Appel du matin, accord donné.' },
    });
    const otherWithoutNote = await post(`/matches/${matchId}/visit`, agent.token, {
      suitable: true,
      consent: { channel: 'autre' },
    });
    expect(
      (await post(`/matches/${matchId}/interest`, partner.token, { interested: true })).status,
    ).toBe(200);
    const visit = await post(`/matches/${matchId}/visit`, agent.token, {
      suitable: true,
      consent: { channel: 'guichet' },
    });
    const requestWithout = await post('/swaps', agent.token, { matchId });
    const request = await post('/swaps', agent.token, {
      matchId,
      consent: { channel: 'courrier', note: 'Formulaire signé le 6 décembre.' },
    });

    // Assess
    expect(yesWithout.status).toBe(400);
    const refusal = (await yesWithout.json()) as {
      error: { code: string; message: string; issues: { path: string }[] };
    };
    expect(refusal.error.code).toBe('validation_failed');
    expect(refusal.error.message).toContain('indiquez comment il a donné son accord');
    expect(refusal.error.issues.map((issue) => issue.path)).toContain('consent');
    expect(otherWithoutNote.status).toBe(400);
    expect(yes.status).toBe(200);
    expect(((await yes.json()) as { consents: Consent[] }).consents).toEqual([
      expect.objectContaining({
        listingId,
        step: 'match-yes',
        channel: 'telephone',
        note: 'Appel du matin, accord donné.',
        agentId: agent.user.id,
      }),
    ]);
    expect(visit.status).toBe(200);
    expect(requestWithout.status).toBe(400);
    expect(request.status, await request.clone().text()).toBe(201);
    const swap = (await request.json()) as { id: string; consents: Consent[] };
    expect(swap.consents).toEqual([
      expect.objectContaining({ listingId, step: 'swap-request', channel: 'courrier' }),
    ]);
    const seenByAgent = (await (
      await api(`/matches/${matchId}`, { token: agent.token })
    ).json()) as {
      consents: Consent[];
      swapId?: string;
    };
    expect(seenByAgent.consents.map((c) => c.step)).toEqual(['match-yes', 'visit']);
    expect(seenByAgent.swapId).toBe(swap.id);
    const seenByPartner = (await (
      await api(`/matches/${matchId}`, { token: partner.token })
    ).json()) as { consents?: Consent[] };
    expect(seenByPartner.consents).toBeUndefined();
    const trail = (await (
      await api(`/admin/audit?subject=match:${matchId}`, { token: armos.token })
    ).json()) as Array<{ action: string; actorId: string; details?: Record<string, unknown> }>;
    expect(
      trail.find((entry) => entry.action === 'match-yes' && entry.actorId === agent.user.id),
    ).toMatchObject({ details: { consentChannel: 'telephone', consentAgentId: agent.user.id } });
    const swapTrail = (await (
      await api(`/admin/audit?subject=swap:${swap.id}`, { token: armos.token })
    ).json()) as Array<{ action: string; details?: Record<string, unknown> }>;
    expect(swapTrail.find((entry) => entry.action === 'swap-requested')).toMatchObject({
      details: { consentChannel: 'courrier', consentNote: 'Formulaire signé le 6 décembre.' },
    });
  });

  it('sends the assisted tenant’s proposal and swap mails to the agent too, naming the tenant; the confirmation needs the consent', async () => {
    // Prepare
    const agent = await newAgent();
    const tenantEmail = uniqueEmail();
    await signIn(tenantEmail);
    const { matchId, partner } = await assistedProposal(agent, 'Monsieur Payet', tenantEmail);

    // Act
    await post(`/matches/${matchId}/interest`, partner.token, { interested: true });
    await post(`/matches/${matchId}/interest`, agent.token, {
      interested: true,
      consent: { channel: 'guichet' },
    });
    const requested = await post('/swaps', partner.token, { matchId });
    const { id: swapId } = (await requested.json()) as { id: string };
    const confirmWithout = await post(`/swaps/${swapId}/confirm`, agent.token);
    const confirm = await post(`/swaps/${swapId}/confirm`, agent.token, {
      consent: { channel: 'telephone' },
    });

    // Assess
    const everyoneSaidYes = 'Tout le monde a dit oui : organisez les visites';
    const agentMutual = await mailWith(agent.email, everyoneSaidYes);
    expect(agentMutual.body.text).toContain('Ce message concerne Monsieur Payet');
    expect(agentMutual.body.text).toContain(`${stack().appUrl}/accueil/propositions/${matchId}`);
    expect(agentMutual.subject).not.toContain('Payet');
    const tenantMutual = await mailWith(tenantEmail, everyoneSaidYes);
    expect(tenantMutual.body.text).not.toContain('Ce message concerne');
    expect(tenantMutual.body.text).toContain(`/propositions/${matchId}`);
    const requestMail = await mailWith(
      agent.email,
      'Un participant a demandé l’échange : confirmez',
    );
    expect(requestMail.body.text).toContain('Monsieur Payet');
    expect(requestMail.body.text).toContain(`/echanges/${swapId}`);
    await mailWith(tenantEmail, 'Un participant a demandé l’échange : confirmez');
    expect(confirmWithout.status).toBe(400);
    expect(confirm.status, await confirm.clone().text()).toBe(200);
    const confirmed = (await confirm.json()) as { status: string; consents: Consent[] };
    expect(confirmed.status).toBe('under_review');
    expect(confirmed.consents.map((c) => [c.step, c.channel])).toEqual([
      ['swap-confirm', 'telephone'],
    ]);
    await mailWith(agent.email, 'Échange confirmé par tous : dossier transmis aux bailleurs');
  });

  it('queues what waits on each assisted tenant and mails it once a day, only to agents with something to do', async () => {
    // Prepare
    const [agent, idle] = await Promise.all([newAgent(), newAgent()]);
    const { matchId, listingId } = await assistedProposal(agent, 'Madame Grondin');
    const deps = { db: stackDatabase(), appUrl: stack().appUrl };
    const subject = (mail: ReceivedMail) => mail.subject.startsWith('À traiter aujourd’hui');

    // Act
    const queue = (await (await api('/assistance/queue', { token: agent.token })).json()) as {
      tenants: Array<{
        listingId: string;
        name: string;
        items: Array<{ kind: string; matchId: string }>;
      }>;
      total: number;
    };
    const idleQueue = (await (await api('/assistance/queue', { token: idle.token })).json()) as {
      total: number;
    };
    await runAgentQueues(deps, new Date());
    await runAgentQueues(deps, new Date());

    // Assess
    expect(queue.tenants).toEqual([
      { listingId, name: 'Madame Grondin', items: [{ kind: 'answer', matchId }] },
    ]);
    expect(queue.total).toBe(1);
    expect(idleQueue.total).toBe(0);
    const mail = await mailWith(
      agent.email,
      'À traiter aujourd’hui : une étape pour un locataire que vous accompagnez',
    );
    expect(mail.body.text).toContain('Madame Grondin (1 à traiter)');
    expect(mail.body.text).toContain(`${stack().appUrl}/accueil/propositions/${matchId}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await waitForMails(agent.email, 0, 0)).filter(subject)).toHaveLength(1);
    expect((await waitForMails(idle.email, 0, 0)).filter(subject)).toHaveLength(0);
  });

  it('gives the tenant their consents in the export, and erasing the account keeps how and when but not the note', async () => {
    // Prepare
    const agent = await newAgent();
    const tenantEmail = uniqueEmail();
    const tenant = await signIn(tenantEmail);
    const { matchId } = await assistedProposal(agent, 'Madame Técher', tenantEmail);
    await post(`/matches/${matchId}/interest`, agent.token, {
      interested: true,
      consent: { channel: 'guichet', note: 'Venue avec sa voisine, accord donné.' },
    });
    const armos = await signIn('armos@bourse.local');

    // Act
    const exported = (await (await api('/me/export', { token: tenant.token })).json()) as {
      accords: Consent[];
    };
    const erased = await api('/me', { method: 'DELETE', token: tenant.token });
    const afterwards = (await (
      await api(`/matches/${matchId}`, { token: armos.token })
    ).json()) as {
      consents: Consent[];
    };

    // Assess
    expect(exported.accords).toEqual([
      expect.objectContaining({
        matchId,
        step: 'match-yes',
        note: 'Venue avec sa voisine, accord donné.',
      }),
    ]);
    expect(erased.status).toBe(204);
    expect(afterwards.consents).toEqual([
      expect.objectContaining({ step: 'match-yes', channel: 'guichet', agentId: agent.user.id }),
    ]);
    expect(afterwards.consents[0]?.note).toBeUndefined();
  });
});
