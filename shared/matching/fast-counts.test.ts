/**
 * The counts and the best K of `proposalsFor` come from shortcuts (pooled dominance counts, score
 * bounds): they must equal the brute force on random dense markets that exercise every rule the
 * shortcuts treat specially — owners with several listings, quartier wishes, needs, wanted
 * features, minimum surfaces — with the counting forced through either path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchCandidate } from './types';
import { bruteForceCycles, bruteForceCyclesThrough, ownBestOf } from './brute-force';
import { makeCandidate } from './candidate-factory';
import { MatchingIndex } from './market-index';
import { placeNamesFrom } from './types';

const names = placeNamesFrom({ communes: [], quartiers: [] });
const QUARTIERS = ['97411-a', '97411-b', '97418-a'];
const typology = fc.constantFrom('T2' as const, 'T3' as const, 'T4' as const);
const feature = fc.constantFrom('balcony' as const, 'garden' as const, 'parking' as const);

const candidateArb = (id: string) =>
  fc
    .record({
      owner: fc.integer({ min: 0, max: 4 }),
      quartier: fc.constantFrom(...QUARTIERS),
      typology,
      surface: fc.integer({ min: 30, max: 80 }),
      total: fc.integer({ min: 400, max: 600 }),
      features: fc.uniqueArray(feature, { maxLength: 2 }),
      accessible: fc.boolean(),
      floor: fc.integer({ min: 0, max: 4 }),
      occupants: fc.integer({ min: 1, max: 4 }),
      wantsQuartiers: fc.oneof(
        { weight: 3, arbitrary: fc.constant<string[]>([]) },
        { weight: 1, arbitrary: fc.subarray(QUARTIERS, { minLength: 1, maxLength: 2 }) },
      ),
      wantsTypologies: fc.uniqueArray(typology, { minLength: 1, maxLength: 3 }),
      wantsBoth: fc.boolean(),
      maxTotalRent: fc.option(fc.integer({ min: 420, max: 650 }), { nil: undefined, freq: 2 }),
      minSurface: fc.option(fc.integer({ min: 30, max: 70 }), { nil: undefined, freq: 3 }),
      wantedFeatures: fc.uniqueArray(feature, { maxLength: 2 }),
      needs: fc.constantFrom<MatchCandidate['wishes']['needs'][]>(
        {},
        {},
        {},
        { accessible: true },
        { liftOrGroundFloor: true },
        { maxFloor: 2 },
      ),
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
          accessible: r.accessible,
          features: r.features,
        },
        household: { adults: 1, children: r.occupants - 1 },
        wishes: {
          communes: r.wantsBoth ? ['97411', '97418'] : [r.quartier.slice(0, 5)],
          quartiers: r.wantsQuartiers,
          typologies: r.wantsTypologies,
          maxTotalRent: r.maxTotalRent,
          minSurface: r.minSurface,
          features: r.wantedFeatures,
          needs: r.needs,
        },
      }),
    );

const marketArb = fc
  .integer({ min: 2, max: 16 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) => candidateArb(`L${String(i).padStart(2, '0')}`)),
    ),
  );

/** Every partner counted by reading its list (∞), every partner pooled (0), and the default mix. */
const TUNINGS = [
  { directCountMaxAccepted: Number.POSITIVE_INFINITY },
  { directCountMaxAccepted: 0 },
  {},
];

function indexOf(
  market: readonly MatchCandidate[],
  tuning: { directCountMaxAccepted?: number },
): MatchingIndex {
  const index = new MatchingIndex(names, tuning);
  market.forEach((l) => index.upsert(l));
  return index;
}

describe('fast counts and bounded search', () => {
  it('count every cycle through each listing exactly and keep exactly every 2-way and the brute force top K 3-ways', () => {
    fc.assert(
      fc.property(marketArb, fc.integer({ min: 1, max: 8 }), (market, k) => {
        const indexes = TUNINGS.map((tuning) => indexOf(market, tuning));
        for (const start of market) {
          const all = bruteForceCyclesThrough(start, market);
          const counts = [
            all.filter((c) => c.size === 2).length,
            all.filter((c) => c.size === 3).length,
          ];
          for (const index of indexes) {
            const capped = index.proposalsFor(start.id, { k });
            expect([capped.count2, capped.count3]).toEqual(counts);
            expect(capped.proposals.map((p) => [p.key, p.score])).toEqual(
              ownBestOf(all, k).map((c) => [c.key, c.score]),
            );
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('count the whole market as its enumeration does', () => {
    fc.assert(
      fc.property(marketArb, (market) => {
        const expected = bruteForceCycles(market);
        for (const tuning of TUNINGS) {
          const index = indexOf(market, tuning);
          let enumerated2 = 0;
          let enumerated3 = 0;
          index.enumerateAll((cycle) => (cycle.size === 2 ? enumerated2++ : enumerated3++));
          const counted = {
            count2: expected.filter((c) => c.size === 2).length,
            count3: expected.filter((c) => c.size === 3).length,
          };
          expect({ count2: enumerated2, count3: enumerated3 }).toEqual(counted);
          expect(index.countAll()).toEqual(counted);
        }
      }),
      { numRuns: 60 },
    );
  });
});
