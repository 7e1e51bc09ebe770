/** Builds small markets through the API: tenants who sign in, create and publish listings. */
import { expect } from 'vitest';
import type { ListingInput } from '../../shared/schemas/listing';
import { listingInput } from './factories';
import { signIn, type SignedIn } from './sign-in';
import { api, uniqueEmail } from './stack';

export interface PublishedTenant extends SignedIn {
  email: string;
  listingId: string;
}

export async function publishListing(
  overrides: Parameters<typeof listingInput>[0],
): Promise<PublishedTenant> {
  const email = uniqueEmail();
  const tenant = await signIn(email);
  const created = await api('/listings', {
    method: 'POST',
    token: tenant.token,
    json: listingInput(overrides),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await api(`/listings/${id}/publish`, { method: 'POST', token: tenant.token });
  expect(published.status).toBe(200);
  return { ...tenant, email, listingId: id };
}

export interface MatchBody {
  id: string;
  kind: string;
  status: string;
  score: number;
  explanation: { summary: string; reasons: string[] };
  participants: Array<{
    listingId: string;
    isMe: boolean;
    interest: string;
    receives: Record<string, unknown>;
    contact?: Record<string, string>;
    visit?: { suitable: boolean; at: string };
  }>;
  createdAt: string;
}

/** Waits until the tenant sees a proposal joining exactly these listings (the matcher runs from the stream). */
export async function waitForMatch(
  tenant: SignedIn,
  listingIds: string[],
  timeoutMs = 15_000,
): Promise<MatchBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const matches = (await (await api('/matches', { token: tenant.token })).json()) as MatchBody[];
    const found = matches.find(
      (m) =>
        m.participants.length === listingIds.length &&
        listingIds.every((id) => m.participants.some((p) => p.listingId === id)),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Pas de proposition entre ${listingIds.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A dwelling in Sainte-Suzanne, so that other test files' listings (Saint-Denis) never join in. */
export function suzanneDwelling(
  typology: ListingInput['dwelling']['typology'],
  surface: number,
  rent: number,
): Partial<ListingInput['dwelling']> {
  return {
    communeCode: '97420',
    quartierId: '97420-bagatelle',
    typology,
    surface,
    rent,
    charges: 40,
    lessorId: 'SHLMR',
  };
}
