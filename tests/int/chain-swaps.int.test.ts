/**
 * A chain of mutation becomes a swap, through the real API, stream, matcher and mail on DynamoDB
 * Local: a lessor posts a vacancy, tenants publish and all say yes, one requests, the others
 * confirm, every dwelling entered is reviewed (the vacancy by its own lessor), the swap completes:
 * the vacancy is let, the listings exchanged, the released dwelling's lessor told the date, and
 * the statistics count the moves through the chain and the dwelling released.
 */
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SwapView } from '../../shared/schemas/swap';
import { chainMover, matchStatus, postVacancy, waitForChain } from '../support/chain-swaps';
import { vacancyStatus } from '../support/chain-swaps';
import type { SignedIn } from '../support/sign-in';
import { api } from '../support/stack';
import {
  listingStatus,
  makeMutual,
  pollUntil,
  staffAccount,
  subjectsOnceReceived,
  swapOf,
  post,
  swapBody,
} from '../support/swaps';

let armos: SignedIn;
let sidr: SignedIn & { email: string };
let shlmr: SignedIn & { email: string };
let semader: SignedIn & { email: string };
let cinor: SignedIn;

beforeAll(async () => {
  [armos, sidr, shlmr, semader, cinor] = await Promise.all([
    staffAccount('armos'),
    staffAccount('lessor', 'SIDR'),
    staffAccount('lessor', 'SHLMR'),
    staffAccount('lessor', 'SEMADER'),
    staffAccount('cinor'),
  ]);
});

/** The quartier rows of a period's statistics, by quartier. */
async function quartierRows(who: SignedIn, period: string) {
  const response = await api(`/stats/quartiers?${period}`, { token: who.token });
  expect(response.status).toBe(200);
  const { rows } = (await response.json()) as { rows: Array<Record<string, unknown>> };
  return new Map(rows.map((row) => [String(row.quartierId), row]));
}

async function pdfText(token: string, swapId: string): Promise<string> {
  const file = await api(`/swaps/${swapId}/file.pdf`, { token });
  expect(file.status).toBe(200);
  const { text } = await extractText(new Uint8Array(await file.arrayBuffer()), {
    mergePages: true,
  });
  return text.replace(/\s+/g, ' ');
}

/** SIDR's vacant T4; a crowded family of SHLMR in a T3 wants it; a couple of SEMADER in a T2 wants the T3. */
async function chainOfTwo(names: { vacancy: string; family: string; couple: string }) {
  const vacancyId = await postVacancy(sidr, 'SIDR', {
    quartier: names.vacancy,
    typology: 'T4',
    surface: 82,
  });
  const family = await chainMover(
    armos,
    { quartier: names.family, typology: 'T3', surface: 58, lessorId: 'SHLMR' },
    { quartier: names.vacancy, typology: 'T4' },
    { adults: 2, children: 3 },
  );
  const couple = await chainMover(
    armos,
    { quartier: names.couple, typology: 'T2', surface: 44, lessorId: 'SEMADER' },
    { quartier: names.family, typology: 'T3' },
    { adults: 2, children: 1 },
  );
  const chain = await waitForChain(couple, [family.listingId, couple.listingId]);
  const alone = await waitForChain(family, [family.listingId]);
  return { vacancyId, family, couple, chain, alone };
}

