/**
 * Matching benchmark (issue 5): run with `npx tsx scripts/bench/matching.ts`. Prints the results
 * and writes them into docs/benchmarks.md between the `bench:matching` markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { GeneratedListing, MarketOptions } from '../../shared/market/generator';
import { generateMarket } from '../../shared/market/generator';
import type { CycleRecord } from '../../shared/matching/index';
import { MatchingIndex, bruteForceCyclesThrough, cyclePackingLp, optimiseCycles, optimiseTwoWayOnly, placeNamesFrom } from '../../shared/matching/index';

const DOC = 'docs/benchmarks.md';
const START = '<!-- bench:matching -->';
const END = '<!-- /bench:matching -->';
const NEW_LISTINGS = 1000;
const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
const fmt = (value: number) => Math.round(value).toLocaleString('en-US').replace(/,/g, ' ');
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

function buildIndex(options: MarketOptions) {
  const market = generateMarket(options);
  const before = heapMb();
  const index = new MatchingIndex(placeNamesFrom(market));
  const [, buildMs] = time(() => market.listings.forEach((l) => index.upsert(l)));
  return { market, index, buildMs, heapMb: heapMb() - before };
}

/** New listings from another seed of the same market, with ids and owners of their own. */
function newcomers(options: MarketOptions): GeneratedListing[] {
  return generateMarket({ ...options, size: NEW_LISTINGS, seed: options.seed + 1000 }).listings.map((l, i) => ({ ...l, id: `N${i}`, ownerId: `NU${i}` }));
}

function benchNewListings(label: string, options: MarketOptions, bruteSample: number) {
  const { market, index, buildMs, heapMb: heap } = buildIndex(options);
  say(`### ${label}: ${fmt(market.listings.length)} listings`);
  say(`- index build: ${ms(buildMs / 1000)} s, heap +${fmt(heap)} MB`);
  const query: number[] = [];
  const roundTrip: number[] = [];
  let count2 = 0;
  let count3 = 0;
  for (const listing of newcomers(options)) {
    const start = performance.now();
    index.upsert(listing);
    const [result, queryMs] = time(() => index.proposalsFor(listing.id, { k: 50 }));
    index.remove(listing.id);
    roundTrip.push(performance.now() - start);
    query.push(queryMs);
    count2 += result.count2;
    count3 += result.count3;
  }
  say(`- top-50 for ${NEW_LISTINGS} new listings, \`proposalsFor\` only: median ${ms(percentile(query, 50))} ms, p95 ${ms(percentile(query, 95))} ms, max ${ms(Math.max(...query))} ms`);
  say(`- insert + proposalsFor + remove: median ${ms(percentile(roundTrip, 50))} ms, p95 ${ms(percentile(roundTrip, 95))} ms`);
  say(`- cycles through a new listing (mean): ${fmt(count2 / NEW_LISTINGS)} 2-way, ${fmt(count3 / NEW_LISTINGS)} 3-way`);
  const sample = newcomers(options).slice(0, bruteSample);
  const [, bruteMs] = time(() => sample.forEach((l) => bruteForceCyclesThrough(l, market.listings)));
  const brute = bruteMs / sample.length;
  say(`- brute force for one listing (mean of ${sample.length}): ${ms(brute)} ms → index is ${fmt(brute / percentile(roundTrip, 50))}× faster at the median (insert+query+remove), ${fmt(brute / percentile(roundTrip, 95))}× at p95`);
  return index;
}

function benchFullCounts(index: MatchingIndex) {
  const [counts, countMs] = time(() => index.countAll());
  say(`- whole market: ${fmt(counts.count2)} 2-cycles and ${fmt(counts.count3)} 3-cycles, counted in ${ms(countMs / 1000)} s`);
}

interface SolverResult { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> }
type Solve = (lp: string, options: Record<string, unknown>) => SolverResult;

/** Cycles the optimiser may use: every cycle on sparse markets; on dense ones the stored top 50 per listing. */
function candidateCycles(index: MatchingIndex, ids: string[], cap: number): { cycles: CycleRecord[]; note: string } {
  const total = index.countAll();
  if (total.count2 + total.count3 <= cap) {
    const cycles: CycleRecord[] = [];
    index.enumerateAll((c) => cycles.push(c));
    return { cycles, note: `all ${fmt(cycles.length)} cycles` };
  }
  const byKey = new Map<string, CycleRecord>();
  for (const id of ids) {
    for (const p of index.proposalsFor(id, { k: 50 }).proposals) byKey.set(p.key, { key: p.key, size: p.listingIds.length, score: p.score, listingIds: p.listingIds });
  }
  return { cycles: [...byKey.values()], note: `${fmt(byKey.size)} cycles = union of each listing's stored top 50, out of ${fmt(total.count2)} 2-cycles + ${fmt(total.count3)} 3-cycles` };
}

