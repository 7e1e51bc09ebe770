import { describe, expect, it } from 'vitest';
import { subjectsTo } from '../support/mailbox';
import { publishListing, suzanneDwelling, waitForMatch, type MatchBody } from '../support/market';
import { signIn } from '../support/sign-in';
import { api, uniqueEmail } from '../support/stack';

const wants = (typology: string, maxTotalRent = 900) => ({
  communes: ['97420'],
  quartiers: [],
  typologies: [typology],
  maxTotalRent,
  needs: {},
  features: [],
});

describe('matching through the stream', () => {
  it('proposes a 2-way swap to both tenants within seconds of publication, explained, with a digest mail', async () => {
    const a = await publishListing({
      dwelling: suzanneDwelling('T2', 48, 380),
      household: { adults: 2, children: 1 },
      wishes: wants('T5'),
    } as never);
    const b = await publishListing({
      dwelling: suzanneDwelling('T5', 96, 690),
      household: { adults: 1, children: 0 },
      motive: 'under_occupation',
      wishes: wants('T2', 500),
    } as never);

    const seenByA = await waitForMatch(a, [a.listingId, b.listingId]);
    const seenByB = await waitForMatch(b, [a.listingId, b.listingId]);

    expect(seenByA).toMatchObject({ kind: '2-way', status: 'proposed' });
    expect(seenByB.id).toBe(seenByA.id);
    expect(seenByA.explanation.summary).toMatch(/T5 à Bagatelle/);
    const mine = seenByA.participants.find((p) => p.isMe)!;
    expect(mine.receives).toMatchObject({ typology: 'T5', surface: 96 });
    expect(mine.receives).not.toHaveProperty('tenancyRef');
    expect(JSON.stringify(seenByA)).not.toContain(b.email);
    // Mails leave several at a time: the proposal's may come after the others.
    await expect.poll(() => subjectsTo(b.email)).toContain('Une nouvelle proposition d’échange');
    const summary = (await (await api('/matches/summary', { token: a.token })).json()) as {
      count2: number;
      wanters: number;
    };
    expect(summary.count2).toBeGreaterThanOrEqual(1);
    expect(summary.wanters).toBeGreaterThanOrEqual(1);
  });

  it('finds a 3-way chain where no 2-way swap exists', async () => {
    const a = await publishListing({
      dwelling: suzanneDwelling('T1', 30, 250),
      household: { adults: 1, children: 0 },
      wishes: { ...wants('T3'), quartiers: ['97420-deux-rives'] },
    } as never);
    const b = await publishListing({
      dwelling: { ...suzanneDwelling('T3', 70, 520), quartierId: '97420-deux-rives' },
      household: { adults: 2, children: 0 },
      wishes: { ...wants('T6'), quartiers: ['97420-la-renaissance'] },
    } as never);
    const c = await publishListing({
      dwelling: { ...suzanneDwelling('T6', 120, 800), quartierId: '97420-la-renaissance' },
      household: { adults: 1, children: 0 },
      wishes: { ...wants('T1'), quartiers: ['97420-bagatelle'] },
    } as never);

    const match = await waitForMatch(c, [a.listingId, b.listingId, c.listingId]);

    expect(match.kind).toBe('3-way');
    const receivers = Object.fromEntries(
      match.participants.map((p) => [p.listingId, p.receives.typology]),
    );
    expect(receivers).toEqual({ [a.listingId]: 'T3', [b.listingId]: 'T6', [c.listingId]: 'T1' });
  });

  it('opens messaging once everyone said yes, contacts only once every listing is verified; a stranger sees nothing', async () => {
    const a = await publishListing({
      dwelling: suzanneDwelling('T2', 45, 360),
      household: { adults: 1, children: 1 },
      wishes: { ...wants('T4'), quartiers: ['97420-centre-ville'] },
    } as never);
    const b = await publishListing({
      dwelling: { ...suzanneDwelling('T4', 82, 610), quartierId: '97420-centre-ville' },
      household: { adults: 1, children: 0 },
      wishes: { ...wants('T2'), quartiers: ['97420-bagatelle'] },
    } as never);
    await api('/me', {
      method: 'PATCH',
      token: b.token,
      json: { displayName: 'Josiane', phone: '0692 11 22 33' },
    });
    const match = await waitForMatch(a, [a.listingId, b.listingId]);
    const stranger = await signIn(uniqueEmail());

    const beforeMutual = await api(`/matches/${match.id}/messages`, { token: a.token });
    await api(`/matches/${match.id}/interest`, {
      method: 'POST',
      token: a.token,
      json: { interested: true },
    });
    const mutual = (await (
      await api(`/matches/${match.id}/interest`, {
        method: 'POST',
        token: b.token,
        json: { interested: true },
      })
    ).json()) as MatchBody;
    const unverified = (await (
      await api(`/matches/${match.id}`, { token: a.token })
    ).json()) as MatchBody & { contactsOpen: boolean };
    const armos = await signIn('armos@bourse.local');
    await api(`/listings/${a.listingId}/verification`, {
      method: 'POST',
      token: armos.token,
      json: { verified: true },
    });
    const halfVerified = (await (
      await api(`/matches/${match.id}`, { token: a.token })
    ).json()) as MatchBody & { contactsOpen: boolean };
    await api(`/listings/${b.listingId}/verification`, {
      method: 'POST',
      token: armos.token,
      json: { verified: true },
    });
    const seenByA = (await (
      await api(`/matches/${match.id}`, { token: a.token })
    ).json()) as MatchBody & { contactsOpen: boolean };
    const sent = await api(`/matches/${match.id}/messages`, {
      method: 'POST',
      token: a.token,
      json: { text: 'Bonjour, quand puis-je visiter ?' },
    });
    const thread = (await (
      await api(`/matches/${match.id}/messages`, { token: b.token })
    ).json()) as Array<{ text: string; fromMe: boolean; author: string }>;

    const visit = (await (
      await api(`/matches/${match.id}/visit`, {
        method: 'POST',
        token: a.token,
        json: { suitable: true },
      })
    ).json()) as MatchBody;
    const seenByB = (await (
      await api(`/matches/${match.id}`, { token: b.token })
    ).json()) as typeof visit;
    expect(visit.participants.find((p) => p.isMe)?.visit).toMatchObject({ suitable: true });
    expect(seenByB.participants.find((p) => !p.isMe)?.visit).toMatchObject({ suitable: true });
    expect(beforeMutual.status).toBe(409);
    expect(mutual.status).toBe('mutual');
    expect(unverified.contactsOpen).toBe(false);
    expect(unverified.participants.some((p) => p.contact)).toBe(false);
    expect(JSON.stringify(unverified)).not.toContain('0692 11 22 33');
    expect(halfVerified.contactsOpen).toBe(false);
    expect(halfVerified.participants.some((p) => p.contact)).toBe(false);
    expect(seenByA.contactsOpen).toBe(true);
    expect(seenByA.participants.find((p) => !p.isMe)?.contact).toMatchObject({
      displayName: 'Josiane',
      phone: '0692 11 22 33',
      email: b.email,
    });
    expect(sent.status).toBe(201);
    expect(thread).toEqual([
      expect.objectContaining({
        text: 'Bonjour, quand puis-je visiter ?',
        fromMe: false,
        author: 'Participant 1',
      }),
    ]);
    expect((await api(`/matches/${match.id}`, { token: stranger.token })).status).toBe(404);
    expect(
      (
        await api(`/matches/${match.id}/interest`, {
          method: 'POST',
          token: stranger.token,
          json: { interested: false },
        })
      ).status,
    ).toBe(404);
    expect((await api(`/listings/${b.listingId}`, { token: a.token })).status).toBe(200);
    expect(
      await (await api(`/listings/${b.listingId}`, { token: a.token })).json(),
    ).not.toHaveProperty('dwelling.tenancyRef');
    await expect
      .poll(() => subjectsTo(b.email))
      .toContain('Tout le monde a dit oui : organisez les visites');
  });

  it('suspends proposals when a participant withdraws and brings them back when it is published again', async () => {
    const a = await publishListing({
      dwelling: suzanneDwelling('T3', 62, 470),
      household: { adults: 2, children: 2 },
      wishes: { ...wants('T5'), quartiers: ['97420-la-renaissance'] },
    } as never);
    const b = await publishListing({
      dwelling: { ...suzanneDwelling('T5', 101, 700), quartierId: '97420-la-renaissance' },
      household: { adults: 2, children: 0 },
      wishes: { ...wants('T3'), quartiers: ['97420-bagatelle'] },
    } as never);
    const match = await waitForMatch(a, [a.listingId, b.listingId]);
    await api(`/matches/${match.id}/interest`, {
      method: 'POST',
      token: a.token,
      json: { interested: true },
    });

    await api(`/listings/${b.listingId}/withdraw`, { method: 'POST', token: b.token });
    const suspended = await pollStatus(a.token, match.id, 'suspended');
    const refused = await api(`/matches/${match.id}/interest`, {
      method: 'POST',
      token: a.token,
      json: { interested: false },
    });
    await api(`/listings/${b.listingId}/publish`, { method: 'POST', token: b.token });
    const resumed = await pollStatus(a.token, match.id, 'proposed');

    expect(suspended.status).toBe('suspended');
    expect(refused.status).toBe(409);
    expect(resumed.participants.find((p) => p.isMe)?.interest).toBe('yes');
  });

  it('closes a proposal that an edit makes impossible', async () => {
    const a = await publishListing({
      dwelling: suzanneDwelling('T2', 47, 390),
      household: { adults: 1, children: 0 },
      wishes: { ...wants('T4'), quartiers: ['97420-deux-rives'] },
    } as never);
    const b = await publishListing({
      dwelling: { ...suzanneDwelling('T4', 85, 640), quartierId: '97420-deux-rives' },
      household: { adults: 1, children: 0 },
      wishes: { ...wants('T2', 480), quartiers: ['97420-bagatelle'] },
    } as never);
    const match = await waitForMatch(a, [a.listingId, b.listingId]);

    const listing = (await (await api(`/listings/${a.listingId}`, { token: a.token })).json()) as {
      wishes: Record<string, unknown>;
    };
    await api(`/listings/${a.listingId}`, {
      method: 'PATCH',
      token: a.token,
      json: { wishes: { ...listing.wishes, typologies: ['T6'] } },
    });

    const response = await pollUntil(
      async () =>
        (await api(`/matches/${match.id}`, { token: b.token })).json() as Promise<MatchBody>,
      (m) => m.status === 'closed',
    );
    expect(response.status).toBe('closed');
  });
});

async function pollUntil<T>(
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

const pollStatus = (token: string, matchId: string, status: string) =>
  pollUntil(
    async () => (await api(`/matches/${matchId}`, { token })).json() as Promise<MatchBody>,
    (m) => m.status === status,
  );
