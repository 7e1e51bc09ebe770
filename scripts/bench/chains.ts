/**
 * Chains (issue 18 item 2) on generated CINOR markets: run with `npm run bench:chains`. 1 % of the
 * market is posted as vacancies, drawn from the generator's own dwellings (so its typology mix).
 * Times, in memory, what the matcher computes: a listing's own best 10 chains (against a plain
 * scan of every vacancy and every pair of listings, at 1,000 listings only, in the same run), and
 * the work after a vacancy is posted or a listing published: the previous way (every listing sharing
 * a chain with it searched again) and with each listing's bar (only those whose best it may change),
 * each after the same change, made afresh. Writes its section of docs/benchmarks.md.
 */
import {
  generateMarket,
  type GeneratedListing,
  type MarketDensity,
} from '../../shared/market/generator';
import { accepts } from '../../shared/matching/accepts';
import {
  acceptsVacancy,
  DEFAULT_CHAINS_PER_LISTING,
  distinctOwners,
  type VacancyCandidate,
} from '../../shared/matching/chains';
import { ChainIndex } from '../../shared/matching/chains-index';
import {
  type ChainChange,
  ChainOwnBest,
  chainListingsToRefill,
} from '../../shared/matching/chains-upkeep';
import { machineLine, ms, percentile, writeBenchSection, loadAverage } from './report';

const SIZES = (process.env.BENCH_SIZES ?? '1000').split(',').map(Number);
const DENSITIES = (process.env.BENCH_DENSITIES ?? 'broad,narrow').split(',') as MarketDensity[];
const QUERIES = Number(process.env.BENCH_QUERIES ?? 50);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 3);
const K = DEFAULT_CHAINS_PER_LISTING;

function marketWithVacancies(size: number, density: MarketDensity) {
  const vacancyCount = Math.max(1, Math.round(size / 100));
  const { listings } = generateMarket({
    size: size + vacancyCount,
    seed: 1,
    density,
    region: 'cinor',
  });
  const market = listings.slice(0, size);
  const vacancies: VacancyCandidate[] = listings.slice(size).map((l, i) => {
    const { tenancyRef: _t, ...dwelling } = l.dwelling;
    return { id: `V${i}`, dwelling, priority: {} };
  });
  return { market, vacancies };
}

/**
 * The plain reference: the listing first, second or third, every other mover found by scanning
 * the whole market (no bucket, no compiled rule, no memo).
 */
function scannedChainsThrough(
  start: GeneratedListing,
  market: GeneratedListing[],
  vacancies: VacancyCandidate[],
): number {
  let found = 0;
  const takes = vacancies.filter((v) => acceptsVacancy(start, v)).length;
  if (takes > 0) {
    found += takes;
    for (const b of market) {
      if (!accepts(b, start) || !distinctOwners([start, b])) continue;
      found += takes;
      for (const c of market) if (accepts(c, b) && distinctOwners([start, b, c])) found += takes;
    }
  }
  const after = market.filter((c) => accepts(c, start));
  for (const a of market) {
    if (!accepts(start, a) || !distinctOwners([a, start])) continue;
    const first = vacancies.filter((v) => acceptsVacancy(a, v)).length;
    if (first === 0) continue;
    found += first * (1 + after.filter((c) => distinctOwners([a, start, c])).length);
  }
  for (const b of market) {
    if (!accepts(start, b) || !distinctOwners([b, start])) continue;
    for (const a of market)
      if (accepts(b, a) && distinctOwners([a, b, start]))
        found += vacancies.filter((v) => acceptsVacancy(a, v)).length;
  }
  return found;
}

interface Sample {
  times: number[];
  counts: number[];
}
const sample_ = (): Sample => ({ times: [], counts: [] });
const cell = (run: Sample) =>
  `${percentile(run.counts, 50)}, ${ms(percentile(run.times, 50))} / ${ms(Math.max(...run.times))}`;

/** What the matcher now does after a change: only the listings whose best it may change are searched. */
function refillWithBars(index: ChainIndex, change: ChainChange): number {
  const own = new ChainOwnBest(index, K);
  const refill = chainListingsToRefill(own, change, []);
  for (const id of refill) own.of(id);
  return refill.length;
}

const lines: string[] = [];
const print = (line: string) => {
  lines.push(line);
  console.log(line);
};

