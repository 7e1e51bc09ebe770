/**
 * Chains (issue 18 item 2) on generated CINOR markets: run with `npm run bench:chains`. 1 % of the
 * market is posted as vacancies, drawn from the generator's own dwellings (so its typology mix).
 * Times, in memory, what the matcher computes: a listing's own best 10 chains (against a plain
 * scan of every vacancy and every pair of listings, at 1,000 listings only, in the same run), and
 * the work after a vacancy is posted or a listing published (every listing sharing a chain with it
 * refilled). Writes its section of docs/benchmarks.md.
 */
import os from 'node:os';
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
import { machineLine, ms, percentile, writeBenchSection } from './report';

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

const lines: string[] = [];
const print = (line: string) => {
  lines.push(line);
  console.log(line);
};

print(machineLine('npm run bench:chains'));
print('');
print(
  '| market | vacancies | build | own best 10: median / p95 | plain scan (same listings) | chains through a listing (mean) | after a vacancy is posted: listings refilled, time (median / max) | after a publication: listings refilled, time (median / p95) |',
);
print('|---|---|---|---|---|---|---|---|');
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

    const refill = (ids: Iterable<string>) => {
      let n = 0;
      for (const id of ids) {
        index.ownBestChains(id, K);
        n++;
      }
      return n;
    };
    const postTimes: number[] = [];
    const postCounts: number[] = [];
    for (const vacancy of vacancies.slice(0, CHANGES)) {
      index.removeVacancy(vacancy.id);
      const t = performance.now();
      index.upsertVacancy(vacancy);
      postCounts.push(refill(index.participantsOfVacancy(vacancy.id)));
      postTimes.push(performance.now() - t);
    }
    const publishTimes: number[] = [];
    const publishCounts: number[] = [];
    for (const listing of sample.slice(0, CHANGES * 3)) {
      const t = performance.now();
      index.upsertListing(listing);
      publishCounts.push(refill([listing.id, ...index.chainNeighboursOf(listing.id)]));
      publishTimes.push(performance.now() - t);
    }
    print(
      `| ${size.toLocaleString('en')} ${density} | ${vacancies.length} | ${ms(buildMs)} | ${ms(percentile(queryTimes, 50))} / ${ms(percentile(queryTimes, 95))} | ${scan} | ${scanned > 0 ? (through / scanned).toFixed(0) : '–'} | ${percentile(postCounts, 50)}, ${ms(percentile(postTimes, 50))} / ${ms(Math.max(...postTimes))} | ${percentile(publishCounts, 50)}, ${ms(percentile(publishTimes, 50))} / ${ms(percentile(publishTimes, 95))} |`,
    );
  }
}
print('');
print(
  `Load average after the run: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )}. Times are in memory only (the matcher also reads and writes DynamoDB for each listing it refills).`,
);
writeBenchSection('chains', 'Chaînes de mutation (bench:chains)', lines);
