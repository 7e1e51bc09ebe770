/**
 * The upkeep against the brute force: after any sequence of publications, edits and withdrawals,
 * applied one at a time as the matcher does (refill the listings `listingsToRefill` names, move
 * the counts by difference with `CountBook`), the stored cycles through each listing are exactly those of the
 * market that some participant keeps among its own best (every 2-way and its best K 3-ways, by
 * the brute force), and every stored count equals a recount.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accepts } from './accepts';
import { bruteForceCycles, ownBestOf } from './brute-force';
import { makeCandidate } from './candidate-factory';
import { CountBook, sharedCountsOf } from './count-book';
import { MatchingIndex } from './market-index';
import {
  BarBounds,
  OwnBestMemo,
  cyclesToReadForRefill,
  listingsToRefill,
  refillPlan,
  type StoredCycle,
} from './proposal-upkeep';
import { placeNamesFrom, type MatchCandidate } from './types';

const names = placeNamesFrom({ communes: [], quartiers: [] });
const QUARTIERS = ['97411-a', '97411-b', '97418-a'];
const typology = fc.constantFrom('T3' as const, 'T4' as const);

/** Small and dense: a couple of communes and typologies, so 2-way and 3-way cycles abound. */
const candidateArb = fc
  .record({
    owner: fc.integer({ min: 0, max: 9 }),
    quartier: fc.constantFrom(...QUARTIERS),
    typology,
    surface: fc.integer({ min: 20, max: 90 }),
    total: fc.integer({ min: 300, max: 700 }),
    wantsTypologies: fc.uniqueArray(typology, { minLength: 1, maxLength: 2 }),
    wantsBoth: fc.boolean(),
    maxTotalRent: fc.option(fc.integer({ min: 450, max: 800 }), { nil: undefined, freq: 2 }),
    occupants: fc.integer({ min: 1, max: 5 }),
  })
  .map(
    (r) =>
      (id: string): MatchCandidate =>
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
          },
          household: { adults: 1, children: r.occupants - 1 },
          wishes: {
            communes: r.wantsBoth ? ['97411', '97418'] : [r.quartier.slice(0, 5)],
            typologies: r.wantsTypologies,
            maxTotalRent: r.maxTotalRent,
          },
        }),
  );

type Step = {
  kind: 'publish' | 'edit' | 'withdraw';
  target: number;
  make: (id: string) => MatchCandidate;
  /** The change is handled by an instance that knows no count yet (a cold start). */
  freshInstance: boolean;
};
const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('publish', 'publish', 'edit', 'withdraw'),
  target: fc.nat(),
  make: candidateArb,
  freshInstance: fc.nat({ max: 7 }).map((n) => n === 0),
});

interface Counts {
  count2: number;
  count3: number;
  wanters: number;
}

/** The stored side, as the table would hold it: cycles by key, counts by listing. */
class StoredModel {
  readonly cycles = new Map<string, StoredCycle>();
  readonly counts = new Map<string, Counts>();

  through(listingId: string): StoredCycle[] {
    return [...this.cycles.values()].filter((cycle) => cycle.listingIds.includes(listingId));
  }

  /** Cycles that the change broke are closed or suspended by the matcher: no longer stored as live ones. */
  dropBroken(index: MatchingIndex, changedId: string): void {
    const holding = new Set<string>();
    if (index.has(changedId))
      for (const cycle of index.ownBest(changedId, Number.MAX_SAFE_INTEGER)) holding.add(cycle.key);
    for (const cycle of this.through(changedId))
      if (!holding.has(cycle.key)) this.cycles.delete(cycle.key);
  }
}

