/**
 * The nightly plan over every cycle and chain of the market: which 2- and 3-way cycles and chains
 * started by vacant dwellings, no listing nor vacancy used twice, move the most households (the
 * score only breaks ties). Column generation: the LP over a growing set of cycles
 * gives each listing a price; the cycles worth more than the prices of their listings are added,
 * until none is (then the LP value is the bound of the whole market) or the time is spent. The
 * integer program over the cycles gathered is then solved with a time limit, warm-started and
 * backed up by the greedy + local search of `optimiser.ts`.
 */
import { resourcesOf } from './optimiser-column';
import { planWeight, type MarketCycles, type PlanCycle } from './optimiser-market';
import { optimiseCycles } from './optimiser';
import type { PackingColumn, PackingSolver } from './optimiser-solver';

/** Cycles gathered up to which the greedy start is improved by local search (minutes beyond, measured). */
const LOCAL_SEARCH_UP_TO = 20_000;

export interface PlanOptions {
  /** Only 2-cycles (no 3-cycle, no chain): the baseline that shows what the others add. */
  twoWayOnly?: boolean;
  /** 2-cycles each listing brings to the first LP (all when Infinity). */
  initialTwoCyclesPerListing?: number;
  /** Columns added per start listing and pricing round. */
  perStart?: number;
  maxRounds?: number;
  /** Columns added per start listing when closing the gap between the LP and the integer plan. */
  gapPerStart?: number;
  /** Time for column generation, after which the cycles gathered are solved as they are. */
  generationBudgetMs?: number;
  mipTimeLimitSeconds?: number;
}

export interface PlanBound {
  households: number;
  /** 'lp' when the LP over all cycles and chains was solved or bounded by its prices; 'in-cycles' counts the listings in at least one cycle or chain. */
  kind: 'lp' | 'in-cycles';
  /** The LP over all cycles was solved to optimality (no cycle left to add). */
  exact: boolean;
}

export interface MarketPlan {
  cycles: PlanCycle[];
  households: number;
  bound: PlanBound;
  columns: number;
  rounds: number;
  method: 'mip' | 'greedy';
  mipStatus: string;
  generationMs: number;
  mipMs: number;
}

/** The plan of `market` (its cycles and chains, less those it excludes). */
export function planMarket(
  market: MarketCycles,
  solver: PackingSolver,
  options: PlanOptions = {},
): MarketPlan {
  const started = performance.now();
  const rows = market.rowCount;
  const columns = new Map<string, PlanCycle>();
  for (const cycle of market.twoCycles(options.initialTwoCyclesPerListing))
    columns.set(cycle.key, cycle);
  const budget = options.generationBudgetMs ?? Number.POSITIVE_INFINITY;
  let boundWeight = Number.POSITIVE_INFINITY;
  let exact = false;
  let rounds = 0;
  const packing = (pool: readonly PlanCycle[]): PackingColumn[] =>
    pool.map((c) => ({ weight: planWeight(c), rows: market.rowsOf(c) }));
  let prices: Float64Array | null = null;
  let twoCyclesDone = false;
  /** How much of each cycle the last LP took, by key: the integer step starts from its rounding. */
  const lpShare = new Map<string, number>();
  while (rounds < (options.maxRounds ?? 50)) {
    rounds++;
    const pool = [...columns.values()];
    const lp = solver.solveLp(rows, packing(pool));
    prices = lp.duals;
    lpShare.clear();
    pool.forEach((cycle, j) => {
      if ((lp.values[j] ?? 0) > 1e-6) lpShare.set(cycle.key, lp.values[j] as number);
    });
    const left = budget - (performance.now() - started);
    if (left <= 0 || !lp.optimal) break;
    // On a large market a full pricing pass takes minutes: each round prices for a slice of the
    // time, lowest-priced listings first (those no chosen cycle serves yet), then the LP is solved again.
    const slice = Number.isFinite(budget) ? Math.min(left, Math.max(15_000, budget / 8)) : left;
    // 2-cycles first: their pricing is one pass over the acceptance lists, and they carry most
    // households; 3-cycles are priced once no 2-cycle is left to add. Only a pass over all
    // cycles gives a bound of the whole market.
    // Chains are priced with the 2-cycles too: a few passes over the acceptance lists, where a
    // large market may spend its whole budget on 2-cycle rounds.
    const price = (twoWayOnly: boolean) =>
      market.price(lp.duals, {
        perStart: options.perStart,
        budgetMs: slice,
        twoWayOnly,
        chains: options.twoWayOnly !== true,
      });
    let allCycles: boolean = options.twoWayOnly === true || twoCyclesDone;
    let priced = price(options.twoWayOnly === true || !twoCyclesDone);
    let fresh = priced.columns.filter((c) => !columns.has(c.key));
    if (!allCycles && priced.complete && fresh.length === 0) {
      twoCyclesDone = allCycles = true;
      priced = price(false);
      fresh = priced.columns.filter((c) => !columns.has(c.key));
    }
    if (priced.complete && allCycles) boundWeight = Math.min(boundWeight, priced.bound);
    if (fresh.length === 0 && !priced.complete) break;
    if (priced.complete && allCycles && fresh.length === 0) {
      boundWeight = Math.min(boundWeight, lp.objective);
      exact = true;
      break;
    }
    for (const cycle of fresh) columns.set(cycle.key, cycle);
  }
  const generationMs = performance.now() - started;
  const bound: PlanBound = Number.isFinite(boundWeight)
    ? { households: Math.floor(boundWeight + 1e-6), kind: 'lp', exact }
    : { households: market.listingsInCyclesOrChains(), kind: 'in-cycles', exact: false };

  const mipStarted = performance.now();
  const timeLimit = options.mipTimeLimitSeconds ?? 120;
  let pool = [...columns.values()];
  // The local search of `optimiseCycles` grows faster than the pool: on large markets, heaviest first.
  const greedy = pool.length <= LOCAL_SEARCH_UP_TO ? greedyPlan(pool) : roundLp(pool, new Map());
  const rounded = roundLp(pool, lpShare);
  let best = solveInteger(
    rows,
    pool,
    solver,
    packing,
    weightOf(rounded) > weightOf(greedy) ? rounded : greedy,
    timeLimit,
  );
  // The LP optimum may rest on cycles that pack badly (three mutual 2-cycles make 1.5 pairs). A
  // plan better than the one found can only use cycles whose reduced cost is above −(bound − plan):
  // those are added, and the integer program solved once more.
  const gap = prices === null ? 0 : sum(prices) - weightOf(best.cycles);
  if (exact && prices !== null && best.households < bound.households && gap > 1e-9) {
    const closing = market
      .price(prices, {
        epsilon: -gap,
        perStart: options.gapPerStart ?? options.perStart ?? 8,
        twoWayOnly: options.twoWayOnly,
        chains: options.twoWayOnly !== true,
      })
      .columns.filter((c) => !columns.has(c.key));
    if (closing.length > 0) {
      pool = [...pool, ...closing];
      const remaining = Math.max(5, timeLimit - (performance.now() - mipStarted) / 1000);
      const again = solveInteger(rows, pool, solver, packing, best.cycles, remaining);
      if (weightOf(again.cycles) > weightOf(best.cycles)) best = { ...again, status: again.status };
    }
  }
  return {
    cycles: best.cycles,
    households: best.cycles.reduce((total, c) => total + c.size, 0),
    bound,
    columns: pool.length,
    rounds,
    method: best.method,
    mipStatus: best.status,
    generationMs,
    mipMs: performance.now() - mipStarted,
  };
}

