import fc from 'fast-check';
import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { accepts } from './accepts';
import { bruteForceCycles } from './brute-force';
import { makeCandidate } from './candidate-factory';
import { Interner, compileListing } from './compiled';
import { isOverOccupied } from './occupancy';
import {
  chainKey,
  chainScore,
  vacancyAsCandidate,
  type VacancyCandidate as PlanVacancy,
} from './chains';
import { planWeight, resourcesOf, type PlanCycle } from './optimiser-column';
import { MarketCycles } from './optimiser-market';
import { planMarket } from './optimiser-plan';
import { highsPackingSolver, type PackingSolver } from './optimiser-solver';
import { moveScore } from './score';
import type { MatchCandidate } from './types';

let solver: PackingSolver;
beforeAll(async () => {
  solver = highsPackingSolver(await highsLoader());
});

const typologyArb = fc.constantFrom('T2' as const, 'T3' as const);

const candidateArb = (id: string) =>
  fc
    .record({
      owner: fc.integer({ min: 0, max: 5 }),
      typology: typologyArb,
      surface: fc.integer({ min: 30, max: 80 }),
      rent: fc.integer({ min: 300, max: 600 }),
      accessible: fc.boolean(),
      occupants: fc.integer({ min: 1, max: 6 }),
      needsAccessible: fc.boolean(),
      maxTotalRent: fc.option(fc.integer({ min: 400, max: 650 }), { nil: undefined }),
      typologies: fc.uniqueArray(typologyArb, { minLength: 1, maxLength: 2 }),
    })
    .map((r) =>
      makeCandidate({
        id,
        ownerId: `u${r.owner}`,
        dwelling: {
          typology: r.typology,
          surface: r.surface,
          rent: r.rent,
          charges: 0,
          accessible: r.accessible,
        },
        household: { adults: 1, children: r.occupants - 1 },
        wishes: {
          typologies: r.typologies,
          maxTotalRent: r.maxTotalRent,
          needs: r.needsAccessible ? { accessible: true } : {},
        },
      }),
    );

const vacancyArb = (id: string): fc.Arbitrary<PlanVacancy> =>
  fc
    .record({
      typology: typologyArb,
      surface: fc.integer({ min: 30, max: 80 }),
      rent: fc.integer({ min: 300, max: 600 }),
      accessible: fc.boolean(),
      overOccupiedOnly: fc.boolean(),
      accessibleNeedsFirst: fc.boolean(),
    })
    .map((r) => {
      const { tenancyRef: _unused, ...dwelling } = makeCandidate({
        id,
        dwelling: {
          typology: r.typology,
          surface: r.surface,
          rent: r.rent,
          charges: 0,
          accessible: r.accessible,
        },
      }).dwelling;
      return {
        id,
        dwelling,
        priority: {
          overOccupiedOnly: r.overOccupiedOnly,
          accessibleNeedsFirst: r.accessibleNeedsFirst,
        },
      };
    });

const marketArb = fc.record({
  listings: fc
    .integer({ min: 1, max: 8 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(`L${i}`)))),
  vacancies: fc
    .integer({ min: 0, max: 3 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => vacancyArb(`V${i}`)))),
});

/** Every chain, by the plain rules: who may move in first, then who accepts each home left, each household once. */
function bruteForceChains(
  listings: readonly MatchCandidate[],
  vacancies: readonly PlanVacancy[],
): PlanCycle[] {
  const interner = new Interner();
  const compiled = new Map(listings.map((l) => [l.id, compileListing(l, interner)]));
  const score = (mover: MatchCandidate, home: MatchCandidate) =>
    moveScore(compiled.get(mover.id)!, compileListing(home, interner));
  const chains: PlanCycle[] = [];
  for (const vacancy of vacancies) {
    const home = vacancyAsCandidate(vacancy);
    const first = listings.filter(
      (a) =>
        accepts(a, home) &&
        (vacancy.priority.overOccupiedOnly !== true || isOverOccupied(a.household, a.dwelling)),
    );
    const add = (movers: MatchCandidate[], moves: number[]) => {
      const listingIds = movers.map((m) => m.id);
      chains.push({
        key: chainKey(vacancy.id, listingIds),
        size: movers.length,
        score: chainScore(moves),
        listingIds,
        vacancyId: vacancy.id,
        tier: vacancy.priority.accessibleNeedsFirst === true && needsAccess(movers[0]!) ? 1 : 0,
      });
    };
    for (const a of first) {
      const moveA = score(a, home);
      add([a], [moveA]);
      for (const b of listings) {
        if (b === a || !accepts(b, a)) continue;
        const moveB = score(b, a);
        add([a, b], [moveA, moveB]);
        for (const c of listings) {
          if (c.ownerId === a.ownerId || !accepts(c, b)) continue;
          add([a, b, c], [moveA, moveB, score(c, b)]);
        }
      }
    }
  }
  return chains;
}

