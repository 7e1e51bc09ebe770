import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WANTERS_PER_LEAF, WanterTrees } from './wanter-trees';
import { WantersByBucket } from './wanters-by-bucket';

interface Wanter {
  rent: number;
  surface: number;
  features: number;
  rooms: number;
  intoStart: number;
}

const wanterArb = fc.record({
  rent: fc.integer({ min: 300, max: 900 }),
  surface: fc.integer({ min: 20, max: 120 }),
  features: fc.integer({ min: 0, max: 7 }),
  rooms: fc.integer({ min: 1, max: 6 }),
  intoStart: fc.double({ min: 0, max: 100, noNaN: true }),
});

/** Groups laid out as `WantersByBucket` lays them: consecutive positions, `groupStart` at each group's first. */
function wantersOf(groups: Wanter[][]): WantersByBucket {
  const all = groups.flat();
  const groupStart = [0];
  for (const group of groups)
    groupStart.push((groupStart[groupStart.length - 1] as number) + group.length);
  return Object.assign(new WantersByBucket(), {
    groups: groups.length,
    count: all.length,
    rentAt: Float64Array.from(all, (w) => w.rent),
    surfaceAt: Float64Array.from(all, (w) => w.surface),
    featuresAt: Int32Array.from(all, (w) => w.features),
    roomsAt: Int32Array.from(all, (w) => w.rooms),
    intoStart: Float64Array.from(all, (w) => w.intoStart),
    groupStart: Int32Array.from(groupStart),
  });
}

describe('WanterTrees', () => {
  it.each([1, 3, WANTERS_PER_LEAF])(
    'holds at every node the best attributes of the dwellings below it, and nothing in empty leaves (%i per leaf)',
    (leafSize) => {
      const trees = new WanterTrees(leafSize); // reused, as queries reuse it
      fc.assert(
        fc.property(
          fc.array(fc.array(wanterArb, { minLength: 1, maxLength: 40 }), {
            minLength: 1,
            maxLength: 5,
          }),
          (groups) => {
            const wanters = wantersOf(groups);
            trees.build(wanters);
            groups.forEach((group, g) => {
              const leaves = trees.leaves[g] as number;
              expect(leaves * leafSize).toBeGreaterThanOrEqual(group.length);
              expect(leaves === 1 || (leaves / 2) * leafSize < group.length).toBe(true); // the fewest leaves that hold the group
              const leafWanters = (leaf: number) =>
                group.slice((leaf - leaves) * leafSize, (leaf - leaves + 1) * leafSize);
              const below = (node: number): Wanter[] =>
                node >= leaves ? leafWanters(node) : [...below(2 * node), ...below(2 * node + 1)];
              for (let leaf = leaves; leaf < 2 * leaves; leaf++) {
                const first = (wanters.groupStart[g] as number) + (leaf - leaves) * leafSize;
                expect(trees.leafStart(g, leaf, wanters)).toBe(first);
                expect(
                  trees.leafEnd(g, leaf, wanters) -
                    Math.min(
                      trees.leafStart(g, leaf, wanters),
                      wanters.groupStart[g + 1] as number,
                    ),
                ).toBe(leafWanters(leaf).length);
              }
              for (let node = 1; node < 2 * leaves; node++) {
                const at = trees.at(g, node);
                const dwellings = below(node);
                if (dwellings.length === 0) {
                  expect(trees.maxIntoStart[at]).toBe(Number.NEGATIVE_INFINITY);
                  continue;
                }
                expect(trees.minRent[at]).toBe(Math.min(...dwellings.map((w) => w.rent)));
                expect(trees.maxSurface[at]).toBe(Math.max(...dwellings.map((w) => w.surface)));
                expect(trees.features[at]).toBe(
                  dwellings.reduce((mask, w) => mask | w.features, 0),
                );
                expect(trees.minRooms[at]).toBe(Math.min(...dwellings.map((w) => w.rooms)));
                expect(trees.maxIntoStart[at]).toBe(Math.max(...dwellings.map((w) => w.intoStart)));
              }
            });
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});
