/**
 * The matcher's cold start at regional scale: building its market index from what it reads of
 * the table, at 100,000 listings (100 communes, broad wishes). Run with `npm run bench:index`
 * (the collector exposed, so that heap sizes are measured after a full collection). Each build
 * starts from the matcher's projection of each listing (`marketRows`) and adds them at once
 * (`MatchingIndex.addAll`, as `MarketCache` does). An older tree of the repository
 * (`BENCH_BASE_DIR`, for example `git archive c64231e shared | tar -x -C /tmp/base` with this
 * repository's node_modules linked into /tmp/base) is built alternately with this one in the
 * same run, on the same rows. Writes its section of docs/benchmarks.md.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import {
  MARKET_ROW_FIELDS,
  listingItem,
  toListing,
  type MarketRow,
} from '../../functions/lib/db/listings';
import { candidateOf } from '../../shared/matching/candidate-of';
import { generateMarket, type MarketOptions } from '../../shared/market/generator';
import {
  MatchingIndex,
  placeNamesFrom,
  type MatchCandidate,
  type PlaceNames,
} from '../../shared/matching/index';
import { publishedListing } from './market-loader';
import { machineLine, writeBenchSection, loadAverage } from './report';

const OPTIONS: MarketOptions = {
  size: Number(process.env.BENCH_INDEX_SIZE ?? 100_000),
  seed: 1,
  density: 'broad',
  region: 'region100',
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run bench:index).');
const settle = () => new Promise((done) => setTimeout(done, 100));
/**
 * The collector's heap and the typed arrays' storage, which lives outside it. The storage of dead
 * typed arrays is released after the collection that finds them, so the count waits for it.
 */
const heapMb = async () => {
  gc();
  await settle();
  gc();
  await settle();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
};

/** The market's items as the projection of `marketRows` returns them from the table. */
function projectedItems(): { items: Record<string, unknown>[]; names: PlaceNames } {
  const market = generateMarket(OPTIONS);
  const now = new Date();
  const items = market.listings.map((listing) => {
    const item = listingItem(publishedListing(listing, now), now);
    return Object.fromEntries(MARKET_ROW_FIELDS.map((field) => [field, item[field]]));
  });
  return { items, names: placeNamesFrom(market) };
}

interface Way {
  label: string;
  engine: typeof MatchingIndex;
  /** What the way's `MarketCache` gives `addAll` of each row read. */
  candidate: (row: MarketRow) => MatchCandidate;
}

/** The previous engine, from an older tree of the repository when given (as for `bench:publish`). */
const BASE_DIR = process.env.BENCH_BASE_DIR;
const BASE_LABEL = process.env.BENCH_BASE_LABEL ?? 'an older tree';
const ways: Way[] = [
  ...(BASE_DIR
    ? [
        {
          label: `previous: engine of ${BASE_LABEL}`,
          engine: (
            (await import(resolve(BASE_DIR, 'shared/matching/index.ts'))) as {
              MatchingIndex: typeof MatchingIndex;
            }
          ).MatchingIndex,
          // Its index kept the candidates as given: its cold start copied them out of the rows.
          candidate: candidateOf,
        },
      ]
    : []),
  { label: 'now: this tree', engine: MatchingIndex, candidate: (row) => row },
];

interface Result {
  buildMs: number;
  /** Processor time of the build (all the process's threads, the collector's included). */
  cpuMs: number;
  /** Load average over the last minute when the build ended. */
  load: number;
  /** Heap held once the rows read are dropped: the index alone. */
  heldMb: number;
  /** Heap at the end of the build, rows read still held: what the cold start needs at once. */
  peakMb: number;
}

async function measure(
  way: Way,
  source: { items: Record<string, unknown>[]; names: PlaceNames },
): Promise<Result> {
  const base = await heapMb();
  // Read afresh for each build, as the SDK's unmarshalling makes new objects of every item.
  let rows: MarketRow[] | undefined = source.items.map((item) => toListing(structuredClone(item)));
  let index: MatchingIndex | undefined = new way.engine(source.names);
  const cpu = process.cpuUsage();
  const started = performance.now();
  index.addAll(rows.map(way.candidate));
  const buildMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const load = os.loadavg()[0] as number;
  const peakMb = (await heapMb()) - base;
  rows = undefined;
  const heldMb = (await heapMb()) - base;
  if (index.size !== source.items.length) throw new Error('index incomplete');
  index = undefined;
  return { buildMs, cpuMs: (user + system) / 1000, load, heldMb, peakMb };
}

const lines: string[] = [machineLine('npm run bench:index')];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};
say(`Load average at the start (1/5/15 min): ${loadAverage()}.`);
const source = projectedItems();
const results = ways.map(() => [] as Result[]);
// Alternately, so that both ways share the moments the shared machine is busy.
for (let round = 0; round < ROUNDS; round++)
  for (const [i, way] of ways.entries()) {
    const result = await measure(way, source);
    console.error(way.label, JSON.stringify(result));
    results[i]!.push(result);
  }
say(`Load average at the end: ${loadAverage()}.`);
say();
say(
  `Market: ${OPTIONS.size.toLocaleString('en')} published listings (synthetic region of 100 communes, broad wishes, seed 1), read through the projection of \`marketRows\` and added at once (\`addAll\`), as the matcher's cold start does; ${ROUNDS} builds each way, alternately. Per way: the fastest build, with its processor time and the load average (1 min) when it ended, and the smallest heap (after a full collection, typed arrays' storage outside the collector's heap included, above what the process held before the build).`,
);
say();
say(
  '| way | build (wall) | processor time of that build | load (1 min) | heap held by the index | heap at the end of the build, rows read included |',
);
say('|---|---|---|---|---|---|');
ways.forEach((way, i) => {
  const of = results[i]!;
  const fastest = of.reduce((a, b) => (b.buildMs < a.buildMs ? b : a));
  const smallest = (pick: (r: Result) => number) => Math.min(...of.map(pick)).toFixed(0);
  say(
    `| ${way.label} | ${(fastest.buildMs / 1000).toFixed(2)} s | ${(fastest.cpuMs / 1000).toFixed(2)} s | ${fastest.load.toFixed(1)} | ${smallest((r) => r.heldMb)} MB | ${smallest((r) => r.peakMb)} MB |`,
  );
});
say();
say(
  `Largest resident memory of this process over the run (every build, the rows read and the generator included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`,
);
writeBenchSection(
  'index',
  `Index du moteur au démarrage (${OPTIONS.size.toLocaleString('fr-FR')} annonces)`,
  lines,
);