function benchOptimiser(label: string, options: MarketOptions, solve: Solve) {
  const { market, index } = buildIndex(options);
  const { cycles, note } = candidateCycles(index, market.listings.map((l) => l.id), 60_000);
  const [plan, optMs] = time(() => optimiseCycles(cycles));
  const twoWay = optimiseTwoWayOnly(cycles);
  const twoWayPool = cycles.filter((c) => c.size === 2);
  const twoWayLp = solve(cyclePackingLp(twoWayPool, true), { time_limit: 60 });
  const [relaxed, lpMs] = time(() => solve(cyclePackingLp(cycles, false), { time_limit: 60 }));
  const [exact, mipMs] = time(() => solve(cyclePackingLp(cycles, true), { time_limit: 60, mip_rel_gap: 0 }));
  // Households served by a solver's solution: Σ size·x over the columns (x0, x1… in candidate order).
  const households = (result: SolverResult, pool: readonly CycleRecord[]) =>
    pool.reduce((sum, c, i) => sum + c.size * (result.Columns[`x${i}`]?.Primal ?? 0), 0).toFixed(1).replace(/\.0$/, '');
  say(`### Optimiser, ${label}: ${fmt(market.listings.length)} listings, ${note}`);
  say('| | households | weight (1000·size + score) | % of LP bound | time |');
  say('|---|---|---|---|---|');
  say(`| optimiser (greedy + local improvement) | ${plan.households} | ${fmt(plan.weight)} | ${((100 * plan.weight) / relaxed.ObjectiveValue).toFixed(1)} % | ${ms(optMs)} ms |`);
  say(`| 2-way only (same optimiser) | ${twoWay.households} | ${fmt(twoWay.weight)} | ${((100 * twoWay.weight) / relaxed.ObjectiveValue).toFixed(1)} % | |`);
  say(`| 2-way only, exact (HiGHS) | ${households(twoWayLp, twoWayPool)} | ${fmt(twoWayLp.ObjectiveValue)} | ${((100 * twoWayLp.ObjectiveValue) / relaxed.ObjectiveValue).toFixed(1)} % | ${twoWayLp.Status} |`);
  say(`| LP relaxation bound (HiGHS) | ${households(relaxed, cycles)} (fractional) | ${fmt(relaxed.ObjectiveValue)} | 100 % | ${ms(lpMs / 1000)} s |`);
  say(`| integer optimum (HiGHS, 60 s limit) | ${households(exact, cycles)} | ${fmt(exact.ObjectiveValue)} | ${((100 * exact.ObjectiveValue) / relaxed.ObjectiveValue).toFixed(1)} % | ${ms(mipMs / 1000)} s, ${exact.Status} |`);
  say();
}

function writeSection(): void {
  const section = `${START}\n## Matching\n\n${out.join('\n')}\n${END}`;
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  const next = from >= 0 && to > from ? current.slice(0, from) + section + current.slice(to + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  say(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.release()}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`);
  say('Command: `npx tsx scripts/bench/matching.ts`. Synthetic markets from `shared/market/generator.ts` (seed 1).');
  say();
  const cinor10k = benchNewListings('CINOR, broad wishes', { size: 10_000, seed: 1, density: 'broad', region: 'cinor' }, 5);
  benchFullCounts(cinor10k);
  say();
  benchNewListings('Region of 100 communes, broad wishes', { size: 100_000, seed: 1, density: 'broad', region: 'region100' }, 2);
  say();
  const highs = await (await import('highs')).default();
  const solve: Solve = (lp, options) => highs.solve(lp, { output_flag: false, ...options }) as unknown as SolverResult;
  benchOptimiser('CINOR dense (broad)', { size: 1000, seed: 1, density: 'broad', region: 'cinor' }, solve);
  benchOptimiser('CINOR sparse (narrow)', { size: 1000, seed: 1, density: 'narrow', region: 'cinor' }, solve);
  writeSection();
}

await main();
