/**
 * Statistics benchmark (issue 7): `npm run bench:stats`. On a local stack in memory, loads a
 * synthetic year (listings from the market generator, matches, swaps), then measures
 *  - `stats:rebuild`: the time to recompute every aggregate from the base items;
 *  - the API: p95 of a one-year, all-quartier request (autocannon on 127.0.0.1, ~10 s);
 *  - the aggregator: stream records per second through the real handler and DynamoDB Local, on a
 *    fresh table of its own: on every n-th batch of 100 consecutive records, then the whole year.
 * Writes the "## Statistiques" section of docs/benchmarks.md between the `bench:stats` markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { signSession } from '../../functions/lib/auth/session';
import { batchPutAll } from '../../functions/lib/db/batch';
import { entityOf, keyOf } from '../../functions/lib/db/model';
import { scanStatsItems } from '../../functions/lib/db/offline';
import { createDatabase, type Database } from '../../functions/lib/db/client';
import { ensureTable } from '../../functions/lib/db/table';
import { findUserByEmail } from '../../functions/lib/db/users';
import { rebuildStats } from '../../functions/lib/stats/rebuild';
import { createStatsAggregator } from '../../functions/stats/handler';
import { aggregatesFromItems } from '../../functions/lib/db/stats';
import { baseAggregator } from './stats-base';
import { startLocalStack } from '../local/stack';
import { syntheticYear } from './stats-market';
import { formatBenchmarksDoc, loadAverage } from './report';
import { autocannon, type AutocannonResult } from './autocannon';

const DOC = 'docs/benchmarks.md';
/** Stream records created per second in the synthetic backlog (a busy evening of the bourse). */
const CREATED_PER_SECOND = Number(process.env.BENCH_CREATED_PER_SECOND ?? 50);
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const SIZE = {
  listings: Number(process.env.BENCH_LISTINGS ?? 3000),
  matches: 4000,
  swaps: 600,
  seed: 7,
};
/** The previous aggregator runs on every n-th batch only: it may take minutes on the whole year. */
const SAMPLE_EVERY = Number(process.env.BENCH_SAMPLE_EVERY ?? 5);
/** `aggregator` measures the aggregator only (the rebuild and API lines are left as they were). */
const ONLY_AGGREGATOR = process.env.BENCH_STATS_PARTS === 'aggregator';
const out: string[] = [];
const aggregatorOut: string[] = [];
let into = out;
const say = (line = '') => {
  console.log(line);
  into.push(line);
};
const fmt = (value: number) =>
  value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US').replace(/,/g, ' ');
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ] ?? 0;

const year = syntheticYear(SIZE);
const baseItems = [...year.listings, ...year.matches, ...year.swaps, ...year.reviews];

async function bulkLoad(db: Database): Promise<void> {
  await batchPutAll(db, baseItems);
}

/** Without empty maps, as DynamoDB Local's stream reports them (functions/lib/stream-image.ts). */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(
        ([, v]) =>
          !(v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0),
      )
      .map(([k, v]) => [k, compact(v)]),
  );
}

/** The stream records of the year's items being written, as Lambda receives them. */
function recordsOf(items: Record<string, unknown>[]): DynamoDBRecord[] {
  const firstCreated = Math.floor(Date.now() / 1000) - Math.ceil(items.length / CREATED_PER_SECOND);
  return items.map((item, i) => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(1e20 + i),
      ApproximateCreationDateTime: firstCreated + Math.floor(i / CREATED_PER_SECOND),
      Keys: marshall(keyOf(item)) as never,
      NewImage: marshall(compact(item) as Record<string, unknown>, {
        removeUndefinedValues: true,
      }) as never,
    },
  }));
}

interface Aggregator {
  create: typeof createStatsAggregator;
  read: typeof aggregatesFromItems;
}
const current: Aggregator = { create: createStatsAggregator, read: aggregatesFromItems };

/** Every counter stored, as `month|scope|counter=value`: both aggregators must leave the same. */
async function storedCounters(db: Database, read: Aggregator['read']): Promise<string> {
  const items = await scanStatsItems(db);
  const counters = read(items).flatMap((aggregate) =>
    Object.entries(aggregate.counters)
      .filter(([, value]) => value !== 0)
      .map(([counter, value]) => `${aggregate.month}|${aggregate.scope}|${counter}=${value}`),
  );
  return counters.sort().join('\n');
}

