/**
 * Chains through the real API, the stream and the matcher on DynamoDB Local: a lessor offers a
 * vacancy, and the tenants who could move one after the other see the chain, in move order, with
 * the vacancy and the dwelling released; they answer as for a cycle; a withdrawal closes it.
 * Sainte-Suzanne quartiers nobody else's test wishes for keep other files' listings out.
 */
import { describe, expect, it } from 'vitest';
import { publishListing, type MatchBody, type PublishedTenant } from '../support/market';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';
import { vacancyBody } from '../support/vacancies';

type ChainBody = MatchBody & {
  vacancy?: Record<string, unknown>;
  released?: Record<string, unknown>;
};

const wants = (typology: string, quartier: string) => ({
  communes: ['97420'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 900,
});

const home = (typology: string, quartierId: string, surface: number) => ({
  communeCode: '97420',
  quartierId,
  typology,
  surface,
  rent: 400,
  charges: 40,
  lessorId: 'SHLMR',
});

async function chainsOf(tenant: PublishedTenant): Promise<ChainBody[]> {
  const matches = (await (await api('/matches', { token: tenant.token })).json()) as ChainBody[];
  return matches.filter((match) => match.kind === 'chain');
}

async function waitForChain(tenant: PublishedTenant, movers: string[]): Promise<ChainBody> {
  let found: ChainBody | undefined;
  await expect
    .poll(
      async () => {
        found = (await chainsOf(tenant)).find(
          (chain) => chain.participants.map((p) => p.listingId).join() === movers.join(),
        );
        return found !== undefined;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return found!;
}

describe('chains', () => {
  it('shows the chain a new vacancy starts to each mover, in move order, and closes it when withdrawn', async () => {
    // Prepare: a crowded family in a T3, a couple with a child in a T2, a single person in a T1
    const family = await publishListing({
      dwelling: home('T3', '97420-les-jacques-bel-air', 50),
      household: { adults: 2, children: 4 },
      wishes: wants('T5', '97420-quartier-francais'),
    } as never);
    const couple = await publishListing({
      dwelling: home('T2', '97420-la-renaissance', 40),
      household: { adults: 2, children: 1 },
      wishes: wants('T3', '97420-les-jacques-bel-air'),
    } as never);
    const agent = await signIn('agent.sidr@bourse.local');

    // Act: the lessor offers a T5 to over-occupied households, then a single person publishes
    const posted = await api('/lessor/vacancies', {
      method: 'POST',
      token: agent.token,
      json: vacancyBody(
        {
          communeCode: '97420',
          quartierId: '97420-quartier-francais',
          typology: 'T5',
          surface: 100,
          rent: 600,
          charges: 80,
        },
        { overOccupiedOnly: true },
      ),
    });
    const vacancyId = ((await posted.json()) as { id: string }).id;
    const twoMovers = await waitForChain(family, [family.listingId, couple.listingId]);
    const single = await publishListing({
      dwelling: home('T1', '97420-deux-rives', 30),
      household: { adults: 1, children: 0 },
      wishes: wants('T2', '97420-la-renaissance'),
    } as never);
    const chain = await waitForChain(single, [
      family.listingId,
      couple.listingId,
      single.listingId,
    ]);

    // Assess: the vacancy first, each moving into the previous one's home, the last home released
    expect(posted.status).toBe(201);
    expect(twoMovers.released).toEqual({
      lessorId: 'SHLMR',
      typology: 'T2',
      quartierId: '97420-la-renaissance',
    });
    expect(chain.vacancy).toMatchObject({ typology: 'T5', quartierId: '97420-quartier-francais' });
    expect(chain.vacancy).not.toHaveProperty('dwellingRef');
    expect(chain.released).toEqual({
      lessorId: 'SHLMR',
      typology: 'T1',
      quartierId: '97420-deux-rives',
    });
    expect(chain.participants.map((p) => p.receives.typology)).toEqual(['T5', 'T3', 'T2']);
    expect(chain.participants.map((p) => p.isMe)).toEqual([false, false, true]);
    expect(chain.explanation.reasons.join(' ')).toContain('chaîne de mutation');
    // Other test files publish in Sainte-Suzanne too: only the chains of this test's households count.
    const ours = new Set([family.listingId, couple.listingId, single.listingId]);
    const familyChains = (await chainsOf(family)).filter((c) =>
      c.participants.every((p) => ours.has(p.listingId)),
    );
    expect(familyChains.map((c) => c.participants.length).sort()).toEqual([1, 2, 3]);

    // Act: everyone says yes
    for (const tenant of [family, couple, single])
      expect(
        (
          await api(`/matches/${chain.id}/interest`, {
            method: 'POST',
            token: tenant.token,
            json: { interested: true },
          })
        ).status,
      ).toBe(200);
    const mutual = (await (
      await api(`/matches/${chain.id}`, { token: single.token })
    ).json()) as ChainBody;
    const lessorView = (await (
      await api('/lessor/vacancies?limit=100', { token: agent.token })
    ).json()) as {
      items: Array<{ id: string; chains: { stored: number; households: number } }>;
    };

    // Assess
    expect(mutual.status).toBe('mutual');
    const seenByLessor = lessorView.items.find((v) => v.id === vacancyId)?.chains;
    expect(seenByLessor?.households).toBe(3);
    expect(seenByLessor?.stored).toBeGreaterThanOrEqual(familyChains.length);

    // Act: the lessor withdraws the vacancy
    const withdrawn = await api(`/lessor/vacancies/${vacancyId}/withdraw`, {
      method: 'POST',
      token: agent.token,
    });

    // Assess: no chain is left for anyone, nor on the lessor's page
    expect(withdrawn.status).toBe(200);
    await expect.poll(async () => (await chainsOf(single)).length, { timeout: 20_000 }).toBe(0);
    expect(await chainsOf(family)).toEqual([]);
    const after = (await (
      await api('/lessor/vacancies?limit=100', { token: agent.token })
    ).json()) as { items: Array<{ id: string; chains: { stored: number } }> };
    expect(after.items.find((v) => v.id === vacancyId)?.chains.stored).toBe(0);
  });
});