/** The greedy + local search, over what each column holds (a chain holds its vacancy too). */
function greedyPlan(pool: readonly PlanCycle[]): PlanCycle[] {
  const held = pool.map((column) => ({ ...column, listingIds: resourcesOf(column), column }));
  return optimiseCycles(held, { maxRounds: 2 }).cycles.map((c) => c.column);
}

/** The cycles the LP took most of, first, each kept when its listings are still free; then the rest by weight. */
function roundLp(pool: readonly PlanCycle[], share: ReadonlyMap<string, number>): PlanCycle[] {
  const ordered = [...pool].sort(
    (x, y) => (share.get(y.key) ?? 0) - (share.get(x.key) ?? 0) || planWeight(y) - planWeight(x),
  );
  const used = new Set<string>();
  const chosen: PlanCycle[] = [];
  for (const cycle of ordered) {
    const held = resourcesOf(cycle);
    if (held.some((id) => used.has(id))) continue;
    held.forEach((id) => used.add(id));
    chosen.push(cycle);
  }
  return chosen;
}

const sum = (values: Float64Array) => values.reduce((total, v) => total + v, 0);
const weightOf = (cycles: readonly PlanCycle[]) =>
  cycles.reduce((total, c) => total + planWeight(c), 0);

/** The integer program over `pool`, started from `start` (a valid plan), which it falls back to. */
function solveInteger(
  rows: number,
  pool: readonly PlanCycle[],
  solver: PackingSolver,
  packing: (pool: readonly PlanCycle[]) => PackingColumn[],
  start: readonly PlanCycle[],
  timeLimitSeconds: number,
): { cycles: PlanCycle[]; households: number; method: 'mip' | 'greedy'; status: string } {
  const chosen = new Set(start.map((c) => c.key));
  const mip = solver.solveMip(
    rows,
    packing(pool),
    Float64Array.from(pool, (c) => (chosen.has(c.key) ? 1 : 0)),
    timeLimitSeconds,
  );
  const fromMip = pool.filter((_, j) => (mip.values[j] ?? 0) > 0.5);
  const useMip = isPacking(fromMip) && weightOf(fromMip) >= weightOf(start);
  const cycles = useMip ? fromMip : [...start];
  return {
    cycles,
    households: cycles.reduce((total, c) => total + c.size, 0),
    method: useMip ? 'mip' : 'greedy',
    status: mip.status,
  };
}

/** No listing nor vacancy in two columns (a MIP stopped early could in principle return an unchecked point). */
function isPacking(cycles: readonly PlanCycle[]): boolean {
  const seen = new Set<string>();
  for (const cycle of cycles) {
    for (const id of resourcesOf(cycle)) {
      if (seen.has(id)) return false;
      seen.add(id);
    }
  }
  return true;
}
