/**
 * Chain swaps through the API: a lessor's vacancy in Saint-Denis quartiers no other test offers or
 * wishes for by name, verified tenants who would move one after the other, the chain they see.
 */
import { expect } from 'vitest';
import type { ListingInput } from '../../shared/schemas/listing';
import type { SignedIn } from './sign-in';
import { publishListing, type MatchBody, type PublishedTenant } from './market';
import { api } from './stack';
import { matchesOf } from './swaps';
import { vacancyBody } from './vacancies';

type Typology = ListingInput['dwelling']['typology'];

export const quartier = (name: string) => `97411-${name}`;

/** A vacancy of `lessor`'s agent; returns its id. */
export async function postVacancy(
  agent: SignedIn,
  lessorId: string,
  where: { quartier: string; typology: Typology; surface: number },
): Promise<string> {
  const response = await api('/lessor/vacancies', {
    method: 'POST',
    token: agent.token,
    json: vacancyBody({
      lessorId,
      communeCode: '97411',
      quartierId: quartier(where.quartier),
      typology: where.typology,
      surface: where.surface,
      rent: 520,
      charges: 60,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A verified tenant of `lessorId` living in `home` and wanting `wants` (one quartier, one typology). */
export async function chainMover(
  armos: SignedIn,
  home: { quartier: string; typology: Typology; surface: number; lessorId: string },
  wants: { quartier: string; typology: Typology },
  household: { adults: number; children: number },
): Promise<PublishedTenant> {
  const tenant = await publishListing({
    dwelling: {
      communeCode: '97411',
      quartierId: quartier(home.quartier),
      typology: home.typology,
      surface: home.surface,
      rent: 380,
      charges: 40,
      lessorId: home.lessorId,
      floor: 1,
    },
    household,
    wishes: {
      communes: ['97411'],
      quartiers: [quartier(wants.quartier)],
      typologies: [wants.typology],
      maxTotalRent: 900,
      needs: {},
      features: [],
    },
  } as never);
  const verified = await api(`/listings/${tenant.listingId}/verification`, {
    method: 'POST',
    token: armos.token,
    json: { verified: true },
  });
  expect(verified.status).toBe(200);
  return tenant;
}

/** Waits until `tenant` sees the chain whose movers are exactly `movers`, in that order. */
export async function waitForChain(
  tenant: SignedIn,
  movers: string[],
  timeoutMs = 20_000,
): Promise<MatchBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await matchesOf(tenant)).find(
      (m) => m.kind === 'chain' && m.participants.map((p) => p.listingId).join() === movers.join(),
    );
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no chain ${movers.join(' → ')} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The status of a proposal as `tenant` sees it now. */
export async function matchStatus(tenant: SignedIn, matchId: string): Promise<string | undefined> {
  const response = await api(`/matches/${matchId}`, { token: tenant.token });
  return response.status === 200 ? ((await response.json()) as MatchBody).status : undefined;
}

/** A vacancy's status as its lessor's agent lists it. */
export async function vacancyStatus(agent: SignedIn, vacancyId: string): Promise<string> {
  const page = (await (
    await api('/lessor/vacancies?limit=100', { token: agent.token })
  ).json()) as {
    items: Array<{ id: string; status: string }>;
  };
  return page.items.find((v) => v.id === vacancyId)?.status ?? 'absent';
}
