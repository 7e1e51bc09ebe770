/**
 * Chooses which cycles to carry out together: no listing in two cycles, as many households served
 * as possible, then the best scores. Two greedy starts (heaviest cycle first; listing with the
 * fewest remaining cycles first, which keeps rare options open), each followed by local
 * improvement (drop one chosen cycle when the cycles it blocks serve more); the better plan wins.
 * Pure and deterministic.
 */
import type { RankedCycle } from './cycles';
import { compareRanked } from './cycles';

export interface OptimisableCycle extends RankedCycle {
  listingIds: readonly string[];
}

/** Households first (each worth more than any score), then score. */
export function cycleWeight(cycle: RankedCycle): number {
  return cycle.size * 1000 + cycle.score;
}

export interface OptimisedPlan<T extends OptimisableCycle> {
  cycles: T[];
  households: number;
  weight: number;
}

function summarise<T extends OptimisableCycle>(chosen: Iterable<T>): OptimisedPlan<T> {
  const cycles = [...chosen].sort(compareRanked);
  return {
    cycles,
    households: cycles.reduce((sum, c) => sum + c.size, 0),
    weight: cycles.reduce((sum, c) => sum + cycleWeight(c), 0),
  };
}

export function optimiseCycles<T extends OptimisableCycle>(
  candidates: readonly T[],
  options: { maxRounds?: number } = {},
): OptimisedPlan<T> {
  const ordered = [...candidates].sort(
    (x, y) => cycleWeight(y) - cycleWeight(x) || compareRanked(x, y),
  );
  const byListing = new Map<string, T[]>();
  for (const cycle of ordered) {
    for (const id of cycle.listingIds) {
      let list = byListing.get(id);
      if (list === undefined) byListing.set(id, (list = []));
      list.push(cycle);
    }
  }
  const plans = [heaviestFirst(ordered), scarcestFirst(byListing)].map((start) =>
    improve(start, byListing, ordered, options.maxRounds ?? 2),
  );
  const [first, second] = plans as [OptimisedPlan<T>, OptimisedPlan<T>];
  return second.weight > first.weight ? second : first;
}

/** listing id → the chosen cycle using it */
type Assignment<T> = Map<string, T>;

function take<T extends OptimisableCycle>(owner: Assignment<T>, cycle: T): void {
  for (const id of cycle.listingIds) owner.set(id, cycle);
}

function heaviestFirst<T extends OptimisableCycle>(ordered: readonly T[]): Assignment<T> {
  const owner: Assignment<T> = new Map();
  for (const cycle of ordered)
    if (cycle.listingIds.every((id) => !owner.has(id))) take(owner, cycle);
  return owner;
}

/** Serves first the listing with the fewest cycles left, with its heaviest one. */
function scarcestFirst<T extends OptimisableCycle>(
  byListing: ReadonlyMap<string, readonly T[]>,
): Assignment<T> {
  const owner: Assignment<T> = new Map();
  const open = (cycle: T) => cycle.listingIds.every((id) => !owner.has(id));
  const left = new Map([...byListing].map(([id, cycles]) => [id, cycles.length]));
  for (;;) {
    let scarcest: string | undefined;
    for (const [id, count] of left)
      if (count > 0 && (scarcest === undefined || count < (left.get(scarcest) as number)))
        scarcest = id;
    if (scarcest === undefined) return owner;
    const cycle = (byListing.get(scarcest) ?? []).find(open) as T;
    take(owner, cycle);
    // Every cycle through a newly served listing is closed: its other listings lose an option.
    for (const id of cycle.listingIds) {
      left.delete(id);
      for (const closed of byListing.get(id) ?? []) {
        for (const other of closed.listingIds)
          if (left.has(other)) left.set(other, (left.get(other) as number) - 1);
      }
    }
    for (const [id] of left) if (!(byListing.get(id) ?? []).some(open)) left.delete(id);
  }
}

/**
 * Local improvement by ejection: bring in a cycle not chosen, drop the (at most two) chosen cycles
 * it overlaps, re-pack the listings they freed, and keep the change only when the weight grows.
 */
function improve<T extends OptimisableCycle>(
  owner: Assignment<T>,
  byListing: ReadonlyMap<string, readonly T[]>,
  ordered: readonly T[],
  maxRounds: number,
): OptimisedPlan<T> {
  const drop = (cycle: T) => cycle.listingIds.forEach((id) => owner.delete(id));
  const isFree = (cycle: T) => cycle.listingIds.every((id) => !owner.has(id));
  for (let round = 0; round < maxRounds; round++) {
    let improved = false;
    for (const incoming of ordered) {
      if (owner.get(incoming.listingIds[0] as string) === incoming) continue;
      const ejected = new Set<T>();
      for (const id of incoming.listingIds) {
        const current = owner.get(id);
        if (current !== undefined) ejected.add(current);
      }
      if (ejected.size > 2) continue;
      ejected.forEach(drop);
      take(owner, incoming);
      const added = [incoming];
      for (const gone of ejected) {
        for (const id of gone.listingIds) {
          for (const cycle of byListing.get(id) ?? []) {
            if (!isFree(cycle)) continue;
            take(owner, cycle);
            added.push(cycle);
          }
        }
      }
      const gain =
        added.reduce((sum, c) => sum + cycleWeight(c), 0) -
        [...ejected].reduce((sum, c) => sum + cycleWeight(c), 0);
      if (gain > 1e-9) {
        improved = true;
        continue;
      }
      added.forEach(drop); // no gain: put everything back
      ejected.forEach((cycle) => take(owner, cycle));
    }
    if (!improved) break;
  }
  return summarise(new Set(owner.values()));
}

/** The 2-way-only baseline: the same optimiser restricted to 2-cycles. */
export function optimiseTwoWayOnly<T extends OptimisableCycle>(
  candidates: readonly T[],
): OptimisedPlan<T> {
  return optimiseCycles(candidates.filter((c) => c.size === 2));
}
