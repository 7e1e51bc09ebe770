import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchCandidate } from './types';
import { accepts } from './accepts';
import { bruteForceCycles, bruteForceCyclesThrough, ownBestOf } from './brute-force';
import { makeCandidate } from './candidate-factory';
import { MatchingIndex } from './market-index';
import { placeNamesFrom } from './types';

const names = placeNamesFrom({
  communes: [
    { code: '97411', name: 'Saint-Denis' },
    { code: '97418', name: 'Sainte-Marie' },
  ],
  quartiers: [{ id: '97411-sainte-clotilde', name: 'Sainte-Clotilde' }],
});
const QUARTIERS = ['97411-a', '97411-b', '97418-a'];
const typology = fc.constantFrom('T3' as const, 'T4' as const);

/** Small, dense markets: few communes, quartiers and typologies, so cycles of both sizes abound. */
const candidateArb = (id: string) =>
  fc
    .record({
      owner: fc.integer({ min: 0, max: 6 }),
      quartier: fc.constantFrom(...QUARTIERS),
      typology,
      surface: fc.integer({ min: 20, max: 90 }),
      total: fc.integer({ min: 300, max: 700 }),
      wantsQuartiers: fc.oneof(fc.constant<string[]>([]), fc.subarray(QUARTIERS, { maxLength: 2 })),
      wantsTypologies: fc.uniqueArray(typology, { minLength: 1, maxLength: 2 }),
      wantsBoth: fc.boolean(),
      maxTotalRent: fc.option(fc.integer({ min: 450, max: 800 }), { nil: undefined, freq: 2 }),
      occupants: fc.integer({ min: 1, max: 5 }),
      floor: fc.integer({ min: 0, max: 4 }),
      needsLift: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    })
    .map((r): MatchCandidate =>
      makeCandidate({
        id,
        ownerId: `u${r.owner}`,
        dwelling: {
          communeCode: r.quartier.slice(0, 5),
          quartierId: r.quartier,
          typology: r.typology,
          surface: r.surface,
          rent: r.total - 50,
          charges: 50,
          floor: r.floor,
          lift: r.floor > 2,
        },
        household: { adults: 1, children: r.occupants - 1 },
        wishes: {
          communes: r.wantsBoth ? ['97411', '97418'] : [r.quartier.slice(0, 5)],
          quartiers: r.wantsQuartiers,
          typologies: r.wantsTypologies,
          maxTotalRent: r.maxTotalRent,
          needs: r.needsLift ? { liftOrGroundFloor: true } : {},
        },
      }),
    );

const marketArb = (maxSize: number) =>
  fc
    .integer({ min: 2, max: maxSize })
    .chain((n) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, i) => candidateArb(`L${String(i).padStart(2, '0')}`)),
      ),
    );

function indexOf(market: readonly MatchCandidate[]): MatchingIndex {
  const index = new MatchingIndex(names);
  market.forEach((l) => index.upsert(l));
  return index;
}

describe('MatchingIndex', () => {
  it('finds every cycle of the market once, as the brute force does', () => {
    fc.assert(
      fc.property(marketArb(14), (market) => {
        const found: string[] = [];
        const index = indexOf(market);
        index.enumerateAll((cycle) => found.push(`${cycle.key}@${cycle.score}`));
        const expected = bruteForceCycles(market).map((c) => `${c.key}@${c.score}`);
        expect(found.sort()).toEqual(expected.sort());
        expect(index.countAll()).toEqual({
          count2: expected.filter((k) => k.split('|').length === 2).length,
          count3: expected.filter((k) => k.split('|').length === 3).length,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('uncapped proposals through a listing equal the brute force; capped ones are every 2-way and its top K 3-ways', () => {
    fc.assert(
      fc.property(
        marketArb(14),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 6 }),
        (market, pick, k) => {
          const start = market[pick % market.length] as MatchCandidate;
          const index = indexOf(market);
          const all = bruteForceCyclesThrough(start, market);
          const uncapped = index.proposalsFor(start.id, { k: Number.POSITIVE_INFINITY });
          expect(uncapped.proposals.map((p) => p.key)).toEqual(all.map((c) => c.key));
          expect([uncapped.count2, uncapped.count3]).toEqual([
            all.filter((c) => c.size === 2).length,
            all.filter((c) => c.size === 3).length,
          ]);
          const capped = index.proposalsFor(start.id, { k });
          expect(capped.proposals.map((p) => [p.key, p.score])).toEqual(
            ownBestOf(all, k).map((c) => [c.key, c.score]),
          );
          expect(index.ownBest(start.id, k).map((c) => c.key)).toEqual(
            ownBestOf(all, k).map((c) => c.key),
          );
          expect(index.countsFor(start.id)).toEqual({
            count2: uncapped.count2,
            count3: uncapped.count3,
            wanters: market.filter((c) => accepts(c, start)).length,
          });
          expect([capped.count2, capped.count3]).toEqual([uncapped.count2, uncapped.count3]);
          expect(index.wantersCount(start.id)).toBe(market.filter((c) => accepts(c, start)).length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers after random edits as a fresh index of the final market does', () => {
    fc.assert(
      fc.property(
        marketArb(12),
        marketArb(12),
        fc.array(fc.nat(), { maxLength: 15 }),
        (initial, replacements, removals) => {
          const index = indexOf(initial);
          const live = new Map(initial.map((l) => [l.id, l]));
          removals.forEach((r, step) => {
            const target = initial[r % initial.length] as MatchCandidate;
            const replacement = replacements[step % replacements.length] as MatchCandidate;
            if (step % 2 === 0) {
              index.remove(target.id);
              live.delete(target.id);
            } else {
              const changed = { ...replacement, id: target.id };
              index.upsert(changed);
              live.set(target.id, changed);
            }
          });
          const fresh = indexOf([...live.values()]);
          for (const id of live.keys()) {
            expect(index.proposalsFor(id, { k: 5 })).toEqual(fresh.proposalsFor(id, { k: 5 }));
            expect(index.wantersCount(id)).toBe(fresh.wantersCount(id));
          }
          expect(index.size).toBe(live.size);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('explains each participant’s move in French', () => {
    const a = makeCandidate({
      id: 'A',
      dwelling: { typology: 'T2', surface: 30, rent: 400, charges: 50 },
      household: { adults: 2, children: 2 },
      wishes: { typologies: ['T3'], quartiers: ['97411-sainte-clotilde'] },
    });
    const b = makeCandidate({
      id: 'B',
      dwelling: { surface: 42, rent: 560, charges: 60 },
      household: { adults: 1, children: 0 },
      wishes: { typologies: ['T2'] },
    });
    const { proposals, count2, count3 } = indexOf([a, b]).proposalsFor('A');
    expect([count2, count3]).toEqual([1, 0]);
    expect(proposals[0]?.listingIds).toEqual(['A', 'B']);
    expect(proposals[0]?.explanations.A?.summary).toBe(
      'T3 à Sainte-Clotilde (Saint-Denis), 620 € charges comprises, 12 m² de plus',
    );
    expect(proposals[0]?.explanations.A?.reasons).toEqual(
      expect.arrayContaining([
        'dans un quartier que vous avez choisi',
        'résout votre sur-occupation',
      ]),
    );
    expect(proposals[0]?.explanations.B?.reasons).toContain('résout votre sous-occupation');
  });
});
