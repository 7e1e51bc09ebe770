/**
 * "Ce qui élargirait vos propositions" through the real route: the summary says which change of
 * the wishes would add cycles and how many; applying it with the listing edit brings them.
 * Dwellings of 250 m² and more, wished only by these listings, keep other test files' listings
 * out of every cycle counted here.
 */
import { describe, expect, it } from 'vitest';
import type { ListingInput } from '../../shared/schemas/listing';
import { publishAssisted } from '../support/agents';
import { publishListing, suzanneDwelling, waitForMatch } from '../support/market';
import type { SignedIn } from '../support/sign-in';
import { api } from '../support/stack';

interface Summary {
  count2: number;
  count3: number;
  widen: Array<{
    change: { field: string; value: string | number };
    more2: number;
    more3: number;
    text: string;
  }>;
}

const largeWishes = (typology: ListingInput['dwelling']['typology']) => ({
  communes: ['97420'],
  quartiers: [],
  typologies: [typology],
  minSurface: 250,
  maxTotalRent: 2500,
  needs: {},
  features: [],
});

async function summaryOf(tenant: SignedIn): Promise<Summary> {
  const response = await api('/matches/summary', { token: tenant.token });
  expect(response.status).toBe(200);
  return (await response.json()) as Summary;
}

/** The matcher logs each publication from the stream; the API catches up from that log. */
async function waitForSummary(
  tenant: SignedIn,
  until: (summary: Summary) => boolean,
  timeoutMs = 20_000,
): Promise<Summary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await summaryOf(tenant);
    if (until(summary)) return summary;
    if (Date.now() > deadline)
      throw new Error(`Résumé inattendu : ${JSON.stringify(summary, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const acceptsT5 = (summary: Summary) =>
  summary.widen.find((w) => w.change.field === 'typologies' && w.change.value === 'T5');

describe('GET /api/matches/summary: widen', () => {
  it('tells a tenant without proposals that accepting a T5 would bring 4 swaps, and the edit brings them', async () => {
    // Prepare: A offers a T5 and wants a T6 only; B and C offer T5s and want a T5.
    const a = await publishListing({
      dwelling: suzanneDwelling('T5', 280, 1100),
      household: { adults: 2, children: 2 },
      wishes: largeWishes('T6'),
    } as never);
    const b = await publishListing({
      dwelling: suzanneDwelling('T5', 270, 1000),
      household: { adults: 2, children: 1 },
      wishes: largeWishes('T5'),
    } as never);
    const c = await publishListing({
      dwelling: suzanneDwelling('T5', 260, 1050),
      household: { adults: 2, children: 0 },
      wishes: largeWishes('T5'),
    } as never);

    // Act
    // (the API follows the market log: B may be counted a moment before C)
    const before = await waitForSummary(
      a,
      (s) => (acceptsT5(s)?.more2 ?? 0) + (acceptsT5(s)?.more3 ?? 0) >= 4,
    );

    // Assess: A ⇄ B, A ⇄ C, A → B → C → A and A → C → B → A would be new.
    expect(before.count2 + before.count3).toBe(0);
    expect(before.widen.length).toBeLessThanOrEqual(3);
    expect(acceptsT5(before)).toEqual({
      change: { field: 'typologies', value: 'T5' },
      more2: 2,
      more3: 2,
      text: 'En acceptant aussi un T5, vous auriez 4 échanges possibles de plus, dont 2 directs.',
    });

    // Act: the tenant applies the change with the ordinary listing edit.
    const edited = await api(`/listings/${a.listingId}`, {
      method: 'PATCH',
      token: a.token,
      json: { wishes: { ...largeWishes('T6'), typologies: ['T6', 'T5'] } },
    });
    expect(edited.status).toBe(200);

    // Assess: the proposals come, the counts follow, and the change is no longer offered.
    await waitForMatch(a, [a.listingId, b.listingId]);
    await waitForMatch(a, [a.listingId, c.listingId]);
    await waitForMatch(a, [a.listingId, b.listingId, c.listingId]);
    const after = await waitForSummary(a, (s) => s.count2 === 2 && s.count3 === 2);
    expect(acceptsT5(after)).toBeUndefined();
  });

  it('answers a reception agent for the listing it manages', async () => {
    // Prepare: the assisted tenant offers a T3 and wants a T1 only; B offers a T2 and wants a T3.
    const agent = await publishAssisted({
      dwelling: suzanneDwelling('T3', 255, 900),
      household: { adults: 1, children: 0 },
      wishes: largeWishes('T1'),
    } as never);
    await publishListing({
      dwelling: suzanneDwelling('T2', 265, 800),
      household: { adults: 1, children: 0 },
      wishes: largeWishes('T3'),
    } as never);

    // Act
    const deadline = Date.now() + 20_000;
    let widen: Summary['widen'] = [];
    while (widen.length === 0 && Date.now() < deadline) {
      const response = await api(`/matches/summary?listingId=${agent.listingId}`, {
        token: agent.token,
      });
      expect(response.status).toBe(200);
      widen = ((await response.json()) as Summary).widen;
      if (widen.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Assess
    expect(widen).toEqual([
      {
        change: { field: 'typologies', value: 'T2' },
        more2: 1,
        more3: 0,
        text: 'En acceptant aussi un T2, vous auriez 1 échange possible de plus, direct.',
      },
    ]);
  });

  it('offers nothing for a listing that is not published', async () => {
    // Prepare
    const tenant = await publishListing({
      dwelling: suzanneDwelling('T5', 290, 1100),
      wishes: largeWishes('T6'),
    } as never);
    const withdrawn = await api(`/listings/${tenant.listingId}/withdraw`, {
      method: 'POST',
      token: tenant.token,
    });
    expect(withdrawn.status).toBe(200);

    // Act
    const summary = await summaryOf(tenant);

    // Assess
    expect(summary.widen).toEqual([]);
  });
});
