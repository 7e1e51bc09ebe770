import { describe, expect, it } from 'vitest';
import { seedReferenceData } from '../reference/index';
import { cellsOf, changeOf, rebuildCells } from './events';
import {
  aggregatesOf,
  cinorSeries,
  communeRows,
  flowRows,
  medianOf,
  quartierRows,
  totalsOf,
} from './indicators';
import type { ListingFacts } from './item';
import { maskCount } from './masking';
import { addMonths, monthCount, monthOf, presetPeriod } from './period';

const listings = new Map<string, ListingFacts>([
  [
    'A',
    {
      id: 'A',
      communeCode: '97420',
      quartierId: '97420-la-renaissance',
      typology: 'T2',
      surface: 30,
      adults: 2,
      children: 2,
      publishedAt: '2026-01-10T08:00:00.000Z',
    },
  ],
  [
    'B',
    {
      id: 'B',
      communeCode: '97411',
      quartierId: '97411-le-chaudron',
      typology: 'T5',
      surface: 100,
      adults: 1,
      children: 0,
      publishedAt: '2026-02-10T08:00:00.000Z',
    },
  ],
]);
const lookup = (id: string) => listings.get(id);
const swap = {
  entity: 'Swap',
  id: 'S1',
  status: 'completed',
  participants: [
    { listingId: 'A', movesInto: 'B', confirmed: true },
    { listingId: 'B', movesInto: 'A', confirmed: true },
  ],
  approvedAt: '2026-03-21T08:00:00.000Z',
  completedAt: '2026-04-12T08:00:00.000Z',
  effectiveDate: '2026-04-10T08:00:00.000Z',
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-04-10T09:00:00.000Z',
};

describe('statistics periods', () => {
  it('uses months of La Réunion (UTC+4) and computes presets by summing months', () => {
    expect(monthOf('2026-01-31T21:00:00.000Z')).toBe('2026-02');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(monthCount('2026-01', '2035-12')).toBe(120);
    expect(presetPeriod('quarter', '2026-05')).toEqual({ from: '2026-04', to: '2026-06' });
    expect(presetPeriod('semester', '2026-08')).toEqual({ from: '2026-07', to: '2026-12' });
  });
});

