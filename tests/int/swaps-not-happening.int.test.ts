/**
 * Swaps that do not happen: a lessor's refusal, a participant's cancellation, a request the rules
 * refuse. The whole way to completion is in swaps.int.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { publishListing } from '../support/market';
import { signIn, type SignedIn } from '../support/sign-in';
import { uniqueEmail } from '../support/stack';
import {
  listingStatus,
  makeMutual,
  matchesOf,
  pollUntil,
  refilledSince,
  subjectsOnceReceived,
  swapOf,
  verifiedListing,
  waitForMatches,
  post,
  swapBody,
  swapStaff,
} from '../support/swaps';

let armos: SignedIn;
let shlmr: SignedIn & { email: string };
let sidr: SignedIn & { email: string };

beforeAll(async () => {
  ({ armos, shlmr, sidr } = await swapStaff());
});

describe('swaps that do not happen', () => {
  it('a refusal puts every listing back on the market and their other proposals come back', async () => {
    // Prepare: A wants B's or C's T3; B and C both want A's T2.
    const a = await verifiedListing(
      armos,
      { quartier: 'gillot', typology: 'T2', lessorId: 'SIDR', surface: 48, rent: 390 },
      { quartiers: ['la-mare', 'la-ressource'], typologies: ['T3'] },
    );
    const b = await verifiedListing(
      armos,
      { quartier: 'la-mare', typology: 'T3', lessorId: 'SHLMR', surface: 64, rent: 480 },
      { quartiers: ['gillot'], typologies: ['T2'] },
    );
    const c = await verifiedListing(
      armos,
      { quartier: 'la-ressource', typology: 'T3', lessorId: 'SIDR', surface: 61, rent: 470 },
      { quartiers: ['gillot'], typologies: ['T2'] },
    );
    const proposals = await waitForMatches(a, [a.listingId, b.listingId, c.listingId], 2);
    const withB = proposals.find((m) => m.participants.some((p) => p.listingId === b.listingId))!;
    const withC = proposals.find((m) => m.participants.some((p) => p.listingId === c.listingId))!;
    await makeMutual(withB, [a, b]);
    const swap = await swapBody(await post('/swaps', a.token, { matchId: withB.id }));
    await post(`/swaps/${swap.id}/confirm`, b.token);
    const paused = await pollUntil(
      async () => (await matchesOf(c)).find((m) => m.id === withC.id),
      (m) => m?.status === 'suspended',
    );

    // Act: SHLMR refuses A entering B's dwelling.
    const refusedAt = new Date().toISOString();
    const refused = await swapBody(
      await post(`/swaps/${swap.id}/reviews`, shlmr.token, {
        listingId: b.listingId,
        decision: 'refused',
        reason: 'rent_arrears',
      }),
    );

    // Assess.
    expect(paused?.status).toBe('suspended');
    expect(refused.status).toBe('refused');
    expect(await listingStatus(a.token, a.listingId)).toBe('published');
    expect(await listingStatus(b.token, b.listingId)).toBe('published');
    const back = await pollUntil(
      async () => (await matchesOf(c)).find((m) => m.id === withC.id),
      (m) => m?.status === 'proposed',
    );
    expect(back?.status).toBe('proposed');
    // Back on the market, A's proposals are refilled: the refused move is not offered again.
    expect(await refilledSince(a, refusedAt)).toBe(true);
    expect((await matchesOf(a)).find((m) => m.id === withB.id)).toBeUndefined();
    const seenByA = await swapOf(a.token, swap.id);
    const seenByB = await swapOf(b.token, swap.id);
    expect(seenByA.reviews.find((r) => r.listingId === b.listingId)?.reason).toBe('rent_arrears');
    expect(seenByB.reviews.find((r) => r.listingId === b.listingId)).not.toHaveProperty('reason');
    expect(await subjectsOnceReceived(b.email, 'Échange refusé')).toContain('Échange refusé');
  });

  it('a participant cancels: listings published again, the proposal closed', async () => {
    const a = await verifiedListing(
      armos,
      { quartier: 'terrain-elisa', typology: 'T2', lessorId: 'SIDR', surface: 46, rent: 380 },
      { quartiers: ['grande-montee'], typologies: ['T4'] },
    );
    const b = await verifiedListing(
      armos,
      { quartier: 'grande-montee', typology: 'T4', lessorId: 'SIDR', surface: 84, rent: 600 },
      { quartiers: ['terrain-elisa'], typologies: ['T2'] },
    );
    const [match] = await waitForMatches(a, [a.listingId, b.listingId], 1);
    await makeMutual(match!, [a, b]);
    const swap = await swapBody(await post('/swaps', a.token, { matchId: match!.id }));

    const missingReason = await post(`/swaps/${swap.id}/cancel`, b.token, {});
    const byLessor = await post(`/swaps/${swap.id}/cancel`, sidr.token, { reason: 'Non' });
    const cancelled = await swapBody(
      await post(`/swaps/${swap.id}/cancel`, b.token, { reason: 'Nous avons trouvé autre chose' }),
    );

    expect(missingReason.status).toBe(400);
    expect(byLessor.status).toBe(403);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Nous avons trouvé autre chose',
    });
    expect(await listingStatus(a.token, a.listingId)).toBe('published');
    expect(await listingStatus(b.token, b.listingId)).toBe('published');
    expect((await post(`/swaps/${swap.id}/confirm`, a.token)).status).toBe(409);
    expect((await post('/swaps', a.token, { matchId: match!.id })).status).toBe(409);
    expect(await subjectsOnceReceived(a.email, 'Échange annulé')).toContain('Échange annulé');
  });

  it('needs a mutual match and every dwelling verified by its lessor', async () => {
    const a = await verifiedListing(
      armos,
      { quartier: 'gillot', typology: 'T5', lessorId: 'SIDR', surface: 95, rent: 650 },
      { quartiers: ['la-mare'], typologies: ['T5'] },
    );
    const b = await publishListing({
      dwelling: {
        communeCode: '97418',
        quartierId: '97418-la-mare',
        typology: 'T5',
        surface: 97,
        rent: 640,
        charges: 40,
        lessorId: 'SIDR',
      },
      household: { adults: 1, children: 0 },
      wishes: {
        communes: ['97418'],
        quartiers: ['97418-gillot'],
        typologies: ['T5'],
        maxTotalRent: 1500,
        needs: {},
        features: [],
      },
    } as never);
    const [match] = await waitForMatches(a, [a.listingId, b.listingId], 1);

    const notMutual = await post('/swaps', a.token, { matchId: match!.id });
    await makeMutual(match!, [a, b]);
    const notVerified = await post('/swaps', a.token, { matchId: match!.id });

    expect(notMutual.status).toBe(409);
    expect(notVerified.status).toBe(409);
    expect(((await notVerified.json()) as { error: { message: string } }).error.message).toMatch(
      /vérifié par son bailleur/,
    );
    expect(await listingStatus(a.token, a.listingId)).toBe('published');
  });

  it('answers 403 to staff asking for a swap, 404 for an unknown match, 400 naming the field of a malformed id', async () => {
    const response = await post('/swaps', armos.token, { matchId: 'x' });
    const stranger = await signIn(uniqueEmail());
    const unknown = await post('/swaps', stranger.token, { matchId: 'inconnu' });
    const malformed = await post('/swaps', stranger.token, { matchId: 'a/b' });

    expect(response.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(
      /matchId/,
    );
  });
});
