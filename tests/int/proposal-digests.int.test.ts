/**
 * Every proposal found is announced: the first ones of a day go at once, those found later that
 * day wait in the tenant's queue and go in the next day's single mail; a weekly tenant gets at
 * most one a week; "never" gets none.
 */
import { describe, expect, it } from 'vitest';
import {
  getDigestQueue,
  ownersWithPendingProposals,
} from '../../functions/lib/db/proposal-digests';
import { sendDigestIfDue } from '../../functions/lib/matching/digest';
import { runProposalDigests } from '../../functions/scheduler/proposal-digests';
import { mailsTo } from '../support/mailbox';
import { publishListing, waitForMatch, type PublishedTenant } from '../support/market';
import { api, stack, stackDatabase } from '../support/stack';

const DAY = 86_400_000;
const wants = (typology: string, quartier: string) => ({
  communes: ['97420'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 1100,
  needs: {},
  features: [],
});
const digests = async (email: string) =>
  (await mailsTo(email)).filter((mail) => mail.subject.includes('proposition'));

/** A T1 at Les Jacques–Bel Air wanting a T6 at Quartier Français (no other test file uses them). */
const smallFlat = () =>
  publishListing({
    dwelling: {
      communeCode: '97420',
      quartierId: '97420-les-jacques-bel-air',
      typology: 'T1',
      surface: 31,
      rent: 290,
      charges: 30,
      lessorId: 'SIDR',
    },
    household: { adults: 2, children: 4 },
    motive: 'over_occupation',
    wishes: wants('T6', '97420-quartier-francais'),
  } as never);
const largeFlat = (surface: number) =>
  publishListing({
    dwelling: {
      communeCode: '97420',
      quartierId: '97420-quartier-francais',
      typology: 'T6',
      surface,
      rent: 820,
      charges: 80,
      lessorId: 'SIDR',
    },
    household: { adults: 1, children: 0 },
    motive: 'under_occupation',
    wishes: wants('T1', '97420-les-jacques-bel-air'),
  } as never);

async function waitUntilQueued(tenant: PublishedTenant, matchId: string) {
  await expect
    .poll(async () => (await getDigestQueue(stackDatabase(), tenant.user.id))?.matchIds ?? [], {
      timeout: 15_000,
    })
    .toContain(matchId);
}

describe('proposal digests', () => {
  it('announces the first proposals at once and the later ones of the day in the next day’s single mail', async () => {
    // Prepare: A's first proposal (with B) is announced at once
    const a = await smallFlat();
    const b = await largeFlat(120);
    const first = await waitForMatch(a, [a.listingId, b.listingId]);
    await expect.poll(async () => (await digests(a.email)).length, { timeout: 15_000 }).toBe(1);
    expect((await digests(a.email))[0]?.body.text).toContain(`/propositions/${first.id}`);

    // Act: C arrives later the same day; A is not mailed again today
    const c = await largeFlat(125);
    const second = await waitForMatch(a, [a.listingId, c.listingId]);
    await waitUntilQueued(a, second.id);
    const deps = { db: stackDatabase(), appUrl: stack().appUrl, now: () => new Date() };
    const sameDay = await sendDigestIfDue(deps, a.user.id);
    const nextDay = await sendDigestIfDue(
      { ...deps, now: () => new Date(Date.now() + DAY) },
      a.user.id,
    );
    const again = await sendDigestIfDue(
      { ...deps, now: () => new Date(Date.now() + DAY) },
      a.user.id,
    );

    // Assess
    expect([sameDay, nextDay, again]).toEqual([false, true, false]);
    await expect.poll(async () => (await digests(a.email)).length, { timeout: 15_000 }).toBe(2);
    const mails = await digests(a.email);
    expect(mails[1]?.subject).toBe('Une nouvelle proposition d’échange');
    expect(mails[1]?.body.text).toContain(`/propositions/${second.id}`);
    expect(mails[1]?.body.text).not.toContain(`/propositions/${first.id}`);
    expect(mails[1]?.body.text).toContain(
      'T6 de 125 m², Sainte-Suzanne — Quartier-Français, loyer après échange 900 € par mois charges comprises',
    );
    expect(await getDigestQueue(stackDatabase(), a.user.id)).toBeUndefined();
  });

  it('weekly: later proposals wait a week; never: they are dropped from the queue, not mailed', async () => {
    // Prepare
    const weekly = await smallFlat();
    const never = await largeFlat(118);
    await api('/me', {
      method: 'PATCH',
      token: weekly.token,
      json: { notifications: { proposals: 'weekly' } },
    });
    await api('/me', {
      method: 'PATCH',
      token: never.token,
      json: { notifications: { proposals: 'never' } },
    });
    const first = await waitForMatch(weekly, [weekly.listingId, never.listingId]);
    await expect
      .poll(async () => (await digests(weekly.email)).length, { timeout: 15_000 })
      .toBe(1);
    const other = await largeFlat(119);
    const second = await waitForMatch(weekly, [weekly.listingId, other.listingId]);
    await waitUntilQueued(weekly, second.id);
    const deps = { db: stackDatabase(), appUrl: stack().appUrl };

    // Act
    const inThreeDays = await sendDigestIfDue(
      { ...deps, now: () => new Date(Date.now() + 3 * DAY) },
      weekly.user.id,
    );
    const inAWeek = await sendDigestIfDue(
      { ...deps, now: () => new Date(Date.now() + 7 * DAY) },
      weekly.user.id,
    );
    const today = await runProposalDigests(deps, new Date());

    // Assess
    expect([inThreeDays, inAWeek]).toEqual([false, true]);
    expect(first.id).not.toBe(second.id);
    await expect
      .poll(async () => (await digests(weekly.email)).length, { timeout: 15_000 })
      .toBe(2);
    expect((await digests(weekly.email))[1]?.body.text).toContain(
      'au plus un message de ce type par semaine',
    );
    expect(today.sent).toBeGreaterThanOrEqual(0);
    expect(await digests(never.email)).toHaveLength(0);
    expect(await ownersWithPendingProposals(stackDatabase())).not.toContain(never.user.id);
  });
});
