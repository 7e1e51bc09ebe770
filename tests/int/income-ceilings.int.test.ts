/**
 * Income ceilings: Armos keeps them per year, financing and household category; the seed holds
 * the official figures for La Réunion and survives nothing Armos did; the pre-check reaches the
 * tenant before requesting a swap and the lessor in the review and the exchange file.
 */
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import { loadReferenceData } from '../../functions/lib/db/reference-loader';
import { incomeCeilingYearPut, readIncomeCeilings } from '../../functions/lib/db/reference';
import { transactWrite } from '../../functions/lib/db/transact';
import type { Database } from '../../functions/lib/db/client';
import { signIn } from '../support/sign-in';
import { api, createOwnTable, dropOwnTable } from '../support/stack';
import { makeMutual, verifiedListing, waitForMatches } from '../support/swaps';

const YEAR = new Date().getUTCFullYear();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies read loosely; the assertions check their shape
type Body = any;
const json = async (response: Response): Promise<Body> => response.json();

describe('income ceilings kept by Armos', () => {
  let own: Database | undefined;

  beforeAll(async () => {
    own = await createOwnTable('ceilings');
  });

  afterAll(async () => {
    await dropOwnTable(own);
  });

  it('serves the seeded official figures with their source, and saves a year with its author', async () => {
    const armos = await signIn('armos@bourse.local');

    const seeded = await json(await api('/admin/income-ceilings', { token: armos.token }));
    const saved = await api('/admin/income-ceilings', {
      method: 'PUT',
      token: armos.token,
      json: {
        year: 2097,
        source: 'Arrêté d’essai',
        financings: { PLS: { categories: [10, 20, 30, 40, 50, 60], extraPerson: 5 } },
      },
    });
    const decreasing = await api('/admin/income-ceilings', {
      method: 'PUT',
      token: armos.token,
      json: {
        year: 2097,
        source: 'Arrêté d’essai',
        financings: { PLS: { categories: [60, 50, 40, 30, 20, 10], extraPerson: 5 } },
      },
    });

    const year2026 = seeded.years.find((y: { year: number }) => y.year === 2026);
    expect(year2026.source).toContain('14 mars 2011');
    expect(year2026.financings.LLS.categories[0]).toBe(21_063);
    expect(year2026.financings).not.toHaveProperty('PLI');
    expect(saved.status).toBe(200);
    expect((await json(saved)).years.find((y: { year: number }) => y.year === 2097)).toMatchObject({
      updatedBy: armos.user.id,
      financings: { PLS: { extraPerson: 5 } },
    });
    expect(decreasing.status).toBe(400);
    expect((await json(decreasing)).error.issues[0].path).toBe('financings.PLS.categories');
  });

  it('keeps Armos’s edit of a seeded year when the reference data is loaded again', async () => {
    const db = own!;
    await loadReferenceData(db, seedReferenceData);
    const seeded = (await readIncomeCeilings(db)).find((y) => y.year === 2026)!;
    const edited = {
      ...seeded,
      source: `${seeded.source} Corrigé par Armos.`,
      financings: { ...seeded.financings, LLS: { categories: [1, 2, 3, 4, 5, 6], extraPerson: 1 } },
    };
    await transactWrite(db, [incomeCeilingYearPut(db, edited, 'armos-1', new Date())]);

    const report = await loadReferenceData(db, seedReferenceData);

    const after = (await readIncomeCeilings(db)).find((y) => y.year === 2026)!;
    expect(after.financings.LLS?.categories).toEqual([1, 2, 3, 4, 5, 6]);
    expect(after.source).toContain('Corrigé par Armos');
    expect(report.keptEdited).toBeGreaterThanOrEqual(1);
  });
});

describe('the income-ceiling pre-check', () => {
  it('informs the tenant before the request, and the lessor in the review and the exchange file', async () => {
    // Prepare: A (two adults, 90 000 €) and B (one adult, 12 000 €) in Sainte-Marie, LLS dwellings.
    const armos = await signIn('armos@bourse.local');
    const a = await verifiedListing(
      armos,
      { quartier: 'grande-montee', typology: 'T5', lessorId: 'SODIAC', surface: 95, rent: 700 },
      { quartiers: ['terrain-elisa'], typologies: ['T6'] },
      { adults: 2, children: 0, income: 90_000 },
    );
    const b = await verifiedListing(
      armos,
      { quartier: 'terrain-elisa', typology: 'T6', lessorId: 'SODIAC', surface: 110, rent: 760 },
      { quartiers: ['grande-montee'], typologies: ['T5'] },
      { adults: 1, children: 0, income: 12_000 },
    );
    const [match] = await waitForMatches(a, [a.listingId, b.listingId], 1);
    await makeMutual(match!, [a, b]);

    // Act
    const seenByA = await json(await api(`/matches/${match!.id}`, { token: a.token }));
    const requested = await json(
      await api('/swaps', { method: 'POST', token: a.token, json: { matchId: match!.id } }),
    );
    await api(`/swaps/${requested.id}/confirm`, { method: 'POST', token: b.token });
    const seenByArmos = await json(await api(`/swaps/${requested.id}`, { token: armos.token }));
    const file = await api(`/swaps/${requested.id}/file.pdf`, { token: armos.token });

    // Assess
    expect(seenByA.incomeCheck).toEqual({
      status: 'above',
      year: YEAR,
      ceiling: YEAR === 2026 ? 28_129 : expect.any(Number),
      income: 90_000,
      financing: 'LLS',
      category: 2,
    });
    expect(requested.status).toBe('awaiting_confirmations');
    const checks = Object.fromEntries(
      seenByArmos.reviews.map((r: Body) => [r.incomingListingId, r.info.ceilingCheck.status]),
    );
    expect(checks).toEqual({ [a.listingId]: 'above', [b.listingId]: 'below' });
    const { text } = await extractText(new Uint8Array(await file.arrayBuffer()), {
      mergePages: true,
    });
    expect(text.replace(/\s+/g, ' ')).toMatch(/au-dessus du plafond LLS \d{4}/);
  });
});
