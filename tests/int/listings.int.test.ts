import { describe, expect, it } from 'vitest';
import { listingInput } from '../support/factories';
import { subjectsTo, waitForMails } from '../support/mailbox';
import { signIn } from '../support/sign-in';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/lib/db/model';
import { api, stackDatabase, uniqueEmail } from '../support/stack';

type ListingBody = {
  id: string;
  status: string;
  verification: string;
  expiresAt?: string;
  dwelling: Record<string, unknown>;
  household: Record<string, unknown>;
  ownerId?: string;
};
const json = async <T = ListingBody>(response: Response) => (await response.json()) as T;

async function tenantWithListing(overrides = {}) {
  const tenant = await signIn(uniqueEmail());
  const created = await api('/listings', {
    method: 'POST',
    token: tenant.token,
    json: listingInput(overrides),
  });
  expect(created.status).toBe(201);
  return { tenant, listing: await json(created) };
}

describe('listing lifecycle', () => {
  it('creates a draft, publishes it for 6 months, withdraws it', async () => {
    const { tenant, listing } = await tenantWithListing();

    const published = await api(`/listings/${listing.id}/publish`, {
      method: 'POST',
      token: tenant.token,
    });
    const body = await json(published);
    const withdrawn = await api(`/listings/${listing.id}/withdraw`, {
      method: 'POST',
      token: tenant.token,
    });
    const again = await api(`/listings/${listing.id}/withdraw`, {
      method: 'POST',
      token: tenant.token,
    });

    expect(listing).toMatchObject({ status: 'draft', verification: 'pending' });
    expect(published.status).toBe(200);
    expect(body.status).toBe('published');
    const months = (new Date(body.expiresAt!).getTime() - Date.now()) / (30.4 * 86_400_000);
    expect(months).toBeGreaterThan(5.9);
    expect(months).toBeLessThan(6.1);
    expect(await json(withdrawn)).toMatchObject({ status: 'withdrawn' });
    expect(again.status).toBe(409);
  });

  it('allows one active listing per tenant, and a new one after withdrawal', async () => {
    const { tenant, listing } = await tenantWithListing();

    const second = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput(),
    });
    await api(`/listings/${listing.id}/withdraw`, { method: 'POST', token: tenant.token });
    const third = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput(),
    });
    const mine = await json<ListingBody[]>(await api('/listings/mine', { token: tenant.token }));

    expect(second.status).toBe(409);
    expect(third.status).toBe(201);
    expect(mine.map((l) => l.status)).toEqual(['draft', 'withdrawn']);
  });

  it('keeps exactly one listing when the same tenant creates several at the same instant', async () => {
    const tenant = await signIn(uniqueEmail());

    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        api('/listings', { method: 'POST', token: tenant.token, json: listingInput() }).then(
          (r) => r.status,
        ),
      ),
    );

    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect(
      await json<ListingBody[]>(await api('/listings/mine', { token: tenant.token })),
    ).toHaveLength(1);
  });

  it('mails the owner when the listing is published', async () => {
    const email = uniqueEmail();
    const tenant = await signIn(email);
    const created = await json(
      await api('/listings', { method: 'POST', token: tenant.token, json: listingInput() }),
    );

    await api(`/listings/${created.id}/publish`, { method: 'POST', token: tenant.token });

    const mails = await waitForMails(email, 2);
    expect(mails.map((m) => m.subject)).toContain('Votre annonce est publiée');
  });
});