print(machineLine('npm run bench:chains'));
print('');
print(
  '| market | vacancies | build | own best 10: median / p95 | plain scan (same listings) | chains through a listing (mean) | every bar learnt (each listing searched once) | vacancy posted, previous: every listing sharing a chain refilled (median, time median / max) | vacancy posted, with bars | publication, previous | publication, with bars |',
);
print('|---|---|---|---|---|---|---|---|---|---|---|');
for (const size of SIZES) {
  for (const density of DENSITIES) {
    const { market, vacancies } = marketWithVacancies(size, density);
    const built = performance.now();
    const index = new ChainIndex();
    for (const listing of market) index.upsertListing(listing);
    for (const vacancy of vacancies) index.upsertVacancy(vacancy);
    const buildMs = performance.now() - built;

    const step = Math.max(1, Math.floor(market.length / QUERIES));
    const sample = market.filter((_, i) => i % step === 0).slice(0, QUERIES);
    const queryTimes: number[] = [];
    let through = 0;
    for (const listing of sample) {
      index.upsertListing(listing); // a publication: the query starts cold, as in the matcher
      const t = performance.now();
      index.ownBestChains(listing.id, K);
      queryTimes.push(performance.now() - t);
    }
    let scan = 'not run (quadratic per listing)';
    let scanned = 0;
    if (size <= 1000) {
      const scanTimes: number[] = [];
      for (const listing of sample.slice(0, 10)) {
        const expected = index.chainsThrough(listing.id).length;
        through += expected;
        const t = performance.now();
        const scanned = scannedChainsThrough(listing, market, vacancies);
        scanTimes.push(performance.now() - t);
        if (scanned !== expected)
          throw new Error(`${listing.id}: ${scanned} chains scanned, ${expected} indexed`);
      }
      scanned = scanTimes.length;
      scan = `${ms(percentile(scanTimes, 50))} median (10 listings, same counts)`;
    }

    // The matcher's state once it has run a while: every listing searched once, so its bar is known.
    const learnt = performance.now();
    for (const listing of market) index.ownBestChains(listing.id, K);
    const learnMs = performance.now() - learnt;

    const searchAll = (ids: Iterable<string>) => {
      let n = 0;
      for (const id of ids) {
        index.ownBestChains(id, K);
        n++;
      }
      return n;
    };
    /** Before a change: the listings whose bar it drops are searched again, as the matcher's refill would. */
    const relearn = (ids: Iterable<string>) => {
      for (const id of ids) if (index.bars.of(id, K) === undefined) index.ownBestChains(id, K);
    };
    /** The previous way (all sharing a chain), then with bars, each after the same change made afresh. */
    const measure = (
      change: () => ChainChange,
      neighbours: () => Iterable<string>,
      undo: () => void,
      previous: Sample,
      now: Sample,
    ) => {
      for (const run of [previous, now]) {
        const around = [...neighbours()];
        undo();
        relearn(around);
        const t = performance.now();
        const made = change();
        const count =
          run === previous
            ? searchAll(
                'vacancyId' in made
                  ? index.participantsOfVacancy(made.vacancyId)
                  : [made.listingId, ...index.chainNeighboursOf(made.listingId)],
              )
            : refillWithBars(index, made);
        run.times.push(performance.now() - t);
        run.counts.push(count);
      }
    };
    const post = { previous: sample_(), now: sample_() };
    for (const vacancy of vacancies.slice(0, CHANGES))
      measure(
        () => (index.upsertVacancy(vacancy), { vacancyId: vacancy.id }),
        () => index.participantsOfVacancy(vacancy.id),
        () => index.removeVacancy(vacancy.id),
        post.previous,
        post.now,
      );
    const publish = { previous: sample_(), now: sample_() };
    for (const listing of sample.slice(0, CHANGES * 3))
      measure(
        () => (index.upsertListing(listing), { listingId: listing.id }),
        () => index.chainNeighboursOf(listing.id),
        () => index.removeListing(listing.id),
        publish.previous,
        publish.now,
      );
    print(
      `| ${size.toLocaleString('en')} ${density} | ${vacancies.length} | ${ms(buildMs)} | ${ms(percentile(queryTimes, 50))} / ${ms(percentile(queryTimes, 95))} | ${scan} | ${scanned > 0 ? (through / scanned).toFixed(0) : '–'} | ${ms(learnMs)} | ${cell(post.previous)} | ${cell(post.now)} | ${cell(publish.previous)} | ${cell(publish.now)} |`,
    );
  }
}
print('');
print(
  'Each change is made twice, afresh (undone, the listings whose bar that dropped searched again, then made again): once refilled the previous way (every listing sharing a chain with it searched again: the reference), once with the bars (`chainListingsToRefill`: the count is the listings refilled, whose best it changed; the time includes searching those whose bar the change beat or whose bar was unknown). The bars are warm, every listing searched once before (column "every bar learnt"), as once the matcher has run a while; after a cold start a listing\'s bar is unknown until its first refill, and the first changes around it cost as before. A posted vacancy is still costly on the broad market: it enters the best 10 of a few hundred listings, each searched again whole.',
);
print('');
print(
  `Load average after the run: ${loadAverage()}. Times are in memory only (the matcher also reads and writes DynamoDB for each listing it refills).`,
);
writeBenchSection('chains', 'Chaînes de mutation (bench:chains)', lines);
