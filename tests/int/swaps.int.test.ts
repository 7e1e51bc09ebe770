import { PDFDocument } from 'pdf-lib';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import type { SwapView } from '../../shared/schemas/swap';
import { signIn, type SignedIn } from '../support/sign-in';
import { api, uniqueEmail } from '../support/stack';
import {
  listingStatus,
  makeMutual,
  matchesOf,
  staffAccount,
  subjectsOnceReceived,
  swapOf,
  verifiedListing,
  waitForMatches,
  post,
  swapBody,
  swapStaff,
} from '../support/swaps';

/** The pre-check a lessor reads: against this year's seeded LLS ceiling, or "not configured" in a year the seed lacks. */
function expectedLlsCheck(category: number, income: number) {
  const year = new Date().getUTCFullYear();
  const table = seedReferenceData.incomeCeilings?.find((seeded) => seeded.year === year);
  if (!table?.financings.LLS) return { status: 'not_configured' };
  const ceiling = table.financings.LLS.categories[category - 1]!;
  return {
    status: income > ceiling ? 'above' : 'below',
    financing: 'LLS',
    category,
    ceiling,
    income,
    year,
  };
}

let armos: SignedIn;
let shlmr: SignedIn & { email: string };
let sidr: SignedIn & { email: string };

beforeAll(async () => {
  ({ armos, shlmr, sidr } = await swapStaff());
});

