import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatsLedger, cellsOf, changeOf, rebuildCells, type Transition } from './events';
import type { Item, ListingFacts } from './item';

const QUARTIERS = [
  ['97420', '97420-la-renaissance'],
  ['97420', '97420-bagatelle'],
  ['97411', '97411-le-chaudron'],
] as const;
const DATES = [
  '2026-01-05T10:00:00.000Z',
  '2026-01-31T21:00:00.000Z',
  '2026-02-14T08:00:00.000Z',
  '2026-04-01T00:00:00.000Z',
  '2026-07-20T12:00:00.000Z',
];
const LISTING_IDS = ['L1', 'L2', 'L3', 'L4'];
const date = fc.constantFrom(...DATES);

/** Fixed dwellings of the listings that matches and swaps name. */
const dwellings = new Map<string, ListingFacts>(
  LISTING_IDS.map((id, i) => {
    const [communeCode, quartierId] = QUARTIERS[i % QUARTIERS.length]!;
    return [
      id,
      {
        id,
        communeCode,
        quartierId,
        typology: (['T2', 'T3', 'T5', 'T4'] as const)[i]!,
        surface: 30 + 25 * i,
        adults: 2,
        children: i,
        publishedAt: DATES[i]!,
      },
    ];
  }),
);
const lookup = (id: string) => dwellings.get(id);

const listingState = (id: string) =>
  fc.record({
    entity: fc.constant('Listing'),
    id: fc.constant(id),
    status: fc.constantFrom(
      'draft',
      'published',
      'engaged',
      'exchanged',
      'withdrawn',
      'expired',
      'suspended',
    ),
    publishedAt: fc.option(date, { nil: undefined }),
    expiresAt: date,
    updatedAt: date,
    motive: fc.constantFrom('work', 'over_occupation', 'texte libre avec nom'),
    dwelling: fc.constantFrom(...QUARTIERS).chain(([communeCode, quartierId]) =>
      fc.record({
        communeCode: fc.constant(communeCode),
        quartierId: fc.constant(quartierId),
        typology: fc.constantFrom('T1', 'T3', 'T6'),
        surface: fc.integer({ min: 20, max: 120 }),
      }),
    ),
    household: fc.record({
      adults: fc.integer({ min: 1, max: 3 }),
      children: fc.integer({ min: 0, max: 4 }),
    }),
    wishes: fc.record({
      communes: fc.subarray(['97411', '97420']),
      quartiers: fc.subarray(['97420-bagatelle', '97411-le-chaudron']),
      typologies: fc.subarray(['T2', 'T4']),
    }),
  });

const matchState = (id: string) =>
  fc.record({
    entity: fc.constant('Match'),
    id: fc.constant(id),
    kind: fc.constantFrom('2-way', '3-way'),
    listingIds: fc.subarray(LISTING_IDS, { minLength: 2, maxLength: 3 }),
    status: fc.constantFrom('proposed', 'mutual', 'closed'),
    createdAt: date,
  });

const swapState = (id: string) =>
  fc.record({
    entity: fc.constant('Swap'),
    id: fc.constant(id),
    status: fc.constantFrom(
      'awaiting_confirmations',
      'under_review',
      'approved',
      'completed',
      'refused',
      'cancelled',
    ),
    participants: fc.constantFrom(
      [
        { listingId: 'L1', movesInto: 'L2' },
        { listingId: 'L2', movesInto: 'L1' },
      ],
      [{ listingId: 'L2' }, { listingId: 'L3' }, { listingId: 'L4' }],
    ),
    approvedAt: fc.option(date, { nil: undefined }),
    reviews: fc.array(
      fc.record({
        listingId: fc.constantFrom(...LISTING_IDS),
        incomingListingId: fc.constantFrom(...LISTING_IDS),
        decision: fc.constantFrom('approved', 'refused'),
        reason: fc.constantFrom('income', 'documents'),
        decidedAt: date,
      }),
      { maxLength: 3 },
    ),
    effectiveDate: fc.option(date, { nil: undefined }),
    createdAt: date,
    updatedAt: date,
  });

/** An item's history: its successive states, possibly deleted at the end. */
const history = (state: fc.Arbitrary<Item>) =>
  fc.record({ states: fc.array(state, { minLength: 1, maxLength: 5 }), deleted: fc.boolean() });