const needsAccess = (listing: MatchCandidate) => listing.wishes.needs.accessible === true;

/** The best packing, exactly: each listing and vacancy in turn is left out or taken by one column through it. */
function bruteForceBest(columns: readonly PlanCycle[]): { households: number; weight: number } {
  const resources = [...new Set(columns.flatMap(resourcesOf))];
  const through = new Map(resources.map((r) => [r, [] as PlanCycle[]]));
  for (const column of columns) for (const r of resourcesOf(column)) through.get(r)!.push(column);
  const used = new Set<string>();
  let best = { households: 0, weight: 0 };
  const walk = (at: number, households: number, weight: number) => {
    if (at === resources.length) {
      if (
        households > best.households ||
        (households === best.households && weight > best.weight + 1e-12)
      )
        best = { households, weight };
      return;
    }
    const resource = resources[at]!;
    if (used.has(resource)) return walk(at + 1, households, weight);
    used.add(resource);
    walk(at + 1, households, weight);
    used.delete(resource);
    for (const column of through.get(resource)!) {
      const held = resourcesOf(column);
      if (held.some((r) => used.has(r))) continue;
      held.forEach((r) => used.add(r));
      walk(at + 1, households + column.size, weight + planWeight(column));
      held.forEach((r) => used.delete(r));
    }
  };
  walk(0, 0, 0);
  return best;
}

const allColumns = (market: {
  listings: MatchCandidate[];
  vacancies: PlanVacancy[];
}): PlanCycle[] => [
  ...bruteForceCycles(market.listings),
  ...bruteForceChains(market.listings, market.vacancies),
];

const SOLVES = { timeout: 180_000 };
const EXACT = { mipTimeLimitSeconds: 10, gapPerStart: Number.POSITIVE_INFINITY };

