/**
 * Through the local API: publishing a listing into a 10,000-listing DynamoDB Local table until
 * its proposals are stored (the matcher runs from the stream, as on AWS). The brute-force
 * reference (every pair and triple through the new listing) is timed in the same run.
 */
import os from 'node:os';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { signSession } from '../../functions/lib/auth/session';
import { keys } from '../../functions/lib/db/model';
import { createUser } from '../../functions/lib/db/users';
import { bruteForceCyclesThrough } from '../../shared/matching/index';
import { generateMarket } from '../../shared/market/generator';
import { startLocalStack } from '../local/stack';
import { loadMarket } from './market-loader';
import { machineLine, ms, percentile, writeBenchSection } from './report';

const MARKET_SIZE = Number(process.env.BENCH_MARKET_SIZE ?? 10_000);
const NEW_LISTINGS = Number(process.env.BENCH_NEW_LISTINGS ?? 100);

const market = generateMarket({ size: MARKET_SIZE, seed: 1, density: 'broad', region: 'cinor' });
const BURST = Number(process.env.BENCH_BURST ?? 30);
const newcomers = generateMarket({
  size: NEW_LISTINGS + BURST,
  seed: 2,
  density: 'broad',
  region: 'cinor',
}).listings;
let loadMs = 0;
const stack = await startLocalStack({
  logLevel: process.env.BENCH_DEBUG ? 'debug' : 'error',
  loginLimitPerIpPerHour: 100_000,
  beforeStreams: async (db) => {
    const started = performance.now();
    await loadMarket(db, market.listings);
    loadMs = performance.now() - started;
  },
});

async function call(path: string, token: string, body?: unknown) {
  const response = await fetch(`${stack.appUrl}/api${path}`, {
    method: body === undefined ? 'POST' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function summaryStored(listingId: string): Promise<boolean> {
  const { Item } = await stack.db.doc.send(
    new GetCommand({
      TableName: stack.db.tableName,
      Key: keys.matchSummary(listingId),
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}

interface Timing {
  publishMs: number;
  storedMs: number;
  /** Until every stream handler caught up: the other listings' refills and counts, digests, statistics. */
  settledMs?: number;
}

async function publishAndWait(index: number, paced: boolean): Promise<Timing> {
  const user = await createUser(
    stack.db,
    { email: `bench.${index}@bourse.local`, role: 'tenant' },
    new Date(),
  );
  const { token } = await signSession(stack.config.sessionSecret, user, new Date());
  const { id: _id, ownerId: _owner, ...input } = newcomers[index]!;
  const { id } = await call('/listings', token, input);
  if (paced) await stack.runner.settled();
  const started = performance.now();
  const startedAt = Date.now();
  await call(`/listings/${id}/publish`, token);
  const publishMs = performance.now() - started;
  while (!(await summaryStored(id))) await new Promise((resolve) => setTimeout(resolve, 5));
  const storedMs = performance.now() - started;
  return paced
    ? { publishMs, storedMs, settledMs: (await stack.runner.settled()) - startedAt }
    : { publishMs, storedMs };
}

const row = (label: string, values: number[]) =>
  `| ${label} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 95))} | ${ms(Math.max(...values))} |`;

try {
  // The first publication builds the matcher's index from the table: measured apart.
  const warm = await publishAndWait(0, true);
  const results: Timing[] = [];
  for (let i = 1; i < NEW_LISTINGS; i += 1) results.push(await publishAndWait(i, true));
  const stored = results.map((r) => r.storedMs);
  const publish = results.map((r) => r.publishMs);
  const settled = results.map((r) => r.settledMs!);
  // The same, back to back: each publication comes as soon as the previous one's proposals are stored.
  const burst: Timing[] = [];
  for (let i = 0; i < BURST; i += 1) burst.push(await publishAndWait(NEW_LISTINGS + i, false));

  const sample = newcomers.slice(0, 5);
  const bruteStarted = performance.now();
  for (const listing of sample) bruteForceCyclesThrough(listing, [...market.listings, listing]);
  const bruteMs = (performance.now() - bruteStarted) / sample.length;

  const lines = [
    machineLine('npm run bench:publish'),
    `Load average at the end (1/5/15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}.`,
    '',
    `Market: ${MARKET_SIZE.toLocaleString('en')} published listings (synthetic CINOR market, broad wishes, seed 1) bulk-loaded into DynamoDB Local in ${(loadMs / 1000).toFixed(1)} s; ${NEW_LISTINGS - 1} new listings published one after the other through the local API, each once the stream handlers have caught up with the previous one. The matcher polls DynamoDB Local's stream every 20 ms when idle, the other handlers every 100 ms.`,
    '',
    "The matcher first stores the new listing's own proposals (every 2-way through it and its best 50 3-ways, those not stored yet, each linked to every participant) with its counts; then it refills the listings whose own best the publication changed and recounts every listing it accepts or that accepts it; the fan-out files the answer reminders and sends the day's digest. The machine is shared: note the load average below.",
    '',
    '| measure | p50 | p95 | max |',
    '|---|---|---|---|',
    row('POST /publish answered', publish),
    row('publish → its proposals and counts stored (target p95 ≤ 300 ms)', stored),
    row(
      'publish → every stream handler caught up (other listings refilled and recounted, digests, statistics)',
      settled,
    ),
    row(
      `back to back (${BURST} publications, each as soon as the previous one's proposals are stored): publish → its proposals and counts stored`,
      burst.map((r) => r.storedMs),
    ),
    '',
    `First publication after start (builds the matcher's index from the table): ${ms(warm.storedMs)}.`,
    `Reference: brute force (every pair and triple through the new listing, in memory, no I/O) takes ${ms(bruteMs)} per listing on the same market: ${(bruteMs / percentile(stored, 50)).toFixed(0)}× the median end-to-end time through the API, stream and DynamoDB.`,
  ];
  console.log(lines.join('\n'));
  writeBenchSection(
    'publish',
    `Publication → propositions (API locale, ${MARKET_SIZE.toLocaleString('fr-FR')} annonces)`,
    lines,
  );
} finally {
  await stack.stop();
}
