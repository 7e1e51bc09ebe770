import { describe, expect, it } from 'vitest';
import { factsOf } from './facts';
import type { Count, Item, ListingFacts } from './item';
import { COUNTERS as K, scopes } from './scopes';

/** A crowded family in a T3 at Bagatelle (A), a couple in a T2 at Le Chaudron (B). */
const listings = new Map<string, ListingFacts>([
  [
    'A',
    {
      id: 'A',
      communeCode: '97420',
      quartierId: '97420-bagatelle',
      typology: 'T3',
      surface: 50,
      adults: 2,
      children: 4,
      publishedAt: '2026-01-10T08:00:00.000Z',
    },
  ],
  [
    'B',
    {
      id: 'B',
      communeCode: '97411',
      quartierId: '97411-le-chaudron',
      typology: 'T2',
      surface: 42,
      adults: 2,
      children: 1,
      publishedAt: '2026-01-12T08:00:00.000Z',
    },
  ],
]);
const lookup = (id: string) => listings.get(id);

/** The swap item as stored: A moves into the vacant T5 V at La Renaissance, B into A's T3; B's T2 is released. */
function chainSwap(overrides: Item = {}): Item {
  return {
    entity: 'Swap',
    id: 'S',
    kind: 'chain',
    status: 'completed',
    createdAt: '2026-02-01T08:00:00.000Z',
    updatedAt: '2026-04-02T08:00:00.000Z',
    completedAt: '2026-04-02T08:00:00.000Z',
    effectiveDate: '2026-04-01',
    participants: [
      { listingId: 'A', movesInto: 'V', confirmed: true },
      { listingId: 'B', movesInto: 'A', confirmed: true },
    ],
    chain: {
      vacancyId: 'V',
      vacancyLessorId: 'SIDR',
      vacancy: {
        lessorId: 'SIDR',
        communeCode: '97420',
        quartierId: '97420-la-renaissance',
        typology: 'T5',
        surface: 100,
      },
      released: {
        listingId: 'B',
        lessorId: 'SHLMR',
        communeCode: '97411',
        quartierId: '97411-le-chaudron',
        typology: 'T2',
      },
    },
    ...overrides,
  };
}

const completedCounts = (item: Item): Count[] =>
  factsOf(item, lookup).find((fact) => fact.type === 'swap_completed')?.counts ?? [];
const total = (counts: Count[], scope: string, counter: string) =>
  counts.filter(([s, c]) => s === scope && c === counter).reduce((sum, [, , n]) => sum + n, 0);

describe('chain facts', () => {
  it('counts each household moved through the chain where it arrived, the vacancy included', () => {
    // Act
    const counts = completedCounts(chainSwap());

    // Assess
    expect(total(counts, scopes.quartier('97420-la-renaissance'), K.chainMoves)).toBe(1);
    expect(total(counts, scopes.quartier('97420-bagatelle'), K.chainMoves)).toBe(1);
    expect(total(counts, scopes.commune('97420'), K.chainMoves)).toBe(2);
    expect(total(counts, scopes.cinor(), K.chainMoves)).toBe(2);
    expect(total(counts, scopes.quartier('97420-la-renaissance'), K.movesIn)).toBe(1);
    expect(total(counts, scopes.cinor(), K.movesOut)).toBe(2);
    expect(total(counts, scopes.flow('97420-bagatelle', '97420-la-renaissance'), K.moves)).toBe(1);
    // The family of six leaves its over-occupied T3 for the T5.
    expect(total(counts, scopes.quartier('97420-bagatelle'), K.overOccupationResolved)).toBe(1);
  });

  it('counts the dwelling released where it stands, once', () => {
    // Act
    const counts = completedCounts(chainSwap());

    // Assess
    expect(total(counts, scopes.quartier('97411-le-chaudron'), K.dwellingsReleased)).toBe(1);
    expect(total(counts, scopes.commune('97411'), K.dwellingsReleased)).toBe(1);
    expect(total(counts, scopes.cinor(), K.dwellingsReleased)).toBe(1);
    expect(total(counts, scopes.quartier('97420-bagatelle'), K.dwellingsReleased)).toBe(0);
  });

  it('counts nothing of a chain that is not completed, nor of a cycle', () => {
    // Prepare
    const refused = chainSwap({ status: 'refused', refusedAt: '2026-03-01T08:00:00.000Z' });
    const cycle = chainSwap({
      kind: '2-way',
      chain: undefined,
      participants: [
        { listingId: 'A', movesInto: 'B' },
        { listingId: 'B', movesInto: 'A' },
      ],
    });

    // Act
    const facts = [...factsOf(refused, lookup), ...factsOf(cycle, lookup)];

    // Assess
    const counters = facts.flatMap((fact) => fact.counts.map(([, counter]) => counter));
    expect(counters).not.toContain(K.chainMoves);
    expect(counters).not.toContain(K.dwellingsReleased);
    expect(counters).toContain(K.movesIn);
  });
});
