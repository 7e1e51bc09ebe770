/**
 * Expiry with an injected clock: reminders at D-30 and D-7 (each once), expiry at D (out of the
 * market index), the one-click renewal link. The clock-driven part runs on a table of its own,
 * so that moving time forward never expires the listings of other test files; the renewal
 * route is then exercised on the local stack itself.
 */
import { addDays, addMinutes, addMonths } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../../functions/lib/db/client';
import { expiryDayOf, scheduledOn } from '../../functions/lib/db/expiry';
import { getListing, marketListings } from '../../functions/lib/db/listings';
import { listUnsentMail, type OutboxItem } from '../../functions/lib/db/outbox';
import { createUser } from '../../functions/lib/db/users';
import { renewByLink } from '../../functions/lib/listings/renewal';
import { signRenewalToken } from '../../functions/lib/listings/renewal-token';
import {
  changeListingStatus,
  createListing,
  type ListingDeps,
} from '../../functions/lib/listings/service';
import { runExpiry } from '../../functions/scheduler/expiry';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { api, stack, uniqueEmail, createOwnTable, dropOwnTable } from '../support/stack';

const SECRET = 'expiry-int-test-secret-expiry-int-test-secret-0001';
const APP_URL = 'http://localhost:3000';
/** Each test publishes 100 days after the previous one: its runs never reach the others' listings. */
const T0 = new Date('2031-03-10T06:00:00.000Z');

let db: Database;

beforeAll(async () => {
  db = await createOwnTable('expiry');
});

afterAll(() => dropOwnTable(db));

const deps = (at: Date): ListingDeps & { sessionSecret: () => string } => ({
  db,
  now: () => at,
  appUrl: APP_URL,
  reference: async () => seedReferenceData,
  sessionSecret: () => SECRET,
});
const expiry = (at: Date) => runExpiry({ db, appUrl: APP_URL, sessionSecret: () => SECRET }, at);

async function publishedListing(at = T0): Promise<{ email: string; listing: Listing }> {
  const email = uniqueEmail();
  const owner = await createUser(db, { email, role: 'tenant' }, at);
  const draft = await createListing(deps(at), owner, listingInput());
  return { email, listing: await changeListingStatus(deps(at), owner, draft.id, 'publish') };
}

/** Mails written to this table's outbox (no notifier reads it: they stay pending). */
async function mailsTo(email: string, kindPrefix: string): Promise<OutboxItem[]> {
  const pending = await listUnsentMail(db, new Date('2100-01-01'), 1000);
  return pending.filter((mail) => mail.to === email && mail.kind.startsWith(kindPrefix));
}

