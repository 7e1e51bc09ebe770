/**
 * Nightly plan benchmark (issues 17 and 18): run with `npm run bench:plan`. On the generator's
 * markets, with 0 %, 1 % and 3 % of the market posted as vacant dwellings: the households the plan
 * moves (through cycles and through chains) against the bound of the whole market (LP over ALL
 * 2- and 3-cycles and chains), households moved per vacancy, and two references computed in the
 * same run: 2-way swaps only, and the chains found afterwards among the listings the plan without
 * vacancies left (what posting vacancies one by one after the swaps would give). Writes its section
 * of docs/benchmarks.md. `PLAN_MARKETS=1k` skips the 10 000-listing market (one plan, 3 % vacancies).
 */
import highsLoader from 'highs';
import type { GeneratedMarket, MarketOptions } from '../../shared/market/generator';
import { generateMarket } from '../../shared/market/generator';
import { MarketCycles } from '../../shared/matching/optimiser-market';
import { highsPackingSolver, type PackingSolver } from '../../shared/matching/optimiser-solver';
import {
  planMarket,
  type MarketPlan,
  type PlanOptions,
} from '../../shared/matching/optimiser-plan';
import { machineLine, writeBenchSection, loadAverage } from './report';

const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};
const fmt = (value: number) => Math.round(value).toLocaleString('en-US').replace(/,/g, ' ');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`;

function boundText(plan: MarketPlan): string {
  if (plan.bound.kind === 'in-cycles')
    return `${fmt(plan.bound.households)} (listings in a cycle or chain; LP not reached in time)`;
  return `${fmt(plan.bound.households)} (LP, ${plan.bound.exact ? 'exact' : 'bounded by its prices'})`;
}

interface Run {
  share: number;
  vacancies: number;
  plan: MarketPlan;
  totalMs: number;
}

const throughChains = (plan: MarketPlan) =>
  plan.cycles.filter((c) => c.vacancyId !== undefined).reduce((sum, c) => sum + c.size, 0);
const chainsOf = (plan: MarketPlan) => plan.cycles.filter((c) => c.vacancyId !== undefined);

function runPlan(
  solver: PackingSolver,
  market: GeneratedMarket,
  share: number,
  options: PlanOptions,
): Run {
  const started = performance.now();
  const plan = planMarket(
    new MarketCycles(market.listings, new Set(), market.vacancies),
    solver,
    options,
  );
  return { share, vacancies: market.vacancies.length, plan, totalMs: performance.now() - started };
}

/** The chains among the listings a plan without vacancies leaves: vacancies handled after the swaps. */
function afterwards(
  solver: PackingSolver,
  market: GeneratedMarket,
  withoutVacancies: MarketPlan,
): number {
  const moved = new Set(withoutVacancies.cycles.flatMap((c) => c.listingIds));
  const left = market.listings.filter((l) => !moved.has(l.id));
  return planMarket(new MarketCycles(left, new Set(), market.vacancies), solver, {
    mipTimeLimitSeconds: 60,
  }).households;
}

function row(run: Run, base: Run | undefined, sequential: number | undefined): string {
  const { plan } = run;
  const chains = chainsOf(plan);
  const viaChains = throughChains(plan);
  const added =
    base === undefined || run.vacancies === 0 ? undefined : plan.households - base.plan.households;
  const perVacancy =
    added !== undefined
      ? `**${(added / run.vacancies).toFixed(2)}** (+${fmt(added)})`
      : run.vacancies > 0
        ? `${(viaChains / run.vacancies).toFixed(2)} moved through chains per vacancy (no plan without vacancies in this run)`
        : '—';
  const perChain = chains.length === 0 ? '—' : (viaChains / chains.length).toFixed(2);
  return [
    `${fmt(run.vacancies)} (${(100 * run.share).toFixed(0)} %)`,
    `**${fmt(plan.households)}**`,
    `${fmt(plan.households - viaChains)}`,
    `${fmt(viaChains)} in ${fmt(chains.length)} chains (${perChain} per chain)`,
    boundText(plan),
    pct(plan.households, plan.bound.households),
    perVacancy,
    sequential === undefined ? '—' : fmt(sequential),
    `${fmt(plan.columns)} / ${plan.rounds} rounds / ${plan.method} (${plan.mipStatus})`,
    `${s(plan.generationMs)} + ${s(plan.mipMs)}`,
  ].join(' | ');
}

const HEADER = [
  '| vacancies posted | households moved | through cycles | through chains | bound of the market | % of bound | households per vacancy (added to the plan without vacancies) | swaps first, then chains among the rest | columns / rounds / integer step | generation + integer |',
  '|---|---|---|---|---|---|---|---|---|---|',
];

async function bench(
  label: string,
  options: MarketOptions,
  shares: readonly number[],
  planOptions: PlanOptions,
  twoWayReference: boolean,
): Promise<void> {
  const solver = highsPackingSolver(await highsLoader());
  const runs: Run[] = [];
  for (const share of shares) {
    const market = generateMarket({ ...options, vacancyShare: share });
    runs.push(runPlan(solver, market, share, planOptions));
    console.log(`  ${label}, ${share * 100} %: ${runs.at(-1)?.plan.households} households`);
  }
  const base = runs.find((r) => r.vacancies === 0);
  say(`### ${label}: ${fmt(options.size)} listings`);
  HEADER.forEach((line) => say(line));
  for (const run of runs) {
    const sequential =
      base === undefined || run.vacancies === 0
        ? undefined
        : base.plan.households +
          afterwards(solver, generateMarket({ ...options, vacancyShare: run.share }), base.plan);
    say(`| ${row(run, base, sequential)} |`);
  }
  if (twoWayReference) {
    const listings = generateMarket(options).listings;
    const twoWay = planMarket(new MarketCycles(listings), solver, {
      ...planOptions,
      twoWayOnly: true,
    });
    say(
      `- 2-way swaps only, no vacancy: ${fmt(twoWay.households)} households (${pct(twoWay.households, base?.plan.bound.households ?? 0)} of the bound without vacancies).`,
    );
  }
  for (const run of runs)
    say(
      `- ${(100 * run.share).toFixed(0)} %: plan computed in ${s(run.totalMs)}, gap to the bound ${fmt(run.plan.bound.households - run.plan.households)} households; ${fmt(chainsOf(run.plan).length)} of ${fmt(run.vacancies)} vacancies start a chain.`,
    );
  say();
}

