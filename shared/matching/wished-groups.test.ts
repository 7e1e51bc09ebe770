import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AcceptanceGraph } from './acceptance-graph';
import { makeCandidate } from './candidate-factory';
import { Interner, compileListing } from './compiled';
import { WanterTrees } from './wanter-trees';
import { WantersByBucket } from './wanters-by-bucket';
import { WishedGroups } from './wished-groups';

const COMMUNES = ['97411', '97418', '97420'];
const typology = fc.constantFrom('T2' as const, 'T3' as const, 'T4' as const);
const candidateArb = fc.record({
  commune: fc.constantFrom(...COMMUNES),
  typology,
  surface: fc.integer({ min: 30, max: 90 }),
  rent: fc.integer({ min: 300, max: 700 }),
  wantedCommunes: fc.uniqueArray(fc.constantFrom(...COMMUNES), { minLength: 1, maxLength: 3 }),
  wantedTypologies: fc.uniqueArray(typology, { minLength: 1, maxLength: 3 }),
});

describe('WishedGroups', () => {
  it('lists, per partner, the groups of wanters in the buckets it wishes and their best move into the start', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { minLength: 2, maxLength: 25 }), (records) => {
        const interner = new Interner();
        const graph = new AcceptanceGraph();
        records.forEach((r, i) =>
          graph.add(
            compileListing(
              makeCandidate({
                id: `L${i}`,
                dwelling: {
                  communeCode: r.commune,
                  quartierId: `${r.commune}-q`,
                  typology: r.typology,
                  surface: r.surface,
                  rent: r.rent,
                  charges: 0,
                },
                wishes: { communes: r.wantedCommunes, typologies: r.wantedTypologies },
              }),
              interner,
            ),
          ),
        );
        const [wanters, trees, wished] = [
          new WantersByBucket(),
          new WanterTrees(),
          new WishedGroups(),
        ];
        wanters.build(graph.markIncoming(0), graph.columns);
        trees.build(wanters);
        wished.begin(wanters, trees);
        for (let slot = 0; slot < records.length; slot++) {
          const run = wished.runOf(slot, graph.columns);
          const groups = Array.from(
            wished.groups.subarray(run + 1, run + 1 + (wished.groups[run] as number)),
          );
          const expected = [
            ...new Set(
              graph
                .listingAt(slot)
                .wishedKeys.map((key) => wanters.groupOf(key))
                .filter((g) => g >= 0),
            ),
          ];
          expect(groups.sort()).toEqual(expected.sort());
          const positions = groups.flatMap((g) =>
            Array.from(
              { length: (wanters.groupStart[g + 1] as number) - (wanters.groupStart[g] as number) },
              (_, i) => (wanters.groupStart[g] as number) + i,
            ),
          );
          if (positions.length === 0) continue;
          expect(wished.maxIntoStart[run]).toBe(
            Math.max(...positions.map((j) => wanters.intoStart[j] as number)),
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});
