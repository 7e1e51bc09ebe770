/** Builds swap scenarios through the API: verified listings in Sainte-Marie, mutual matches, staff accounts. */
import { expect } from 'vitest';
import type { ListingInput } from '../../shared/schemas/listing';
import type { SwapView } from '../../shared/schemas/swap';
import type { Role } from '../../shared/schemas/user';
import { createUser } from '../../functions/lib/db/users';
import { mailsTo } from './mailbox';
import { publishListing, type MatchBody, type PublishedTenant } from './market';
import { signIn, type SignedIn } from './sign-in';
import { api, stackDatabase, uniqueEmail } from './stack';

/** A staff account of this test file only (no shared seeded account, so no sign-in rate limit). */
export async function staffAccount(
  role: Exclude<Role, 'tenant'>,
  lessorId?: string,
): Promise<SignedIn & { email: string }> {
  const email = uniqueEmail(role === 'lessor' ? `agent-${lessorId!.toLowerCase()}` : role);
  await createUser(stackDatabase(), { email, role, ...(lessorId ? { lessorId } : {}) }, new Date());
  return { ...(await signIn(email)), email };
}

/** Armos and the SHLMR and SIDR agents, staff of one test file. */
export async function swapStaff() {
  const [armos, shlmr, sidr] = await Promise.all([
    staffAccount('armos'),
    staffAccount('lessor', 'SHLMR'),
    staffAccount('lessor', 'SIDR'),
  ]);
  return { armos, shlmr, sidr };
}

/** POST to the API as the holder of `token`, with a JSON body when given. */
export const post = (path: string, token: string, json?: unknown) =>
  api(path, { method: 'POST', token, ...(json !== undefined ? { json } : {}) });

export const swapBody = async (response: Response) => (await response.json()) as SwapView;

type Typology = ListingInput['dwelling']['typology'];

export interface Slot {
  quartier: string;
  typology: Typology;
}

const quartierId = (name: string) => `97418-${name}`;

/** A published listing offering `offer` in Sainte-Marie and wanting any of `wants`, verified by Armos. */
export async function verifiedListing(
  armos: SignedIn,
  offer: Slot & { lessorId: string; surface: number; rent: number },
  wants: { quartiers: string[]; typologies: Typology[] },
  household: { adults: number; children: number; income?: number } = { adults: 1, children: 0 },
): Promise<PublishedTenant> {
  const tenant = await publishListing({
    dwelling: {
      communeCode: '97418',
      quartierId: quartierId(offer.quartier),
      typology: offer.typology,
      surface: offer.surface,
      rent: offer.rent,
      charges: 40,
      lessorId: offer.lessorId,
      floor: 1,
    },
    household,
    wishes: {
      communes: ['97418'],
      quartiers: wants.quartiers.map(quartierId),
      typologies: wants.typologies,
      maxTotalRent: 1500,
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

export async function matchesOf(tenant: SignedIn): Promise<MatchBody[]> {
  return (await (await api('/matches', { token: tenant.token })).json()) as MatchBody[];
}

/** Waits until `tenant` sees at least `count` proposals whose participants are all among `among`. */
export async function waitForMatches(
  tenant: SignedIn,
  among: string[],
  count: number,
  timeoutMs = 20_000,
): Promise<MatchBody[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await matchesOf(tenant)).filter((m) =>
      m.participants.every((p) => among.includes(p.listingId)),
    );
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Waits until the matcher stored `tenant`'s counts (its refill's last write) after `since`. */
export async function refilledSince(tenant: PublishedTenant, since: string): Promise<boolean> {
  const summary = await pollUntil(
    async () =>
      (await (
        await api(`/matches/summary?listingId=${tenant.listingId}`, { token: tenant.token })
      ).json()) as { computedAt?: string },
    (read) => (read.computedAt ?? '') > since,
  );
  return (summary.computedAt ?? '') > since;
}

/** Every participant says yes; returns the match as seen when mutual. */
export async function makeMutual(match: MatchBody, tenants: PublishedTenant[]): Promise<void> {
  for (const participant of match.participants) {
    const tenant = tenants.find((t) => t.listingId === participant.listingId)!;
    const answered = await api(`/matches/${match.id}/interest`, {
      method: 'POST',
      token: tenant.token,
      json: { interested: true },
    });
    expect(answered.status).toBe(200);
  }
}

export async function swapOf(token: string, swapId: string): Promise<SwapView> {
  const response = await api(`/swaps/${swapId}`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as SwapView;
}

export async function listingStatus(token: string, listingId: string): Promise<string> {
  return ((await (await api(`/listings/${listingId}`, { token })).json()) as { status: string })
    .status;
}

export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The subjects of the mails `address` received, once one matches `subject` (the notifier sends asynchronously). */
export async function subjectsOnceReceived(
  address: string,
  subject: RegExp | string,
): Promise<string[]> {
  const matches = (s: string) => (typeof subject === 'string' ? s === subject : subject.test(s));
  const mails = await pollUntil(
    () => mailsTo(address),
    (found) => found.some((m) => matches(m.subject)),
  );
  return mails.map((m) => m.subject);
}