describe('chain swaps', () => {
  it('runs a chain from its vacancy to completion: confirmations, every review, the file, the vacancy let and the dwelling released', async () => {
    // Prepare
    const { vacancyId, family, couple, chain, alone } = await chainOfTwo({
      vacancy: 'bois-de-nefles',
      family: 'domenjod',
      couple: 'la-bretagne',
    });
    await makeMutual(chain, [family, couple]);

    // Act: the couple requests, the family confirms
    const requested = await post('/swaps', couple.token, { matchId: chain.id });
    const swap = await swapBody(requested);
    const engagedVacancy = await vacancyStatus(sidr, vacancyId);
    const withdrawEngaged = await post(`/lessor/vacancies/${vacancyId}/withdraw`, sidr.token);
    const underReview = await swapBody(await post(`/swaps/${swap.id}/confirm`, family.token));

    // Assess: the chain's moves, the vacancy engaged, the reviews (the vacancy's by SIDR)
    expect(requested.status).toBe(201);
    expect(swap).toMatchObject({
      kind: 'chain',
      status: 'awaiting_confirmations',
      chain: {
        vacancyId,
        vacancyLessorId: 'SIDR',
        vacancy: { typology: 'T4', quartierId: '97411-bois-de-nefles' },
        released: { listingId: couple.listingId, lessorId: 'SEMADER', typology: 'T2' },
      },
    });
    expect(swap.chain?.vacancy).not.toHaveProperty('dwellingRef');
    expect(swap.participants.map((p) => [p.listingId, p.movesInto])).toEqual([
      [family.listingId, vacancyId],
      [couple.listingId, family.listingId],
    ]);
    expect(engagedVacancy).toBe('engaged');
    expect(withdrawEngaged.status).toBe(409);
    expect(underReview.status).toBe('under_review');
    expect(underReview.reviews.map((r) => [r.listingId, r.lessorId, r.incomingListingId])).toEqual([
      [vacancyId, 'SIDR', family.listingId],
      [family.listingId, 'SHLMR', couple.listingId],
    ]);
    for (const tenant of [family, couple])
      expect(await listingStatus(tenant.token, tenant.listingId)).toBe('engaged');
    // The family's chain alone through the same vacancy waits while this one runs.
    expect(
      await pollUntil(
        () => matchStatus(family, alone.id),
        (status) => status === 'suspended',
      ),
    ).toBe('suspended');

    // Act: the vacancy's lessor finds the review in its queue and decides with the household's facts
    const sidrQueue = (await (await api('/swaps', { token: sidr.token })).json()) as {
      items: SwapView[];
    };
    const seenBySidr = await swapOf(sidr.token, swap.id);
    const sidrDecision = await post(`/swaps/${swap.id}/reviews`, sidr.token, {
      listingId: vacancyId,
      decision: 'approved',
    });
    const approved = await swapBody(
      await post(`/swaps/${swap.id}/reviews`, shlmr.token, {
        listingId: family.listingId,
        decision: 'approved',
      }),
    );
    const file = await pdfText(sidr.token, swap.id);

    // Assess
    expect(sidrQueue.items.map((s) => s.id)).toContain(swap.id);
    expect(seenBySidr.actions.review).toEqual([vacancyId]);
    expect(seenBySidr.reviews[0]!.info).toMatchObject({
      occupants: 5,
      rooms: 4,
      surface: 82,
    });
    expect(sidrDecision.status).toBe(200);
    expect(approved.status).toBe('approved');
    expect(file).toContain('Chaîne de mutation');
    expect(file).toContain('logement vacant SIDR T4');
    expect(file).toMatch(/Logement libéré : le logement SEMADER T2 .* revient à son bailleur/);

    // Act: SHLMR records the move; the released dwelling's lessor reads the swap
    const completed = await swapBody(
      await post(`/swaps/${swap.id}/complete`, shlmr.token, { effectiveDate: '2026-05-04' }),
    );
    const seenBySemader = await swapOf(semader.token, swap.id);

    // Assess: vacancy let, listings exchanged, released dwelling with its date, mails
    expect(completed.status).toBe('completed');
    expect(await vacancyStatus(sidr, vacancyId)).toBe('let');
    for (const tenant of [family, couple])
      expect(await listingStatus(tenant.token, tenant.listingId)).toBe('exchanged');
    expect(seenBySemader.chain?.released).toMatchObject({
      listingId: couple.listingId,
      lessorId: 'SEMADER',
      freeFrom: '2026-05-04',
    });
    expect(seenBySemader.actions.review).toEqual([]);
    expect(
      await subjectsOnceReceived(
        semader.email,
        /libéré par une chaîne de mutation le 04\/05\/2026/,
      ),
    ).toContainEqual(expect.stringMatching(/libéré par une chaîne de mutation le 04\/05\/2026/));
    expect(await subjectsOnceReceived(sidr.email, /Nouvel échange à examiner/)).toContainEqual(
      expect.stringMatching(/Nouvel échange à examiner/),
    );
    expect(await subjectsOnceReceived(family.email, 'Échange de logements réalisé')).toContain(
      'Échange de logements réalisé',
    );

    // Assess: the statistics of May count the moves through the chain and the dwelling released
    const may = 'from=2026-05&to=2026-05';
    const rows = await pollUntil(
      () => quartierRows(armos, may),
      (found) => found.get('97411-la-bretagne')?.dwellingsReleased === 1,
      20_000,
    );
    expect(rows.get('97411-bois-de-nefles')).toMatchObject({ chainMoves: 1, movesIn: 1 });
    expect(rows.get('97411-domenjod')).toMatchObject({ chainMoves: 1, movesIn: 1 });
    expect(rows.get('97411-la-bretagne')).toMatchObject({ dwellingsReleased: 1, movesOut: 1 });
    const masked = (await quartierRows(cinor, may)).get('97411-la-bretagne');
    expect(masked?.dwellingsReleased).not.toBe(1);
    const csv = await (
      await api(`/stats/quartiers?${may}&format=csv`, { token: armos.token })
    ).text();
    expect(csv).toContain('Arrivées par chaîne de mutation;Logements libérés par mutation');
  });

  it('gives the vacancy back when its lessor refuses, and the chains through it come back', async () => {
    // Prepare
    const { vacancyId, family, couple, chain, alone } = await chainOfTwo({
      vacancy: 'la-montagne',
      family: 'la-providence',
      couple: 'la-source',
    });
    await makeMutual(chain, [family, couple]);
    const swap = await swapBody(await post('/swaps', family.token, { matchId: chain.id }));
    await post(`/swaps/${swap.id}/confirm`, couple.token);
    await pollUntil(
      () => matchStatus(family, alone.id),
      (status) => status === 'suspended',
    );

    // Act
    const refused = await swapBody(
      await post(`/swaps/${swap.id}/reviews`, sidr.token, {
        listingId: vacancyId,
        decision: 'refused',
        reason: 'household_unsuited',
      }),
    );

    // Assess: the vacancy is offered again, the listings published, the other chain proposed again
    expect(refused.status).toBe('refused');
    expect(await vacancyStatus(sidr, vacancyId)).toBe('open');
    for (const tenant of [family, couple])
      expect(await listingStatus(tenant.token, tenant.listingId)).toBe('published');
    expect(
      await pollUntil(
        () => matchStatus(family, alone.id),
        (status) => status === 'proposed',
        20_000,
      ),
    ).toBe('proposed');
    expect(await matchStatus(family, chain.id)).toBe('closed');
  });

  it('lets only one of two chains requested at the same moment engage their vacancy', async () => {
    // Prepare: two households who each alone would move into the same vacancy
    const vacancyId = await postVacancy(sidr, 'SIDR', {
      quartier: 'le-butor',
      typology: 'T4',
      surface: 82,
    });
    const households = await Promise.all(
      ['le-moufia', 'les-camelias'].map((home) =>
        chainMover(
          armos,
          { quartier: home, typology: 'T3', surface: 58, lessorId: 'SHLMR' },
          { quartier: 'le-butor', typology: 'T4' },
          { adults: 2, children: 3 },
        ),
      ),
    );
    const chains = await Promise.all(households.map((h) => waitForChain(h, [h.listingId])));
    for (const [i, household] of households.entries()) await makeMutual(chains[i]!, [household]);

    // Act: both request at once
    const responses = await Promise.all(
      households.map((h, i) => post('/swaps', h.token, { matchId: chains[i]!.id })),
    );

    // Assess: one swap under review, one 409; the loser's listing stays on the market
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = households[responses.findIndex((r) => r.status === 409)]!;
    const conflict = (await responses.find((r) => r.status === 409)!.json()) as {
      error: { message: string };
    };
    expect(conflict.error.message).toMatch(/logement vacant|déjà engagé/);
    expect(await vacancyStatus(sidr, vacancyId)).toBe('engaged');
    expect(await listingStatus(loser.token, loser.listingId)).toBe('published');
    // The winner moves alone: nobody else confirms, the file goes straight to the lessors.
    const winner = households[responses.findIndex((r) => r.status === 201)]!;
    const told = await subjectsOnceReceived(winner.email, /dossier transmis aux bailleurs/);
    expect(told).toContainEqual(expect.stringMatching(/dossier transmis aux bailleurs/));
    expect(told).not.toContain('Votre demande d’échange est enregistrée');
  });
});