describe('statistics indicators', () => {
  it('turns a completed swap into decisions, moves, a flow and resolved over-occupation', () => {
    const aggregates = aggregatesOf(cellsOf(changeOf({ id: 's', after: swap }, lookup)));
    const totals = totalsOf(aggregates, { from: '2026-01', to: '2026-12' });

    const renaissance = quartierRows(totals, seedReferenceData, false).find(
      (r) => r.quartierId === '97420-la-renaissance',
    )!;
    const cinor = communeRows(totals, seedReferenceData).at(-1)!;
    const flows = flowRows(totals, seedReferenceData, false);

    expect(renaissance).toMatchObject({
      swapsRequested: 1,
      swapsApproved: 1,
      swapsCompleted: 1,
      movesOut: 1,
      movesIn: 1,
      medianDaysToDecision: 20,
      medianDaysToCompletion: 90,
      overOccupationResolved: 1,
    });
    expect(cinor).toMatchObject({
      communeCode: 'CINOR',
      swapsCompleted: 1,
      movesIn: 2,
      movesOut: 2,
      underOccupationResolved: 1,
    });
    expect(flows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fromQuartierName: 'La Renaissance',
          toQuartierName: 'Le Chaudron',
          moves: 1,
        }),
      ]),
    );
  });

  it('counts refusals in the month of the decision, by the reason code of the refusing review', () => {
    const refused = {
      ...swap,
      status: 'refused',
      approvedAt: undefined,
      refusedAt: '2026-03-11T08:00:00.000Z',
      effectiveDate: undefined,
    };
    const review = {
      entity: 'SwapReview',
      swapId: 'S1',
      listingId: 'B',
      lessorId: 'SIDR',
      incomingListingId: 'A',
      decision: 'refused',
      reason: 'income_above_ceiling',
      comment: 'M. Hoarau',
      decidedAt: '2026-03-11T08:00:00.000Z',
    };

    const cells = cellsOf(changeOf({ id: 'r', after: refused }, lookup));
    const reasons = cellsOf(
      changeOf({ id: 'v', before: { ...review, decision: 'pending' }, after: review }, lookup),
    );

    expect(reasons.get('2026-03|C#97411|refused.income_above_ceiling')).toBe(1);
    expect(JSON.stringify([...reasons])).not.toContain('Hoarau');
    expect(cells.get('2026-03|CINOR|swapsRefused')).toBe(1);
    expect(cells.has('2026-04|CINOR|swapsCompleted')).toBe(false);
  });

  it('counts active listings at the end of the period and attractiveness from wishes', () => {
    const base = {
      entity: 'Listing',
      status: 'published',
      motive: 'work',
      updatedAt: '2026-01-02T00:00:00.000Z',
    };
    const items = [
      {
        ...base,
        id: '1',
        publishedAt: '2026-01-02T00:00:00.000Z',
        dwelling: { communeCode: '97420', quartierId: '97420-la-renaissance', typology: 'T3' },
        wishes: { communes: ['97420'], quartiers: [], typologies: ['T4'] },
      },
      {
        ...base,
        id: '2',
        publishedAt: '2026-01-03T00:00:00.000Z',
        dwelling: { communeCode: '97420', quartierId: '97420-bagatelle', typology: 'T4' },
        wishes: { communes: ['97420'], quartiers: ['97420-la-renaissance'], typologies: ['T3'] },
      },
      {
        ...base,
        id: '3',
        status: 'withdrawn',
        updatedAt: '2026-03-05T00:00:00.000Z',
        publishedAt: '2026-01-04T00:00:00.000Z',
        dwelling: { communeCode: '97420', quartierId: '97420-la-renaissance', typology: 'T3' },
        wishes: { communes: ['97411'], quartiers: [], typologies: ['T2'] },
      },
    ];
    const aggregates = aggregatesOf(rebuildCells(items, lookup));

    const row = (to: string) =>
      quartierRows(totalsOf(aggregates, { from: '2026-01', to }), seedReferenceData, false).find(
        (r) => r.quartierId === '97420-la-renaissance',
      )!;

    expect(row('2026-02')).toMatchObject({
      activeListings: 2,
      newListings: 2,
      wantedListings: 2,
      attractiveness: 1,
      offeredByTypology: { T3: 2 },
      wantedByTypology: { T3: 1, T4: 1 },
    });
    expect(row('2026-03').activeListings).toBe(1);
    expect(
      cinorSeries(aggregates, { from: '2026-02', to: '2026-03' }).map((p) => p.activeListings),
    ).toEqual([3, 2]);
  });

  it('masks quartier counts 1–4 and small medians for CINOR, never zero nor commune totals', () => {
    const aggregates = aggregatesOf(cellsOf(changeOf({ id: 's', after: swap }, lookup)));
    const totals = totalsOf(aggregates, { from: '2026-01', to: '2026-12' });

    const masked = quartierRows(totals, seedReferenceData, true).find(
      (r) => r.quartierId === '97420-la-renaissance',
    )!;

    expect(masked).toMatchObject({
      swapsCompleted: '< 5',
      medianDaysToDecision: '< 5',
      newListings: 0,
    });
    expect(
      communeRows(totals, seedReferenceData).find((r) => r.communeCode === '97420')!.swapsCompleted,
    ).toBe(1);
    expect([0, 1, 4, 5].map((n) => maskCount(n, true))).toEqual([0, '< 5', '< 5', 5]);
  });

  it('reads medians from day histograms', () => {
    expect(medianOf({ 'd.3': 2, 'd.10': 1, 'd.40': 1 }, 'd')).toEqual({ median: 6.5, size: 4 });
    expect(medianOf({ 'd.3': 1, 'd.10': 1, 'd.40': 1 }, 'd')).toEqual({ median: 10, size: 3 });
    expect(medianOf({}, 'd')).toEqual({ median: null, size: 0 });
  });
});