describe('swaps: from request to completion', () => {
  it('runs a 3-way swap across SHLMR and SIDR: confirmations, reviews, CALEOL file, completion; others see nothing', async () => {
    // Prepare: A (SHLMR) → B's T3 (SIDR) → C's T5 (SHLMR) → A's T1.
    const a = await verifiedListing(
      armos,
      { quartier: 'centre-ville', typology: 'T1', lessorId: 'SHLMR', surface: 32, rent: 280 },
      { quartiers: ['beausejour'], typologies: ['T3'] },
      { adults: 2, children: 1, income: 18_400 },
    );
    const b = await verifiedListing(
      armos,
      { quartier: 'beausejour', typology: 'T3', lessorId: 'SIDR', surface: 66, rent: 470 },
      { quartiers: ['riviere-des-pluies'], typologies: ['T5'] },
    );
    const c = await verifiedListing(
      armos,
      { quartier: 'riviere-des-pluies', typology: 'T5', lessorId: 'SHLMR', surface: 98, rent: 690 },
      { quartiers: ['centre-ville'], typologies: ['T1'] },
    );
    const tenants = [a, b, c];
    const [match] = await waitForMatches(b, [a.listingId, b.listingId, c.listingId], 1);
    await makeMutual(match!, tenants);
    const stranger = await signIn(uniqueEmail());
    const semader = await staffAccount('lessor', 'SEMADER');

    // Act: B requests; A and C confirm.
    const requested = await post('/swaps', b.token, { matchId: match!.id });
    const swap = await swapBody(requested);
    const again = await post('/swaps', a.token, { matchId: match!.id });
    const confirmedByA = await swapBody(await post(`/swaps/${swap.id}/confirm`, a.token));
    const twice = await post(`/swaps/${swap.id}/confirm`, a.token);
    const underReview = await swapBody(await post(`/swaps/${swap.id}/confirm`, c.token));

    // Assess the request and confirmations.
    expect(requested.status).toBe(201);
    expect(swap).toMatchObject({
      status: 'awaiting_confirmations',
      kind: '3-way',
      requestedBy: b.listingId,
      matchId: match!.id,
    });
    expect(swap.participants.find((p) => p.isMe)).toMatchObject({
      listingId: b.listingId,
      confirmed: true,
      movesInto: c.listingId,
    });
    expect(again.status).toBe(409);
    expect(confirmedByA.actions).toMatchObject({
      confirm: false,
      cancel: true,
      complete: false,
      file: false,
    });
    expect(twice.status).toBe(409);
    expect(underReview.status).toBe('under_review');
    expect(
      underReview.reviews.map((r) => [r.listingId, r.lessorId, r.incomingListingId, r.decision]),
    ).toEqual([
      [b.listingId, 'SIDR', a.listingId, 'pending'],
      [c.listingId, 'SHLMR', b.listingId, 'pending'],
      [a.listingId, 'SHLMR', c.listingId, 'pending'],
    ]);
    expect(underReview.reviews[0]).not.toHaveProperty('info');
    for (const t of tenants) expect(await listingStatus(t.token, t.listingId)).toBe('engaged');
    expect((await matchesOf(a)).find((m) => m.id === match!.id)?.status).toBe('engaged');
    expect(
      (await subjectsOnceReceived(a.email, /a demandé l’échange : confirmez/)).join('|'),
    ).toMatch(/a demandé l’échange : confirmez/);
    expect((await subjectsOnceReceived(sidr.email, /Nouvel échange à examiner/)).join('|')).toMatch(
      /Nouvel échange à examiner/,
    );

    // Permissions: strangers and unconcerned lessors get 404; a lessor concerned cannot decide for another's dwelling.
    expect((await api(`/swaps/${swap.id}`, { token: stranger.token })).status).toBe(404);
    expect((await api(`/swaps/${swap.id}`, { token: semader.token })).status).toBe(404);
    expect((await post(`/swaps/${swap.id}/confirm`, stranger.token)).status).toBe(404);
    expect(
      (
        await post(`/swaps/${swap.id}/reviews`, semader.token, {
          listingId: b.listingId,
          decision: 'approved',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await post(`/swaps/${swap.id}/reviews`, shlmr.token, {
          listingId: b.listingId,
          decision: 'approved',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(`/swaps/${swap.id}/reviews`, a.token, {
          listingId: b.listingId,
          decision: 'approved',
        })
      ).status,
    ).toBe(403);
    expect((await api(`/swaps/${swap.id}/file.pdf`, { token: a.token })).status).toBe(403);
    expect(
      (
        await post(`/swaps/${swap.id}/reviews`, sidr.token, {
          listingId: b.listingId,
          decision: 'refused',
          reason: 'other',
        })
      ).status,
    ).toBe(400);

    // The lessors' view: review information and queue.
    const seenBySidr = await swapOf(sidr.token, swap.id);
    expect(seenBySidr.reviews[0]!.info).toEqual({
      adults: 2,
      children: 1,
      occupants: 3,
      rooms: 3,
      surface: 66,
      minSurface: 25,
      overOccupied: false,
      underOccupied: false,
      declaredIncome: 18_400,
      ceilingCheck: expectedLlsCheck(3, 18_400),
    });
    expect(seenBySidr.reviews[1]!.info).toMatchObject({
      occupants: 1,
      rooms: 5,
      underOccupied: true,
    });
    expect(seenBySidr.actions).toMatchObject({ review: [b.listingId], file: true });
    const shlmrQueue = (await (
      await api('/swaps?status=under_review', { token: shlmr.token })
    ).json()) as { items: SwapView[] };
    expect(shlmrQueue.items.filter((s) => s.id === swap.id)).toHaveLength(1);
    const sidrQueue = (await (await api('/swaps', { token: sidr.token })).json()) as {
      items: SwapView[];
    };
    expect(sidrQueue.items.map((s) => s.id)).toContain(swap.id);
    expect((await api('/swaps', { token: a.token })).status).toBe(403);

    // The CALEOL file.
    const file = await api(`/swaps/${swap.id}/file.pdf`, { token: sidr.token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(1);
    const text = await pdfText(bytes);
    expect(text).toContain('Dossier d’échange de logements sociaux'.replace('’', "'"));
    expect(text).toMatch(
      /Foyer 1 : quitte le logement SHLMR T1 \(Centre-ville, Sainte-Marie\) pour le logement SIDR T3/,
    );
    expect(text).toMatch(/18\s?400 € par an/);
    expect(text).toContain('Logement trop petit (sur-occupation)');
    expect(text.replace(/\s+/g, ' ')).toContain(
      expectedLlsCheck(3, 18_400).status === 'not_configured'
        ? 'non vérifié'
        : 'sous le plafond LLS',
    );
    expect(text).toContain('BAIL-2021-0042');

    // Act: decisions, with a documents request on the way.
    const docs = await post(`/swaps/${swap.id}/reviews`, sidr.token, {
      listingId: b.listingId,
      decision: 'documents_requested',
      comment: 'Merci de fournir l’avis d’imposition 2024.',
    });
    await post(`/swaps/${swap.id}/reviews`, sidr.token, {
      listingId: b.listingId,
      decision: 'approved',
      caleolDate: '2025-04-10',
    });
    await post(`/swaps/${swap.id}/reviews`, shlmr.token, {
      listingId: c.listingId,
      decision: 'approved',
    });
    const early = await post(`/swaps/${swap.id}/complete`, shlmr.token, {
      effectiveDate: '2025-05-01',
    });
    const approved = await swapBody(
      await post(`/swaps/${swap.id}/reviews`, armos.token, {
        listingId: a.listingId,
        decision: 'approved',
      }),
    );
    const cancelByTenant = await post(`/swaps/${swap.id}/cancel`, a.token, {
      reason: 'Finalement non',
    });
    const completed = await swapBody(
      await post(`/swaps/${swap.id}/complete`, sidr.token, { effectiveDate: '2025-05-01' }),
    );

    // Assess.
    expect(docs.status).toBe(200);
    expect(
      await subjectsOnceReceived(a.email, 'Votre futur bailleur demande des pièces pour l’échange'),
    ).toContain('Votre futur bailleur demande des pièces pour l’échange');
    expect(early.status).toBe(409);
    expect(approved.status).toBe('approved');
    expect(cancelByTenant.status).toBe(409);
    expect(completed).toMatchObject({ status: 'completed', effectiveDate: '2025-05-01' });
    expect(completed.reviews[0]).toMatchObject({ decision: 'approved', caleolDate: '2025-04-10' });
    for (const t of tenants) expect(await listingStatus(t.token, t.listingId)).toBe('exchanged');
    expect(await subjectsOnceReceived(c.email, 'Échange de logements réalisé')).toContain(
      'Échange de logements réalisé',
    );
    expect(
      (await post(`/swaps/${swap.id}/cancel`, armos.token, { reason: 'Trop tard' })).status,
    ).toBe(409);
  });
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(bytes, { mergePages: true });
  return text.replace(/[ ]+/g, ' ');
}