const reviewState = fc.record({
  entity: fc.constant('SwapReview'),
  listingId: fc.constant('L1'),
  incomingListingId: fc.constant('L2'),
  decision: fc.constantFrom('pending', 'approved', 'refused'),
  reason: fc.constantFrom('rent_arrears', 'other'),
  decidedAt: date,
});

const histories = fc.tuple(
  fc.tuple(...LISTING_IDS.map((id) => history(listingState(id)))),
  fc.array(history(matchState('M')), { maxLength: 2 }),
  fc.array(history(fc.oneof(swapState('S'), reviewState)), { maxLength: 3 }),
);

function transitionsOf(key: string, h: { states: Item[]; deleted: boolean }): Transition[] {
  const chain: Array<Item | undefined> = [
    undefined,
    ...h.states,
    ...(h.deleted ? [undefined] : []),
  ];
  return chain.slice(1).map((after, i) => ({ id: `${key}|seq${i}`, before: chain[i], after }));
}

describe('statistics events', () => {
  it('applied incrementally in any order, with duplicates, equal a rebuild from the final items', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.nat()),
        fc.array(fc.nat(), { maxLength: 10 }),
        ([listings, matches, swaps], order, duplicates) => {
          const all = [
            ...listings.map((h, i) => ({ key: `LISTING#${LISTING_IDS[i]}`, h })),
            ...matches.map((h, i) => ({ key: `MATCH#M${i}`, h })),
            ...swaps.map((h, i) => ({ key: `SWAP#S${i}`, h })),
          ];
          const transitions = all.flatMap(({ key, h }) => transitionsOf(key, h));
          const replayed = [
            ...transitions,
            ...duplicates
              .filter(() => transitions.length > 0)
              .map((d) => transitions[d % transitions.length]!),
          ];
          const shuffled = replayed
            .map((t, i) => ({ t, rank: order[i] ?? i }))
            .sort((a, b) => a.rank - b.rank)
            .map((x) => x.t);
          const ledger = new StatsLedger();

          for (const transition of shuffled) ledger.apply(changeOf(transition, lookup));

          const finals = all.filter(({ h }) => !h.deleted).map(({ h }) => h.states.at(-1)!);
          expect(Object.fromEntries(ledger.cells)).toEqual(
            Object.fromEntries(rebuildCells(finals, lookup)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the events of a publication and of a withdrawal', () => {
    const draft = {
      entity: 'Listing',
      id: 'L9',
      status: 'draft',
      motive: 'work',
      dwelling: {
        communeCode: '97420',
        quartierId: '97420-bagatelle',
        typology: 'T3',
        surface: 60,
      },
      wishes: { communes: ['97411'], quartiers: [], typologies: ['T4'] },
    };
    const published = {
      ...draft,
      status: 'published',
      publishedAt: '2026-03-10T08:00:00.000Z',
      updatedAt: '2026-03-10T08:00:00.000Z',
    };
    const withdrawn = { ...published, status: 'withdrawn', updatedAt: '2026-05-02T08:00:00.000Z' };

    const publication = changeOf({ id: 'a', before: draft, after: published }, lookup);
    const withdrawal = changeOf({ id: 'b', before: published, after: withdrawn }, lookup);

    expect(publication.events.map((e) => [e.type, e.sign, e.month])).toEqual([
      ['listing_published', 1, '2026-03'],
      ['listing_wishes', 1, '2026-03'],
    ]);
    expect(cellsOf(publication).get('2026-03|Q#97420-bagatelle|offered.T3')).toBe(1);
    expect(cellsOf(publication).get('2026-03|C#97411|wantedAny.T4')).toBe(1);
    expect(withdrawal.events.map((e) => [e.type, e.sign, e.month])).toEqual([
      ['listing_left', 1, '2026-05'],
    ]);
    expect(cellsOf(withdrawal).get('2026-05|CINOR|active')).toBe(-1);
  });

  it('never turns a free-text motive or reason into a counter', () => {
    const listing = {
      entity: 'Listing',
      id: 'L9',
      status: 'published',
      publishedAt: DATES[0],
      motive: 'Mme Payet, 0692 11 22 33',
      dwelling: { communeCode: '97420', quartierId: '97420-bagatelle', typology: 'T3' },
    };

    const cells = cellsOf(changeOf({ id: 'x', after: listing }, lookup));

    expect([...cells.keys()].join()).not.toMatch(/Payet|0692/);
    expect(cells.get('2026-01|CINOR|motive.other')).toBe(1);
  });
});
