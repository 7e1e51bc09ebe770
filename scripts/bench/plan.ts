/**
 * Nightly plan benchmark (issue 17): run with `npm run bench:plan`. On the generator's markets,
 * the households the plan moves against the bound of the whole market (LP over ALL 2- and
 * 3-cycles), and 2-way only against 2 + 3. Writes its section of docs/benchmarks.md.
 * `PLAN_MARKETS=1k` skips the 10 000-listing market.
 */
import os from 'node:os';
import highsLoader from 'highs';
import type { MarketOptions } from '../../shared/market/generator';
import { generateMarket } from '../../shared/market/generator';
import { MarketCycles } from '../../shared/matching/optimiser-market';
import { highsPackingSolver } from '../../shared/matching/optimiser-solver';
import {
  planMarket,
  type MarketPlan,
  type PlanOptions,
} from '../../shared/matching/optimiser-plan';
import { machineLine, writeBenchSection } from './report';

const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};
const fmt = (value: number) => Math.round(value).toLocaleString('en-US').replace(/,/g, ' ');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function boundText(plan: MarketPlan): string {
  if (plan.bound.kind === 'in-cycles')
    return `${fmt(plan.bound.households)} (listings in at least one cycle; the LP over all cycles was not reached in time)`;
  return `${fmt(plan.bound.households)} (LP over all cycles, ${plan.bound.exact ? 'solved to optimality' : 'bounded by its dual prices'})`;
}

function row(label: string, plan: MarketPlan, bound: number): string {
  const share = ((100 * plan.households) / bound).toFixed(1);
  return `| ${label} | ${fmt(plan.households)} | ${share} % | ${fmt(plan.columns)} in ${plan.rounds} rounds | ${plan.method} (${plan.mipStatus}) | ${s(plan.generationMs)} + ${s(plan.mipMs)} |`;
}

async function bench(
  label: string,
  market: MarketOptions,
  options: PlanOptions,
  targetShare: number | null,
): Promise<void> {
  const solver = highsPackingSolver(await highsLoader());
  const { listings } = generateMarket(market);
  const started = performance.now();
  const full = planMarket(new MarketCycles(listings), solver, options);
  const totalMs = performance.now() - started;
  const twoWay = planMarket(new MarketCycles(listings), solver, { ...options, twoWayOnly: true });
  const bound = full.bound.households;
  say(`### ${label}: ${fmt(listings.length)} listings`);
  say(`- bound of the whole market: ${boundText(full)}`);
  say(
    '| plan | households | % of bound | cycles generated | integer step | generation + integer |',
  );
  say('|---|---|---|---|---|---|');
  say(row('2-way and 3-way cycles', full, bound));
  say(row('2-way only', twoWay, bound));
  const share = (100 * full.households) / bound;
  const verdict =
    targetShare === null
      ? ''
      : `; target ≥ ${targetShare} % of the bound: ${share >= targetShare ? 'met' : '**missed**'}`;
  say(
    `- plan computed in ${s(totalMs)}, gap to the bound ${fmt(bound - full.households)} households (${(100 - share).toFixed(1)} %)${verdict}; 3-way cycles add ${fmt(full.households - twoWay.households)} households to 2-way swaps alone`,
  );
  say();
}

async function main(): Promise<void> {
  say(
    `${machineLine('npm run bench:plan')} Load average at start (1/5/15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' / ',
      )} — the machine is shared with other work, so times are longer than on an idle core.`,
  );
  say();
  say(
    'The plan (`shared/matching/optimiser-plan.ts`) starts from the 2-cycles, solves the LP over the cycles gathered with HiGHS, adds the cycles whose households are worth more than the LP prices of their listings (`optimiser-market.ts`, walked from the acceptance graph), and repeats; when no cycle is left to add, the LP value is the bound of the whole market. The integer program over the cycles gathered is then solved (HiGHS, time limit), warm-started by the greedy + local search, which is the fallback. Households count first, the score only breaks ties.',
  );
  say();
  await bench(
    'CINOR dense (broad wishes)',
    { size: 1000, seed: 1, density: 'broad', region: 'cinor' },
    { mipTimeLimitSeconds: 60 },
    99,
  );
  await bench(
    'CINOR sparse (narrow wishes)',
    { size: 1000, seed: 1, density: 'narrow', region: 'cinor' },
    { mipTimeLimitSeconds: 60 },
    99,
  );
  if (process.env.PLAN_MARKETS !== '1k') {
    await bench(
      'CINOR dense (broad wishes), nightly time budget',
      { size: 10_000, seed: 1, density: 'broad', region: 'cinor' },
      { initialTwoCyclesPerListing: 8, generationBudgetMs: 5 * 60_000, mipTimeLimitSeconds: 90 },
      null,
    );
  }
  writeBenchSection('plan', 'Plan de nuit (échanges recommandés)', out);
}

await main();