const tokenOf = (mail: OutboxItem) => {
  const match = /\/mon-annonce\/prolonger\?token=([A-Za-z0-9_.-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('Pas de lien de prolongation dans le mail');
  return match[1];
};

const inMarket = async (listingId: string) =>
  (await marketListings(db, '97411')).some((listing) => listing.id === listingId);

describe('expiry reminders', () => {
  it('mails D-30 and D-7 reminders once each, with a renewal link', async () => {
    const { email, listing } = await publishedListing();
    const expiresAt = new Date(listing.expiresAt!);

    const early = await expiry(addDays(expiresAt, -31));
    const d30 = [
      await expiry(addDays(expiresAt, -30)),
      await expiry(addMinutes(addDays(expiresAt, -30), 5)),
    ];
    const between = await expiry(addDays(expiresAt, -10));
    const d7 = [await expiry(addDays(expiresAt, -7)), await expiry(addDays(expiresAt, -6))];

    expect(early.reminded).toBe(0);
    expect(d30.map((report) => report.reminded)).toEqual([1, 0]);
    expect(between.reminded).toBe(0);
    expect(d7.map((report) => report.reminded)).toEqual([1, 0]);
    const mails = await mailsTo(email, 'listing-expiry-reminder');
    expect(mails.map((mail) => mail.subject).sort()).toEqual([
      'Votre annonce expire dans 30 jours',
      'Votre annonce expire dans 7 jours',
    ]);
    for (const mail of mails)
      expect(mail.text).toContain(`${APP_URL}/mon-annonce/prolonger?token=`);
    expect((await getListing(db, listing.id)).status).toBe('published');
  });
});

describe('expiry at the date', () => {
  it('expires the listing at D, takes it out of the market index, mails the owner once', async () => {
    const { email, listing } = await publishedListing(addDays(T0, 100));
    const expiresAt = new Date(listing.expiresAt!);
    expect(await inMarket(listing.id)).toBe(true);

    const before = await expiry(addMinutes(expiresAt, -1));
    const at = await expiry(addMinutes(expiresAt, 1));
    const again = await expiry(addMinutes(expiresAt, 2));

    expect(before.expired).toBe(0);
    expect([at.expired, again.expired]).toEqual([1, 0]);
    expect((await getListing(db, listing.id)).status).toBe('expired');
    expect(await inMarket(listing.id)).toBe(false);
    expect(await scheduledOn(db, expiryDayOf(expiresAt))).toEqual([]);
    expect((await mailsTo(email, 'listing-expired')).map((mail) => mail.subject)).toEqual([
      'Votre annonce a expiré',
    ]);
  });

  it('renews from the link once: 6 more months from the click, back in the market, new reminders', async () => {
    const { email, listing } = await publishedListing(addDays(T0, 200));
    const expiresAt = new Date(listing.expiresAt!);
    await expiry(addDays(expiresAt, -30));
    await expiry(addMinutes(expiresAt, 1));
    const [expiredMail] = await mailsTo(email, 'listing-expired');
    const [reminderMail] = await mailsTo(email, 'listing-expiry-reminder');
    const clickedAt = addDays(expiresAt, 2);

    const first = await renewByLink(deps(clickedAt), tokenOf(expiredMail!));
    const second = await renewByLink(deps(addMinutes(clickedAt, 10)), tokenOf(expiredMail!));
    const oldReminder = await renewByLink(deps(addMinutes(clickedAt, 20)), tokenOf(reminderMail!));

    expect(first).toMatchObject({
      listingId: listing.id,
      status: 'published',
      renewed: true,
      expiresAt: addMonths(clickedAt, 6).toISOString(),
    });
    expect(second).toEqual({ ...first, renewed: false });
    expect(oldReminder).toEqual({ ...first, renewed: false });
    expect(await inMarket(listing.id)).toBe(true);
    const next = await expiry(addDays(addMonths(clickedAt, 6), -30));
    expect(next.reminded).toBe(1);
  });

  it('refuses a forged or foreign link', async () => {
    const { listing } = await publishedListing(addDays(T0, 300));
    const forged = await signRenewalToken(
      'another-secret-another-secret-another-secret-0',
      { listingId: listing.id, period: listing.expiresAt! },
      T0,
    );

    await expect(renewByLink(deps(T0), forged)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(renewByLink(deps(T0), 'pas-un-jeton-pas-un-jeton')).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('POST /api/listings/renew-by-link', () => {
  it('renews a listing of the stack without signing in, idempotently', async () => {
    const tenant = await signIn(uniqueEmail());
    const created = (await (
      await api('/listings', { method: 'POST', token: tenant.token, json: listingInput() })
    ).json()) as Listing;
    const published = (await (
      await api(`/listings/${created.id}/publish`, { method: 'POST', token: tenant.token })
    ).json()) as Listing;
    const token = await signRenewalToken(
      stack().sessionSecret,
      { listingId: published.id, period: published.expiresAt! },
      new Date(),
    );

    const first = await api('/listings/renew-by-link', { method: 'POST', json: { token } });
    const second = await api('/listings/renew-by-link', { method: 'POST', json: { token } });
    const session = await api('/listings/renew-by-link', {
      method: 'POST',
      json: { token: tenant.token },
    });

    expect(first.status).toBe(200);
    const body = (await first.json()) as { renewed: boolean; expiresAt: string; status: string };
    expect(body).toMatchObject({ renewed: true, status: 'published' });
    expect(body.expiresAt > published.expiresAt!).toBe(true);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ...body, listingId: published.id, renewed: false });
    expect(session.status).toBe(400);
    expect(
      ((await session.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path,
    ).toBe('token');
  });
});
