/**
 * Swaps for the authorization matrix: two verified listings of one lessor with a mutual 2-way
 * proposal (Sainte-Suzanne, Deux Rives ↔ Centre-ville, T4 ↔ T1), optionally requested.
 */
import { expect } from 'vitest';
import { publishAssisted } from './agents';
import { publishListing, waitForMatch, type PublishedTenant } from './market';
import { signIn } from './sign-in';
import { api } from './stack';

export interface SwapFixture {
  matchId: string;
  swapId: string;
  requester: PublishedTenant;
  partner: PublishedTenant;
}

/** What a reception agent states when acting for the tenant (docs/api.md "Reception agents"). */
export const AGENT_CONSENT = { channel: 'guichet', note: 'Accord donné au guichet.' } as const;
const consentIf = (assisted: boolean | undefined) => (assisted ? { consent: AGENT_CONSENT } : {});

/** Wishes for one typology in one quartier of Sainte-Suzanne. */
export const wants = (typology: string, quartier: string) => ({
  communes: ['97420'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 1200,
  needs: {},
  features: [],
});

/** Armos verifies the tenant's listing. */
export async function verified(tenant: PublishedTenant): Promise<void> {
  const armos = await signIn('armos@bourse.local');
  expect(
    (
      await api(`/listings/${tenant.listingId}/verification`, {
        method: 'POST',
        token: armos.token,
        json: { verified: true },
      })
    ).status,
  ).toBe(200);
}

/**
 * A mutual proposal between two verified listings of `lessorId`, not requested yet. `assisted`:
 * the requester's listing is managed by the seeded reception agent, who acts for the tenant.
 */
export async function mutualMatch(
  lessorId: string,
  options: { assisted?: boolean } = {},
): Promise<Omit<SwapFixture, 'swapId'>> {
  const requester = await (options.assisted ? publishAssisted : publishListing)({
    dwelling: {
      communeCode: '97420',
      quartierId: '97420-deux-rives',
      typology: 'T4',
      surface: 78,
      rent: 560,
      charges: 50,
      lessorId,
    },
    household: { adults: 1, children: 0 },
    wishes: wants('T1', '97420-centre-ville'),
  } as never);
  const partner = await publishListing({
    dwelling: {
      communeCode: '97420',
      quartierId: '97420-centre-ville',
      typology: 'T1',
      surface: 29,
      rent: 250,
      charges: 30,
      lessorId,
    },
    household: { adults: 1, children: 0 },
    wishes: wants('T4', '97420-deux-rives'),
  } as never);
  await Promise.all([verified(requester), verified(partner)]);
  // The partner is always a tenant: an agent lists proposals per listing it manages.
  const match = await waitForMatch(partner, [requester.listingId, partner.listingId], 30_000);
  for (const tenant of [requester, partner]) {
    expect(
      (
        await api(`/matches/${match.id}/interest`, {
          method: 'POST',
          token: tenant.token,
          json: { interested: true, ...consentIf(options.assisted && tenant === requester) },
        })
      ).status,
    ).toBe(200);
  }
  return { matchId: match.id, requester, partner };
}

/** A swap requested by `requester` (awaiting the partner's confirmation). */
export async function requestedSwap(
  lessorId: string,
  options: { assisted?: boolean } = {},
): Promise<SwapFixture> {
  const mutual = await mutualMatch(lessorId, options);
  const response = await api('/swaps', {
    method: 'POST',
    token: mutual.requester.token,
    json: { matchId: mutual.matchId, ...consentIf(options.assisted) },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return { ...mutual, swapId: ((await response.json()) as { id: string }).id };
}