async function main(): Promise<void> {
  say(
    `${machineLine('npm run bench:plan')} Load average at start (1/5/15 min): ${loadAverage()} — the machine is shared with other work, so times are longer than on an idle core.`,
  );
  say();
  say(
    "The plan (`shared/matching/optimiser-plan.ts`) starts from the 2-cycles, solves the LP over the columns gathered with HiGHS, adds the cycles and chains whose households are worth more than the LP prices of their listings and vacancies (`optimiser-market.ts`, `optimiser-chains.ts`, walked from the acceptance graph), and repeats; when none is left to add, the LP value is the bound of the whole market. The integer program over the columns gathered is then solved (HiGHS, time limit), warm-started by the greedy + local search, which is the fallback. Households count first, then a vacancy's priority households, then the scores. A chain of k movers moves k households; each vacancy and each listing is used once.",
  );
  say();
  say(
    'Vacancies are drawn by the market generator from the market\'s own typology and commune mix (a quarter ask for an over-occupied household, half of the accessible ones put households needing accessibility first); the listings are the same at 0, 1 and 3 %. **Households per vacancy** is what posting the vacancies adds to the plan without them, divided by the vacancies posted: the figure a lessor can expect from one vacancy. The column "swaps first, then chains among the rest" is the simple reference: the plan without vacancies, then the best chains among the listings it left.',
  );
  say();
  const shares = [0, 0.01, 0.03];
  await bench(
    'CINOR dense (broad wishes)',
    { size: 1000, seed: 1, density: 'broad', region: 'cinor' },
    shares,
    { mipTimeLimitSeconds: 90 },
    true,
  );
  await bench(
    'CINOR sparse (narrow wishes)',
    { size: 1000, seed: 1, density: 'narrow', region: 'cinor' },
    shares,
    { mipTimeLimitSeconds: 90 },
    true,
  );
  if (process.env.PLAN_MARKETS !== '1k') {
    await bench(
      'CINOR dense (broad wishes), nightly time budget, one plan',
      { size: 10_000, seed: 1, density: 'broad', region: 'cinor' },
      [0.03],
      { initialTwoCyclesPerListing: 8, generationBudgetMs: 5 * 60_000, mipTimeLimitSeconds: 90 },
      false,
    );
  }
  writeBenchSection('plan', 'Plan de nuit (échanges recommandés et chaînes)', out);
}

await main();
