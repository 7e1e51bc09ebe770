import fc from 'fast-check';
import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bruteForceCycles } from './brute-force';
import { makeCandidate } from './candidate-factory';
import type { CycleRecord } from './market-index';
import { MarketCycles, planWeight } from './optimiser-market';
import { planMarket } from './optimiser-plan';
import { highsPackingSolver, type PackingSolver } from './optimiser-solver';
import type { MatchCandidate } from './types';

let solver: PackingSolver;
beforeAll(async () => {
  solver = highsPackingSolver(await highsLoader());
});

const candidateArb = (id: string) =>
  fc
    .record({
      owner: fc.integer({ min: 0, max: 5 }),
      typology: fc.constantFrom('T2' as const, 'T3' as const),
      surface: fc.integer({ min: 40, max: 80 }),
      rent: fc.integer({ min: 300, max: 600 }),
      maxTotalRent: fc.option(fc.integer({ min: 400, max: 650 }), { nil: undefined }),
      typologies: fc.uniqueArray(fc.constantFrom('T2' as const, 'T3' as const), {
        minLength: 1,
        maxLength: 2,
      }),
    })
    .map((r) =>
      makeCandidate({
        id,
        ownerId: `u${r.owner}`,
        dwelling: { typology: r.typology, surface: r.surface, rent: r.rent, charges: 0 },
        wishes: { typologies: r.typologies, maxTotalRent: r.maxTotalRent },
      }),
    );
const marketArb = fc
  .integer({ min: 2, max: 9 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(`L${i}`))));

/** The best packing by trying every subset of disjoint cycles: households, then weight. */
function bruteForceBest(cycles: readonly CycleRecord[]): { households: number; weight: number } {
  let best = { households: 0, weight: 0 };
  const walk = (from: number, used: Set<string>, households: number, weight: number) => {
    if (
      households > best.households ||
      (households === best.households && weight > best.weight + 1e-12)
    )
      best = { households, weight };
    for (let i = from; i < cycles.length; i++) {
      const cycle = cycles[i] as CycleRecord;
      if (cycle.listingIds.some((id) => used.has(id))) continue;
      cycle.listingIds.forEach((id) => used.add(id));
      walk(i + 1, used, households + cycle.size, weight + planWeight(cycle));
      cycle.listingIds.forEach((id) => used.delete(id));
    }
  };
  walk(0, new Set(), 0, 0);
  return best;
}

const disjoint = (cycles: readonly { listingIds: readonly string[] }[]) => {
  const ids = cycles.flatMap((c) => c.listingIds);
  return new Set(ids).size === ids.length;
};

/** Each property runs dozens of LP and integer solves: slow on a busy machine. */
const SOLVES = { timeout: 120_000 };

describe('planMarket', () => {
  it(
    'moves as many households as the best packing of all cycles, found by brute force, and never fewer than its bound allows',
    SOLVES,
    () => {
      fc.assert(
        fc.property(marketArb, (market: MatchCandidate[]) => {
          const cycles = bruteForceCycles(market);
          const best = bruteForceBest(cycles);

          const plan = planMarket(new MarketCycles(market), solver, {
            mipTimeLimitSeconds: 10,
            gapPerStart: Number.POSITIVE_INFINITY,
          });

          expect(disjoint(plan.cycles)).toBe(true);
          expect(plan.households).toBe(best.households);
          expect(plan.bound.households).toBeGreaterThanOrEqual(best.households);
          const keys = new Set(cycles.map((c) => c.key));
          expect(plan.cycles.every((c) => keys.has(c.key))).toBe(true);
        }),
        { numRuns: 100 },
      );
    },
  );

  it('never chooses an excluded cycle (a declined or closed proposal)', SOLVES, () => {
    fc.assert(
      fc.property(
        marketArb,
        fc.integer({ min: 0, max: 1000 }),
        (market: MatchCandidate[], pick) => {
          const cycles = bruteForceCycles(market);
          fc.pre(cycles.length > 0);
          const excluded = new Set(cycles.filter((_, i) => (i + pick) % 2 === 0).map((c) => c.key));

          const plan = planMarket(new MarketCycles(market, excluded), solver, {
            mipTimeLimitSeconds: 10,
            gapPerStart: Number.POSITIVE_INFINITY,
          });

          expect(plan.cycles.some((c) => excluded.has(c.key))).toBe(false);
          expect(plan.households).toBe(
            bruteForceBest(cycles.filter((c) => !excluded.has(c.key))).households,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('with 2-way cycles only, uses no 3-way cycle', SOLVES, () => {
    fc.assert(
      fc.property(marketArb, (market: MatchCandidate[]) => {
        const plan = planMarket(new MarketCycles(market), solver, {
          twoWayOnly: true,
          mipTimeLimitSeconds: 10,
          gapPerStart: Number.POSITIVE_INFINITY,
        });

        expect(plan.cycles.every((c) => c.size === 2)).toBe(true);
        expect(plan.households).toBe(
          bruteForceBest(bruteForceCycles(market).filter((c) => c.size === 2)).households,
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe('MarketCycles', () => {
  it('prices every cycle: with zero prices, the columns found are all the cycles of the market', () => {
    fc.assert(
      fc.property(marketArb, (market: MatchCandidate[]) => {
        const cycles = new MarketCycles(market);

        const priced = cycles.price(new Float64Array(market.length), {
          perStart: Number.POSITIVE_INFINITY,
        });

        expect(priced.complete).toBe(true);
        expect(priced.columns.map((c) => c.key).sort()).toEqual(
          bruteForceCycles(market)
            .map((c) => c.key)
            .sort(),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('counts the listings that belong to at least one cycle', () => {
    fc.assert(
      fc.property(marketArb, (market: MatchCandidate[]) => {
        const expected = new Set(bruteForceCycles(market).flatMap((c) => c.listingIds)).size;

        expect(new MarketCycles(market).listingsInCycles()).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});
