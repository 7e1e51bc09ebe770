/**
 * The matcher's cold start at regional scale: building its market index from what it reads of
 * the table, at 100,000 listings (100 communes, broad wishes). Run with `npm run bench:index`
 * (the collector exposed, so that heap sizes are measured after a full collection). Measured side
 * by side in the same run: the previous way (whole listings as the table returns them, added one
 * by one) and the current one (the matcher's projection of each listing, `marketRows`, added at
 * once with `MatchingIndex.addAll`). Writes its section of docs/benchmarks.md.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import { listingItem, toListing, type MarketRow } from '../../functions/lib/db/listings';
import { candidateOf } from '../../functions/lib/matching/market-cache';
import { generateMarket, type MarketOptions } from '../../shared/market/generator';
import { MatchingIndex, placeNamesFrom, type PlaceNames } from '../../shared/matching/index';
import type { Listing } from '../../shared/schemas/listing';
import { publishedListing } from './market-loader';
import { machineLine, writeBenchSection } from './report';

const OPTIONS: MarketOptions = {
  size: Number(process.env.BENCH_INDEX_SIZE ?? 100_000),
  seed: 1,
  density: 'broad',
  region: 'region100',
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MARKET_ROW_FIELDS = [
  'id',
  'ownerId',
  'dwelling',
  'household',
  'wishes',
  'status',
  'verification',
  'expiresAt',
  'version',
] as const;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run bench:index).');
/** The collector's heap and the typed arrays' storage, which lives outside it. */
const heapMb = () => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
};

/** The table's items for the market, as a query of the market index returns them. */
function marketItems(): { items: Record<string, unknown>[]; names: PlaceNames } {
  const market = generateMarket(OPTIONS);
  const now = new Date();
  return {
    items: market.listings.map((l) => listingItem(publishedListing(l, now), now)),
    names: placeNamesFrom(market),
  };
}

interface Way {
  label: string;
  engine: typeof MatchingIndex;
  /** What the matcher reads of each item (done by DynamoDB for a projection). */
  read: (item: Record<string, unknown>) => Listing | MarketRow;
  build: (index: MatchingIndex, rows: (Listing | MarketRow)[]) => void;
}

/** The previous engine, from an older tree of the repository when given (as for `bench:publish`). */
const BASE_DIR = process.env.BENCH_BASE_DIR;
const BASE_LABEL = process.env.BENCH_BASE_LABEL ?? 'an older tree';
const Previous = BASE_DIR
  ? (
      (await import(resolve(BASE_DIR, 'shared/matching/index.ts'))) as {
        MatchingIndex: typeof MatchingIndex;
      }
    ).MatchingIndex
  : MatchingIndex;

const ways: Way[] = [
  {
    label: `previous: whole listings, added one by one (\`upsert\`)${BASE_DIR ? `, engine of ${BASE_LABEL}` : ''}`,
    engine: Previous,
    read: (item) => toListing(item),
    build: (index, rows) => rows.forEach((row) => index.upsert(candidateOf(row))),
  },
  {
    label: 'now: the projection `marketRows` reads, added at once (`addAll`)',
    engine: MatchingIndex,
    read: (item) =>
      toListing(Object.fromEntries(MARKET_ROW_FIELDS.map((field) => [field, item[field]]))),
    build: (index, rows) => index.addAll(rows.map(candidateOf)),
  },
];

interface Result {
  buildMs: number;
  /** Heap held once the rows read are dropped: the index alone. */
  heldMb: number;
  /** Heap at the end of the build, rows read still held: what the cold start needs at once. */
  peakMb: number;
}

function measure(
  way: Way,
  source: { items: Record<string, unknown>[]; names: PlaceNames },
): Result {
  const base = heapMb();
  let rows: (Listing | MarketRow)[] | undefined = source.items.map(way.read);
  let index: MatchingIndex | undefined = new way.engine(source.names);
  const started = performance.now();
  way.build(index, rows);
  const buildMs = performance.now() - started;
  const peakMb = heapMb() - base;
  rows = undefined;
  const heldMb = heapMb() - base;
  if (index.size !== source.items.length) throw new Error('index incomplete');
  index = undefined;
  return { buildMs, heldMb, peakMb };
}

const lines: string[] = [machineLine('npm run bench:index')];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
say(`Load average at the start (1/5/15 min): ${loadAverage()}.`);
const source = marketItems();
const results = ways.map(() => [] as Result[]);
// Alternately, so that both ways share the moments the shared machine is busy.
for (let round = 0; round < ROUNDS; round++)
  ways.forEach((way, i) => {
    const result = measure(way, source);
    console.error(way.label, JSON.stringify(result));
    results[i]!.push(result);
  });
const best = (of: Result[], pick: (r: Result) => number) => Math.min(...of.map(pick));
say(`Load average at the end: ${loadAverage()}.`);
say();
say(
  `Market: ${OPTIONS.size.toLocaleString('en')} published listings (synthetic region of 100 communes, broad wishes, seed 1), as the table's market index returns them, built into the matcher's index ${ROUNDS} times each way, alternately; fastest build and smallest heap kept (the heap after a full collection plus the typed arrays' storage outside it, above what the process held before).`,
);
say();
say('| way | build | heap held by the index | heap at the end of the build, rows read included |');
say('|---|---|---|---|');
ways.forEach((way, i) => {
  const of = results[i]!;
  say(
    `| ${way.label} | ${(best(of, (r) => r.buildMs) / 1000).toFixed(2)} s | ${best(of, (r) => r.heldMb).toFixed(0)} MB | ${best(of, (r) => r.peakMb).toFixed(0)} MB |`,
  );
});
say();
say(
  `Largest resident memory of this process over the run (both ways, the market's items and the generator included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`,
);
writeBenchSection(
  'index',
  `Index du moteur au démarrage (${OPTIONS.size.toLocaleString('fr-FR')} annonces)`,
  lines,
);