function applyStep(
  index: MatchingIndex,
  model: StoredModel,
  live: Map<string, MatchCandidate>,
  step: Step,
  k: number,
  nextId: () => string,
  bounds: BarBounds,
  book: CountBook,
): void {
  const ids = [...live.keys()];
  const id =
    step.kind === 'publish' || ids.length === 0
      ? nextId()
      : (ids[step.target % ids.length] as string);
  const sharedBefore = sharedCountsOf(index, id);
  const storedBefore = model.through(id);
  bounds.forget(index, id);
  if (step.kind === 'withdraw' && live.has(id)) {
    index.remove(id);
    live.delete(id);
    model.counts.delete(id);
  } else {
    const candidate = step.make(id);
    index.upsert(candidate);
    live.set(id, candidate);
  }
  model.dropBroken(index, id);
  const memo = new OwnBestMemo(index, k, bounds);
  for (const listingId of listingsToRefill(memo, id, storedBefore)) {
    // The changed listing reads every cycle stored through it; the others only those the change may alter.
    const read =
      listingId === id
        ? undefined
        : new Set(cyclesToReadForRefill(memo, listingId, id, storedBefore).map((c) => c.key));
    const stored = model.through(listingId).filter((cycle) => !read || read.has(cycle.key));
    const plan = refillPlan(memo, listingId, stored, read);
    for (const cycle of plan.store)
      model.cycles.set(cycle.key, {
        key: cycle.key,
        listingIds: cycle.listingIds,
        answered: false,
      });
    for (const key of plan.retire) model.cycles.delete(key);
  }
  for (const [listingId, counts] of book.applyChange(index, id, sharedBefore))
    model.counts.set(listingId, counts);
}

/** What must be stored, from the brute force alone: each cycle some participant keeps among its best. */
function expectedStored(market: readonly MatchCandidate[], k: number): Set<string> {
  const all = bruteForceCycles(market);
  const kept = new Set<string>();
  for (const listing of market) {
    for (const cycle of ownBestOf(
      all.filter((c) => c.listingIds.includes(listing.id)),
      k,
    ))
      kept.add(cycle.key);
  }
  return kept;
}

function expectedCounts(market: readonly MatchCandidate[], listing: MatchCandidate): Counts {
  const through = bruteForceCycles(market).filter((c) => c.listingIds.includes(listing.id));
  return {
    count2: through.filter((c) => c.size === 2).length,
    count3: through.filter((c) => c.size === 3).length,
    wanters: market.filter((other) => accepts(other, listing)).length,
  };
}

describe('proposal upkeep', () => {
  it('keeps exactly each listing’s 2-ways and best K 3-ways, and exact counts, through any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(1, 2, 3, 50),
        (steps, k) => {
          const index = new MatchingIndex(names);
          const model = new StoredModel();
          const live = new Map<string, MatchCandidate>();
          const bounds = new BarBounds(); // kept from one change to the next, as in a running matcher
          let book = new CountBook();
          let published = 0;
          const nextId = () => `L${String(published++).padStart(2, '0')}`;
          for (const step of steps) {
            if (step.freshInstance) book = new CountBook();
            applyStep(index, model, live, step, k, nextId, bounds, book);
            const market = [...live.values()];
            const expected = expectedStored(market, k);
            expect([...model.cycles.keys()].sort()).toEqual([...expected].sort());
            for (const listing of market)
              expect(model.counts.get(listing.id) ?? { count2: 0, count3: 0, wanters: 0 }).toEqual(
                expectedCounts(market, listing),
              );
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('keeps an answered proposal that falls out of everyone’s best, and retires an unanswered one', () => {
    const market = ['A', 'B', 'C', 'D'].map((id) =>
      makeCandidate({ id, dwelling: { surface: 60 }, wishes: { typologies: ['T3'] } }),
    );
    const index = new MatchingIndex(names);
    market.forEach((listing) => index.upsert(listing));
    const threeWay = index.ownBest('A', 50).find((cycle) => cycle.size === 3)!;
    const stored: StoredCycle[] = [
      { key: threeWay.key, listingIds: threeWay.listingIds, answered: true },
      { key: 'A|C|B', listingIds: ['A', 'C', 'B'], answered: false },
    ];

    const plan = refillPlan(new OwnBestMemo(index, 0), 'A', stored);

    expect(plan.retire).toEqual(['A|C|B']);
    expect(plan.store.every((cycle) => cycle.size === 2)).toBe(true);
  });
});