/** An item's size as DynamoDB counts it (names and values; numbers by their digits). */
function itemBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Set) return [...value].reduce((sum, v) => sum + itemBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum, v) => sum + 1 + itemBytes(v), 0);
  if (typeof value === 'object')
    return (
      3 +
      Object.entries(value as object).reduce(
        (sum, [name, v]) => sum + Buffer.byteLength(name) + 1 + itemBytes(v),
        0,
      )
    );
  return 0;
}

/** The largest stored statistics item of each entity, in KB. */
async function largestItems(db: Database): Promise<string> {
  const largest = new Map<string, number>();
  for (const item of await scanStatsItems(db)) {
    const entity = String(entityOf(item));
    largest.set(entity, Math.max(largest.get(entity) ?? 0, itemBytes(item)));
  }
  return [...largest]
    .map(([entity, bytes]) => `${entity} ${(bytes / 1024).toFixed(1)} KB`)
    .join(', ');
}

/** A fresh table holding the year's items, for one aggregator. */
async function freshTable(stack: {
  dynamodbEndpoint: string;
  config: { region: string };
}): Promise<Database> {
  const db = createDatabase({
    tableName: `bench-stats-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    endpoint: stack.dynamodbEndpoint,
    region: stack.config.region,
  });
  await ensureTable(db);
  await bulkLoad(db);
  return db;
}

/**
 * Records per second of each aggregator over `records`, each on a table of its own, batch after
 * batch in turn (previous, current, previous…): on a shared machine both see the same load.
 */
async function aggregatorRates(
  stack: { dynamodbEndpoint: string; config: { region: string } },
  creators: Aggregator[],
  records: DynamoDBRecord[],
): Promise<Array<{ rate: number; counters: string; largest: string }>> {
  const dbs = await Promise.all(creators.map(() => freshTable(stack)));
  try {
    const aggregators = creators.map(({ create }, i) =>
      create({ db: dbs[i]!, now: () => new Date() }),
    );
    const spent = creators.map(() => 0);
    for (let start = 0; start < records.length; start += 100) {
      for (const [i, aggregate] of aggregators.entries()) {
        const started = performance.now();
        const { batchItemFailures } = await aggregate({
          Records: records.slice(start, start + 100),
        });
        spent[i]! += performance.now() - started;
        if (batchItemFailures.length > 0) throw new Error('aggregator failed a record');
      }
    }
    return await Promise.all(
      dbs.map(async (db, i) => ({
        rate: records.length / (spent[i]! / 1000),
        counters: await storedCounters(db, creators[i]!.read),
        largest: await largestItems(db),
      })),
    );
  } finally {
    for (const db of dbs) await db.client.send(new DeleteTableCommand({ TableName: db.tableName }));
  }
}

async function benchAggregator(stack: {
  dynamodbEndpoint: string;
  config: { region: string };
}): Promise<void> {
  // In the order the items were created, as the stream delivers a busy period: a listing before
  // the matches and swaps that name it.
  const when = (item: Record<string, unknown>) => String(item.createdAt ?? item.decidedAt ?? '');
  const records = recordsOf([...baseItems].sort((a, b) => when(a).localeCompare(when(b))));
  // Whole batches of consecutive records, as a shard delivers them: every n-th batch of 100.
  const sample = records.filter((_, i) => Math.floor(i / 100) % SAMPLE_EVERY === 0);
  say(
    `- aggregator, one handler, batches of 100 applied one after the other as on one shard; records in the order their items were created, ${CREATED_PER_SECOND} a second; each run on a fresh table of its own holding the year's ${fmt(baseItems.length)} items; first the whole year through the current aggregator, then every ${SAMPLE_EVERY}th batch of 100 consecutive records of the year (${fmt(sample.length)} records) through the previous and the current one taking turns batch by batch:`,
  );
  // The whole year first, on a DynamoDB Local that has not yet held the side-by-side tables
  // (deleted tables slow it down for the rest of the run).
  if (process.env.BENCH_STATS_FULL_YEAR !== '0') {
    const [whole] = await aggregatorRates(stack, [current], records);
    say(
      `  - current, the whole year: ${fmt(records.length)} stream records (${fmt(year.listings.length)} listings, ${fmt(year.matches.length)} matches, ${fmt(year.swaps.length)} swaps, ${fmt(year.reviews.length)} refused reviews) → **${fmt(whole!.rate)} records/s** (target ≥ 1 000)`,
    );
    say(`  - largest items stored after the whole year: ${whole!.largest}`);
  }
  const base = await baseAggregator();
  const [previous, now] = await aggregatorRates(stack, [base, current], sample);
  say(
    `  - previous (${base.label}: one conditional update per aggregate item, an item per month and scope, 16 in parallel): **${fmt(previous!.rate)} records/s**`,
  );
  say(
    `  - current (${commit}: two items per month holding every scope's counters, one per year for the stock, each batch written in one transaction with the ids of the changes counted, items kept between batches and written under their version): **${fmt(now!.rate)} records/s** (× ${(now!.rate / previous!.rate).toFixed(1)})`,
  );
  const same = now!.counters === previous!.counters;
  say(
    `  - stored counters identical after both runs: ${same ? 'yes' : '**NO**'} (${fmt(now!.counters.split('\n').length)} counters)`,
  );
  if (!same) process.exitCode = 1;
}

async function benchApi(url: string, token: string): Promise<number> {
  const latencies: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: 10, duration: 10, headers: { authorization: `Bearer ${token}` } },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const p95 = percentile(latencies, 95);
  say(
    `- API \`GET /api/stats/quartiers?from=2026-01&to=2026-12\` (all quartiers, one year), autocannon 10 connections × 10 s on 127.0.0.1: ${fmt(result.requests.total)} requests, ${result.requests.average.toFixed(0)} req/s, median ${percentile(latencies, 50).toFixed(1)} ms, **p95 ${p95.toFixed(1)} ms** (target ≤ 100 ms), p99 ${percentile(latencies, 99).toFixed(1)} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
  );
  return p95;
}

const stack = await startLocalStack({
  logLevel: 'error',
  beforeStreams: ONLY_AGGREGATOR ? undefined : bulkLoad,
});
const machine = () =>
  `Machine: ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}; Node ${process.version}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average ${loadAverage()} (shared machine); commit measured ${commit}.`;
try {
  if (!ONLY_AGGREGATOR) {
    say('## Statistiques');
    say();
    say(machine());
    say(
      'Command: `npm run bench:stats` (`scripts/bench/stats.ts`). Local stack in memory (DynamoDB Local); synthetic year from `shared/market/generator.ts` (seed 7) plus synthesized matches and swaps (`scripts/bench/stats-market.ts`).',
    );
    say();
    const rebuild = await rebuildStats(stack.db);
    say(
      `- \`stats:rebuild\`: ${fmt(rebuild.sourceItems)} base items scanned, ${fmt(rebuild.aggregates)} aggregates written in **${(rebuild.ms / 1000).toFixed(1)} s**`,
    );
    const user = await findUserByEmail(stack.db, 'cinor@bourse.local');
    if (!user) throw new Error('compte cinor absent');
    const { token } = await signSession(stack.config.sessionSecret, user, new Date());
    const url = `${stack.appUrl.replace('localhost', '127.0.0.1')}/api/stats/quartiers?from=2026-01&to=2026-12`;
    const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await check.json()) as { rows: Array<{ newListings: number | string }> };
    say(
      `- response: ${body.rows.length} quartier rows, ${fmt(JSON.stringify(body).length / 1024)} KB of JSON`,
    );
    await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await benchApi(url, token);
  }
  into = aggregatorOut;
  say('### Agrégateur de statistiques');
  say();
  say(machine());
  say();
  // Tables of their own: no stream handler of the stack competes with the aggregator measured.
  await benchAggregator(stack);
} finally {
  await stack.stop();
}

/** Replaces the text between a section's markers (appends the section when absent). */
function writeSection(doc: string, name: string, lines: string[]): string {
  const [start, end] = [`<!-- ${name} -->`, `<!-- /${name} -->`];
  const section = `${start}\n${lines.join('\n')}\n${end}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  return from >= 0 && to > from
    ? doc.slice(0, from) + section + doc.slice(to + end.length)
    : `${doc.trimEnd()}\n\n${section}\n`;
}

if (existsSync(DOC)) {
  let doc = readFileSync(DOC, 'utf8');
  if (out.length > 0) doc = writeSection(doc, 'bench:stats', out);
  doc = writeSection(doc, 'bench:stats-aggregator', aggregatorOut);
  writeFileSync(DOC, doc);
  formatBenchmarksDoc();
  console.log(`\n${DOC} updated.`);
}
process.exit(0);