describe('listing validation', () => {
  const cases: Array<[string, Parameters<typeof listingInput>[0], string]> = [
    ['surface under 9 m²', { dwelling: { surface: 8 } } as never, 'dwelling.surface'],
    ['surface over 300 m²', { dwelling: { surface: 301 } } as never, 'dwelling.surface'],
    ['rent over 5,000 €', { dwelling: { rent: 5001 } } as never, 'dwelling.rent'],
    ['negative charges', { dwelling: { charges: -1 } } as never, 'dwelling.charges'],
    ['floor 41', { dwelling: { floor: 41 } } as never, 'dwelling.floor'],
    ['typology T7', { dwelling: { typology: 'T7' } } as never, 'dwelling.typology'],
    ['no adult', { household: { adults: 0 } } as never, 'household.adults'],
    ['16 children', { household: { children: 16 } } as never, 'household.children'],
    ['unknown commune', { dwelling: { communeCode: '97499' } } as never, 'dwelling.communeCode'],
    [
      'quartier of another commune',
      { dwelling: { quartierId: '97418-la-mare' } } as never,
      'dwelling.quartierId',
    ],
    ['unknown lessor', { dwelling: { lessorId: 'INCONNU' } } as never, 'dwelling.lessorId'],
    ['no wished commune', { wishes: { communes: [] } } as never, 'wishes.communes'],
    ['no wished typology', { wishes: { typologies: [] } } as never, 'wishes.typologies'],
    [
      'wished quartier outside wished communes',
      { wishes: { communes: ['97411'], quartiers: ['97420-bagatelle'] } } as never,
      'wishes.quartiers.0',
    ],
    ['unknown motive', { motive: 'caprice' } as never, 'motive'],
  ];

  it.each(cases)(
    'rejects %s with a French message naming the field',
    async (_name, overrides, path) => {
      const tenant = await signIn(uniqueEmail());

      const response = await api('/listings', {
        method: 'POST',
        token: tenant.token,
        json: listingInput(overrides),
      });

      expect(response.status).toBe(400);
      const body = await json<{
        error: { code: string; message: string; issues: { path: string; message: string }[] };
      }>(response);
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.issues.map((issue) => issue.path)).toContain(path);
      expect(body.error.message).toMatch(/[éèàç]|invalide|doit|au moins|inconnu/i);
      expect(await json<unknown[]>(await api('/listings/mine', { token: tenant.token }))).toEqual(
        [],
      );
    },
  );

  it('rejects unknown fields', async () => {
    const tenant = await signIn(uniqueEmail());
    const body = { ...listingInput(), dwelling: { ...listingInput().dwelling, pool: true } };

    const response = await api('/listings', { method: 'POST', token: tenant.token, json: body });

    expect(response.status).toBe(400);
  });
});

describe('verification by the lessor', () => {
  it('shows the lessor its pending listings, verifies one and mails the owner', async () => {
    const email = uniqueEmail();
    const tenant = await signIn(email);
    const listing = await json(
      await api('/listings', {
        method: 'POST',
        token: tenant.token,
        json: listingInput({ dwelling: { lessorId: 'SEMADER' } } as never),
      }),
    );
    const agent = await signIn('agent.semader@bourse.local');
    const otherAgent = await signIn('agent.shlmr@bourse.local');

    const queue = await json<{ items: ListingBody[] }>(
      await api('/lessor/listings?verification=pending', { token: agent.token }),
    );
    const otherQueue = await json<{ items: ListingBody[] }>(
      await api('/lessor/listings?verification=pending', { token: otherAgent.token }),
    );
    const byOther = await api(`/listings/${listing.id}/verification`, {
      method: 'POST',
      token: otherAgent.token,
      json: { verified: true },
    });
    const verified = await api(`/listings/${listing.id}/verification`, {
      method: 'POST',
      token: agent.token,
      json: { verified: true },
    });

    expect(queue.items.map((l) => l.id)).toContain(listing.id);
    expect(queue.items[0]?.dwelling).toHaveProperty('tenancyRef');
    expect(otherQueue.items.map((l) => l.id)).not.toContain(listing.id);
    expect(byOther.status).toBe(404);
    expect(await json(verified)).toMatchObject({ verification: 'verified' });
    await expect
      .poll(() => subjectsTo(email))
      .toContain('Votre annonce est vérifiée par votre bailleur');
  });

  it('requires a reason to reject, mails it, and sends an edited dwelling back to verification', async () => {
    const email = uniqueEmail();
    const tenant = await signIn(email);
    const listing = await json(
      await api('/listings', {
        method: 'POST',
        token: tenant.token,
        json: listingInput({ dwelling: { lessorId: 'SODIAC' } } as never),
      }),
    );
    const armos = await signIn('armos@bourse.local');

    const noReason = await api(`/listings/${listing.id}/verification`, {
      method: 'POST',
      token: armos.token,
      json: { verified: false },
    });
    const rejected = await api(`/listings/${listing.id}/verification`, {
      method: 'POST',
      token: armos.token,
      json: { verified: false, reason: 'Référence de bail inconnue' },
    });
    const publishRejected = await api(`/listings/${listing.id}/publish`, {
      method: 'POST',
      token: tenant.token,
    });
    const edited = await api(`/listings/${listing.id}`, {
      method: 'PATCH',
      token: tenant.token,
      json: {
        dwelling: { ...listingInput().dwelling, lessorId: 'SODIAC', tenancyRef: 'BAIL-CORRIGE' },
      },
    });

    expect(noReason.status).toBe(400);
    expect(await json(rejected)).toMatchObject({ verification: 'rejected' });
    expect(publishRejected.status).toBe(409);
    expect(await json(edited)).toMatchObject({ verification: 'pending' });
    const mails = await waitForMails(email, 2);
    expect(mails.find((m) => m.subject.includes('n’a pas pu vérifier'))?.body.text).toContain(
      'Référence de bail inconnue',
    );
  });
});

