/**
 * Reception agents: the seeded one, and further agents Armos creates — so that a test can check
 * that an agent reaches only the tenants it assists.
 */
import { expect } from 'vitest';
import { listingInput } from './factories';
import type { PublishedTenant } from './market';
import { signIn, type SignedIn } from './sign-in';
import { api, uniqueEmail } from './stack';

/** A new reception agent account, signed in. */
export async function newAgent(): Promise<SignedIn & { email: string }> {
  const armos = await signIn('armos@bourse.local');
  const email = uniqueEmail('agent');
  const created = await api('/admin/users', {
    method: 'POST',
    token: armos.token,
    json: { email, role: 'accueil' },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return { ...(await signIn(email)), email };
}

/** A listing `agent` creates for a tenant without e-mail (draft unless `publish`). */
export async function assistedListing(
  agent: SignedIn,
  overrides: Parameters<typeof listingInput>[0] = {},
  publish = false,
): Promise<string> {
  const created = await api('/listings', {
    method: 'POST',
    token: agent.token,
    json: {
      ...listingInput(overrides),
      onBehalfOf: { name: 'Mme Grondin', phone: '0692 11 22 33', consent: true },
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  if (publish)
    expect(
      (await api(`/listings/${id}/publish`, { method: 'POST', token: agent.token })).status,
    ).toBe(200);
  return id;
}

/** The seeded agent acting for a new tenant: the shape of a published tenant, with the agent's session. */
export async function publishAssisted(
  overrides: Parameters<typeof listingInput>[0],
): Promise<PublishedTenant> {
  const agent = await signIn('accueil@bourse.local');
  return {
    ...agent,
    email: 'accueil@bourse.local',
    listingId: await assistedListing(agent, overrides, true),
  };
}

/** A tenant with an account whose listing (of `lessorId`) the seeded agent created and manages. */
export async function assistedTenant(
  lessorId: string,
): Promise<{ tenant: SignedIn; listingId: string }> {
  const agent = await signIn('accueil@bourse.local');
  const email = uniqueEmail();
  const tenant = await signIn(email);
  const created = await api('/listings', {
    method: 'POST',
    token: agent.token,
    json: {
      ...listingInput({ dwelling: { lessorId } } as never),
      onBehalfOf: { name: 'Monsieur Técher', email, consent: true },
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return { tenant, listingId: ((await created.json()) as { id: string }).id };
}