describe('planMarket with vacancies', () => {
  it(
    'moves as many households as the best packing of all cycles and chains, found by brute force',
    SOLVES,
    () => {
      fc.assert(
        fc.property(marketArb, (market) => {
          const columns = allColumns(market);
          const best = bruteForceBest(columns);

          const plan = planMarket(
            new MarketCycles(market.listings, new Set(), market.vacancies),
            solver,
            EXACT,
          );

          const held = plan.cycles.flatMap(resourcesOf);
          expect(new Set(held).size).toBe(held.length);
          expect(plan.households).toBe(best.households);
          expect(plan.bound.households).toBeGreaterThanOrEqual(best.households);
          const keys = new Set(columns.map((c) => c.key));
          expect(plan.cycles.every((c) => keys.has(c.key))).toBe(true);
        }),
        { numRuns: 100 },
      );
    },
  );

  it('never chooses an excluded chain (a declined or closed proposal)', SOLVES, () => {
    fc.assert(
      fc.property(marketArb, fc.integer({ min: 0, max: 1000 }), (market, pick) => {
        const columns = allColumns(market);
        const chains = columns.filter((c) => c.vacancyId !== undefined);
        fc.pre(chains.length > 0);
        const excluded = new Set(chains.filter((_, i) => (i + pick) % 2 === 0).map((c) => c.key));

        const plan = planMarket(
          new MarketCycles(market.listings, excluded, market.vacancies),
          solver,
          EXACT,
        );

        expect(plan.cycles.some((c) => excluded.has(c.key))).toBe(false);
        expect(plan.households).toBe(
          bruteForceBest(columns.filter((c) => !excluded.has(c.key))).households,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('with 2-way cycles only, uses no chain', SOLVES, () => {
    fc.assert(
      fc.property(marketArb, (market) => {
        const plan = planMarket(
          new MarketCycles(market.listings, new Set(), market.vacancies),
          solver,
          { ...EXACT, twoWayOnly: true },
        );

        expect(plan.cycles.every((c) => c.size === 2 && c.vacancyId === undefined)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('MarketCycles with vacancies', () => {
  it('prices every chain: with zero prices, the columns found are all the cycles and chains', () => {
    fc.assert(
      fc.property(marketArb, (market) => {
        const cycles = new MarketCycles(market.listings, new Set(), market.vacancies);

        const priced = cycles.price(new Float64Array(cycles.rowCount), {
          perStart: Number.POSITIVE_INFINITY,
        });

        expect(priced.complete).toBe(true);
        const keyAndScore = (c: PlanCycle) => `${c.key} ${c.score} ${c.tier ?? 0}`;
        expect(priced.columns.map(keyAndScore).sort()).toEqual(
          allColumns(market).map(keyAndScore).sort(),
        );
      }),
      { numRuns: 80 },
    );
  });

  it('bounds the LP over all columns from any prices: never below the best packing', () => {
    fc.assert(
      fc.property(
        marketArb,
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (market, prices) => {
          const cycles = new MarketCycles(market.listings, new Set(), market.vacancies);
          const duals = Float64Array.from({ length: cycles.rowCount }, (_, i) => prices[i] ?? 0);

          const priced = cycles.price(duals, { perStart: Number.POSITIVE_INFINITY });

          expect(priced.bound).toBeGreaterThanOrEqual(
            bruteForceBest(allColumns(market)).weight - 1e-9,
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('counts the listings that belong to at least one cycle or chain', () => {
    fc.assert(
      fc.property(marketArb, (market) => {
        const expected = new Set(allColumns(market).flatMap((c) => c.listingIds)).size;

        const counted = new MarketCycles(
          market.listings,
          new Set(),
          market.vacancies,
        ).listingsInCyclesOrChains();

        expect(counted).toBe(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('lets only an over-occupied household move first into a vacancy that asks for it', () => {
    const crowded = makeCandidate({
      id: 'L1',
      dwelling: { typology: 'T2', surface: 30 },
      household: { adults: 2, children: 2 },
    });
    const roomy = makeCandidate({
      id: 'L2',
      dwelling: { typology: 'T2', surface: 60 },
      household: { adults: 2, children: 1 },
    });
    const { tenancyRef: _unused, ...dwelling } = makeCandidate({ id: 'V1' }).dwelling;
    const vacancy: PlanVacancy = { id: 'V1', dwelling, priority: { overOccupiedOnly: true } };

    const priced = new MarketCycles([crowded, roomy], new Set(), [vacancy]).price(
      new Float64Array(3),
      { perStart: Number.POSITIVE_INFINITY },
    );

    expect(priced.columns.map((c) => c.listingIds[0])).toEqual(['L1']);
  });

  it('between plans moving as many households, serves first the household a vacancy puts first', () => {
    const inT2 = { typology: 'T2' as const, surface: 45 };
    // Over-occupied now: its move scores higher than the other's.
    const walker = makeCandidate({
      id: 'L1',
      dwelling: { ...inT2, surface: 40 },
      household: { children: 3 },
    });
    const wheelchair = makeCandidate({
      id: 'L2',
      dwelling: inT2,
      household: { children: 0 },
      wishes: { needs: { accessible: true } },
    });
    const { tenancyRef: _unused, ...dwelling } = makeCandidate({
      id: 'V1',
      dwelling: { accessible: true, surface: 60, rent: 700 },
    }).dwelling;
    const vacancy: PlanVacancy = { id: 'V1', dwelling, priority: { accessibleNeedsFirst: true } };

    const plan = planMarket(
      new MarketCycles([walker, wheelchair], new Set(), [vacancy]),
      solver,
      EXACT,
    );

    expect(plan.households).toBe(1);
    expect(plan.cycles.map((c) => c.listingIds)).toEqual([['L2']]);
  });
});