describe('privacy of listings', () => {
  it('hides a listing from other tenants and from the cinor role (404, existence not revealed)', async () => {
    const { listing } = await tenantWithListing();
    const stranger = await signIn(uniqueEmail());
    const cinor = await signIn('cinor@bourse.local');

    expect((await api(`/listings/${listing.id}`, { token: stranger.token })).status).toBe(404);
    expect((await api(`/listings/${listing.id}`, { token: cinor.token })).status).toBe(404);
    expect(
      (await api(`/listings/${listing.id}/publish`, { method: 'POST', token: stranger.token }))
        .status,
    ).toBe(404);
  });

  it('shows the full listing to its lessor and Armos, but not to another lessor', async () => {
    const { listing } = await tenantWithListing();
    const sidr = await signIn('agent.sidr@bourse.local');
    const semac = await signIn('agent.semac@bourse.local');
    const armos = await signIn('armos@bourse.local');

    expect(await json(await api(`/listings/${listing.id}`, { token: sidr.token }))).toMatchObject({
      dwelling: { tenancyRef: 'BAIL-2021-0042' },
    });
    expect(await json(await api(`/listings/${listing.id}`, { token: armos.token }))).toMatchObject({
      household: { income: 21000 },
    });
    expect((await api(`/listings/${listing.id}`, { token: semac.token })).status).toBe(404);
  });
});

describe('reception points', () => {
  it('lets an agent create and publish a listing for a tenant without e-mail, with recorded consent', async () => {
    const agent = await signIn('accueil@bourse.local');
    const body = {
      ...listingInput(),
      onBehalfOf: { name: 'Mme Payet', phone: '0692 00 11 22', consent: true },
    };

    const created = await api('/listings', { method: 'POST', token: agent.token, json: body });
    const listing = await json(created);
    const published = await api(`/listings/${listing.id}/publish`, {
      method: 'POST',
      token: agent.token,
    });
    const managed = await json<ListingBody[]>(
      await api('/listings/managed', { token: agent.token }),
    );
    const noConsent = await api('/listings', {
      method: 'POST',
      token: agent.token,
      json: { ...listingInput(), onBehalfOf: { name: 'Monsieur Hoarau', consent: false } },
    });
    const tenantOnBehalf = await api('/listings', {
      method: 'POST',
      token: (await signIn(uniqueEmail())).token,
      json: body,
    });

    expect(created.status).toBe(201);
    expect(listing).toMatchObject({
      assistance: { name: 'Mme Payet', consentAt: expect.any(String) },
    });
    expect(published.status).toBe(200);
    expect(managed.map((l) => l.id)).toContain(listing.id);
    expect(noConsent.status).toBe(400);
    expect(tenantOnBehalf.status).toBe(403);
  });
});

describe('data lifecycle', () => {
  it('schedules a withdrawn listing for deletion 12 months later, and cancels it when republished', async () => {
    const { tenant, listing } = await tenantWithListing();
    const db = stackDatabase();
    const ttlOf = async () =>
      (
        await db.doc.send(
          new GetCommand({ TableName: db.tableName, Key: keys.listing(listing.id) }),
        )
      ).Item?.ttl as number | undefined;

    await api(`/listings/${listing.id}/withdraw`, { method: 'POST', token: tenant.token });
    const afterWithdrawal = await ttlOf();
    await api(`/listings/${listing.id}/publish`, { method: 'POST', token: tenant.token });
    const afterRepublication = await ttlOf();

    const days = ((afterWithdrawal ?? 0) - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);
    expect(afterRepublication).toBeUndefined();
  });
});
