import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cyclePackingLp } from './lp-model';
import { optimiseCycles, optimiseTwoWayOnly } from './optimiser';

const cycle = (ids: string[], score = 50) => ({
  key: ids.join('|'),
  size: ids.length,
  score,
  listingIds: ids,
});

describe('optimiseCycles', () => {
  it('prefers two disjoint cycles to one greedy cycle blocking both', () => {
    // The 3-cycle weighs most but blocks both 2-cycles, which together serve more households.
    const blocking = cycle(['A', 'B', 'C'], 90);
    const plan = optimiseCycles([
      blocking,
      cycle(['A', 'D'], 40),
      cycle(['B', 'E'], 40),
      cycle(['C', 'F'], 40),
    ]);
    expect(plan.households).toBe(6);
    expect(plan.cycles.map((c) => c.key).sort()).toEqual(['A|D', 'B|E', 'C|F']);
  });

  it('never puts a listing in two cycles and is deterministic', () => {
    const idArb = fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G');
    const cycleArb = fc
      .uniqueArray(idArb, { minLength: 2, maxLength: 3 })
      .chain((ids) => fc.integer({ min: 0, max: 100 }).map((s) => cycle(ids, s)));
    fc.assert(
      fc.property(fc.array(cycleArb, { maxLength: 20 }), (cycles) => {
        const plan = optimiseCycles(cycles);
        const used = plan.cycles.flatMap((c) => c.listingIds);
        expect(new Set(used).size).toBe(used.length);
        expect(optimiseCycles(cycles)).toEqual(plan);
        expect(optimiseTwoWayOnly(cycles).cycles.every((c) => c.size === 2)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('cyclePackingLp', () => {
  it('writes one row per listing and binaries for the integer model', () => {
    const lp = cyclePackingLp([cycle(['A', 'B'], 50), cycle(['A', 'B', 'C'], 60)], true);
    expect(lp).toContain(' obj: 2050 x0 + 3060 x1');
    expect(lp).toContain(' r0: x0 + x1 <= 1');
    expect(lp).toContain(' r2: x1 <= 1');
    expect(lp).toMatch(/Binary\n x0\n x1\nEnd$/);
  });
});
