/**
 * Through the local API: publishing a listing into a 10,000-listing DynamoDB Local table whose
 * proposals are stored as the matcher would have stored them (`proposal-loader.ts`), until its
 * own proposals are stored, then until every stream handler has caught up, each handler timed on
 * its own so that the slowest is named. An older tree of the repository (`BENCH_BASE_DIR`, for
 * example `git archive 9b229ea | tar -x -C /tmp/base` with its node_modules linked) is measured
 * after this one in the same run, on the same market and the same stored proposals.
 */
import { resolve } from 'node:path';
import { signSession } from '../../functions/lib/auth/session';
import type { Database } from '../../functions/lib/db/client';
import { getMatchSummary } from '../../functions/lib/db/matches';
import { createUser } from '../../functions/lib/db/users';
import { generateMarket } from '../../shared/market/generator';
import type { startLocalStack as StartLocalStack } from '../local/stack';
import { loadMarket } from './market-loader';
import { proposalsBeforePublishing, storeProposals } from './proposal-loader';
import { machineLine, ms, percentile, writeBenchSection, loadAverage } from './report';
import { RequestCounter } from './request-counter';
import { cpuMsOf, dynamoDbLocalPid } from './route-cost';

const MARKET_SIZE = Number(process.env.BENCH_MARKET_SIZE ?? 10_000);
/** Publications timed after the first one (which builds the matcher's index, timed apart). */
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 20);
const BASE_DIR = process.env.BENCH_BASE_DIR;
const BASE_LABEL = process.env.BENCH_BASE_LABEL ?? 'previous commit';
const BASE_PUBLICATIONS = Number(process.env.BENCH_BASE_PUBLICATIONS ?? 8);

type LocalStack = Awaited<ReturnType<typeof StartLocalStack>>;

const market = generateMarket({ size: MARKET_SIZE, seed: 1, density: 'broad', region: 'cinor' });
const newcomers = generateMarket({
  size: PUBLICATIONS + 1,
  seed: 2,
  density: 'broad',
  region: 'cinor',
}).listings;
const started = performance.now();
const stored = proposalsBeforePublishing(market, newcomers, new Date());
const planMs = performance.now() - started;

async function call(stack: LocalStack, path: string, token: string, body?: unknown) {
  const response = await fetch(`${stack.appUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function summaryStored(db: Database, listingId: string): Promise<boolean> {
  return (await getMatchSummary(db, listingId, { consistent: true })) !== undefined;
}

/** When each handler last caught up; an older runner keeps it in a field of the same name. */
function caughtUpAt(runner: LocalStack['runner']): Record<string, number> {
  const older = runner as unknown as { idleSince: Record<string, number> };
  return typeof runner.caughtUpAt === 'function' ? runner.caughtUpAt() : { ...older.idleSince };
}

interface Timing {
  publishMs: number;
  storedMs: number;
  settledMs: number;
  /** Per handler that had records to handle for this publication: publish → it caught up. */
  byHandler: Record<string, number>;
  /** Per handler run by the followers: the time it spent on the publication's batches. */
  inFollowers: Record<string, number>;
  /** DynamoDB Local's CPU time from the publication until every handler caught up. */
  dynamoDbLocalMs?: number;
  /** The DynamoDB requests sent meanwhile (API, matcher and followers), by operation. */
  requests: Record<string, number>;
}

/** The followers' handlers' time, added up for the publication being timed. */
let inFollowers: Record<string, number> = {};
const observeFollowers = (name: string, ms: number) => {
  inFollowers[name] = (inFollowers[name] ?? 0) + ms;
};

/** What DynamoDB Local does for one publication: its CPU time and the requests it receives. */
interface EngineWatch {
  pid?: number;
  counter: RequestCounter;
}

function watchEngine(stack: LocalStack): EngineWatch {
  const counter = new RequestCounter();
  counter.watch(stack.db.client, 'table');
  // An older runner keeps its streams client in a field of the same name.
  counter.watch(
    (stack.runner as unknown as { streams: LocalStack['runner']['streams'] }).streams,
    'stream',
  );
  return { pid: dynamoDbLocalPid(stack.dynamodbEndpoint), counter };
}

async function publishAndWait(
  stack: LocalStack,
  index: number,
  engine: EngineWatch,
): Promise<Timing> {
  const user = await createUser(
    stack.db,
    { email: `bench.${index}@bourse.local`, role: 'tenant' },
    new Date(),
  );
  const { token } = await signSession(stack.config.sessionSecret, user, new Date());
  const { id: _id, ownerId: _owner, ...input } = newcomers[index]!;
  const { id } = await call(stack, '/listings', token, input);
  await stack.runner.settled();
  const delivered = { ...stack.runner.delivered };
  inFollowers = {};
  const cpuBefore = engine.pid === undefined ? undefined : cpuMsOf(engine.pid);
  const sentBefore = engine.counter.counts();
  const startedAt = Date.now();
  const start = performance.now();
  await call(stack, `/listings/${id}/publish`, token);
  const publishMs = performance.now() - start;
  while (!(await summaryStored(stack.db, id))) await new Promise((r) => setTimeout(r, 5));
  const storedMs = performance.now() - start;
  const settledMs = (await stack.runner.settled(300, 600_000)) - startedAt;
  const byHandler: Record<string, number> = {};
  for (const [handler, at] of Object.entries(caughtUpAt(stack.runner)))
    if (stack.runner.delivered[handler] !== delivered[handler]) byHandler[handler] = at - startedAt;
  const requests = Object.fromEntries(
    [...engine.counter.counts()].map(([operation, count]) => [
      operation,
      count - (sentBefore.get(operation) ?? 0),
    ]),
  );
  return {
    publishMs,
    storedMs,
    settledMs,
    byHandler,
    inFollowers,
    requests,
    ...(cpuBefore === undefined ? {} : { dynamoDbLocalMs: cpuMsOf(engine.pid!) - cpuBefore }),
  };
}

interface Measured {
  label: string;
  loadMs: number;
  first: Timing;
  timings: Timing[];
}

async function measure(label: string, root: string, publications: number): Promise<Measured> {
  const { startLocalStack } = (await import(resolve(root, 'scripts/local/stack.ts'))) as {
    startLocalStack: typeof StartLocalStack;
  };
  let loadMs = 0;
  const stack = await startLocalStack({
    logLevel: process.env.BENCH_DEBUG ? 'debug' : 'error',
    loginLimitPerIpPerHour: 100_000,
    // The local stand-in for DynamoDB's TTL process scans the whole table at its first sweep: on a
    // bulk-loaded market that holds DynamoDB Local's only SQLite thread for a minute, which AWS's
    // TTL process never does.
    ttlSweepMs: 24 * 3_600_000,
    observeFollowers,
    beforeStreams: async (db) => {
      const loadStarted = performance.now();
      await loadMarket(db, market.listings);
      await storeProposals(db, stored);
      loadMs = performance.now() - loadStarted;
    },
  });
  try {
    const engine = watchEngine(stack);
    const first = await publishAndWait(stack, 0, engine);
    const timings: Timing[] = [];
    for (let i = 1; i <= publications; i += 1) {
      timings.push(await publishAndWait(stack, i, engine));
      console.error(`${label}: ${i}/${publications}`, JSON.stringify(timings.at(-1)));
    }
    return { label, loadMs, first, timings };
  } finally {
    await stack.stop();
  }
}

const load = loadAverage;
const loadAtStart = load();
const runs = [await measure('now', resolve(import.meta.dirname, '../..'), PUBLICATIONS)];
if (BASE_DIR) runs.push(await measure(BASE_LABEL, BASE_DIR, BASE_PUBLICATIONS));

const handlers = [
  ...new Set(runs.flatMap((r) => r.timings.flatMap((t) => Object.keys(t.byHandler)))),
];
const followerHandlers = [
  ...new Set(runs.flatMap((r) => r.timings.flatMap((t) => Object.keys(t.inFollowers)))),
];
const cells = (values: number[]) =>
  values.length === 0 ? '— | —' : `${ms(percentile(values, 50))} | ${ms(percentile(values, 95))}`;
const countCells = (values: number[]) =>
  `${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)}`;
const row = (
  label: string,
  pick: (t: Timing) => number | undefined,
  format: (values: number[]) => string = cells,
) =>
  `| ${label} | ${runs
    .map((run) => {
      const values = run.timings.map(pick).filter((v): v is number => v !== undefined);
      const share =
        values.length < run.timings.length ? ` (${values.length} of ${run.timings.length})` : '';
      return `${values.length === 0 ? '— | —' : format(values)}${share}`;
    })
    .join(' | ')} |`;
const slowest = (run: Measured) =>
  handlers
    .map(
      (h) =>
        [
          h,
          percentile(
            run.timings.flatMap((t) => t.byHandler[h] ?? []),
            95,
          ),
        ] as const,
    )
    .filter(([, p95]) => !Number.isNaN(p95))
    .sort((a, b) => b[1] - a[1])[0];

/** Every operation's count over a run's timed publications, busiest first. */
function requestsIn(run: Measured): string {
  const all = new Map<string, number>();
  for (const t of run.timings)
    for (const [operation, n] of Object.entries(t.requests))
      all.set(operation, (all.get(operation) ?? 0) + n);
  return [...all]
    .sort((a, b) => b[1] - a[1])
    .map(([operation, n]) => `${operation} ${n}`)
    .join(', ');
}

const lines = [
  machineLine('npm run bench:publish'),
  `Load average (1/5/15 min) at the start: ${loadAtStart}; at the end: ${load()}.`,
  '',
  `Market: ${MARKET_SIZE.toLocaleString('en')} published listings (synthetic CINOR market, broad wishes, seed 1) bulk-loaded into DynamoDB Local with the proposals the matcher would have stored: every proposal through each of the ${stored.read} listings whose own best the timed publications change (${stored.matches.length.toLocaleString('en')} proposals, each linked to its participants) and their counts, ${stored.items.length.toLocaleString('en')} items, found in memory in ${(planMs / 1000).toFixed(0)} s by playing the publications first (the whole market holds over a million proposals, more than DynamoDB Local takes in the time of a benchmark). Then new listings are published one after the other through the local API, each once every stream handler has caught up with the previous one. The stream has the two readers deployed on AWS (a tree before them had one per handler): the matcher polls DynamoDB Local's stream every 20 ms when idle, the followers (notifier, proposals' fan-out, statistics, purge, webhooks, side by side on each batch) every 100 ms. Each handler's time runs from the publication to the moment it has handled everything the publication caused; a handler is counted only for the publications that gave it records (how many, in brackets, when not all). Within the followers, each handler's own time on the publication's batches names the slowest of them.`,
  '',
  `| measure | ${runs.map((r) => `${r.label} p50 | ${r.label} p95`).join(' | ')} |`,
  `|---|${runs.map(() => '---|---').join('|')}|`,
  row('POST /publish answered', (t) => t.publishMs),
  row('publish → its proposals and counts stored', (t) => t.storedMs),
  row('publish → every stream handler caught up (target p95 ≤ 800 ms)', (t) => t.settledMs),
  ...handlers.map((h) => row(`publish → handler \`${h}\` caught up`, (t) => t.byHandler[h])),
  ...followerHandlers.map((h) =>
    row(`time in \`followers\` → \`${h}\` (the publication's batches)`, (t) => t.inFollowers[h]),
  ),
  row("DynamoDB Local's CPU, publish → every handler caught up", (t) => t.dynamoDbLocalMs),
  row(
    'DynamoDB requests, publish → every handler caught up',
    (t) => Object.values(t.requests).reduce((sum, n) => sum + n, 0),
    countCells,
  ),
  row(
    '… of which TransactWriteItems',
    (t) => t.requests['table TransactWriteItems'] ?? 0,
    countCells,
  ),
  '',
  ...runs.map((run) => {
    const cpu = run.timings.reduce((sum, t) => sum + (t.dynamoDbLocalMs ?? 0), 0);
    const wall = run.timings.reduce((sum, t) => sum + t.settledMs, 0);
    return `${run.label}: DynamoDB Local's CPU time is ${((100 * cpu) / wall).toFixed(0)} % of the time from the publications to every handler caught up (${(cpu / 1000).toFixed(1)} s of ${(wall / 1000).toFixed(1)} s, ${run.timings.length} publications); requests sent in all: ${requestsIn(run)}.`;
  }),
  '',
  ...runs.map(
    (run) =>
      `${run.label}: ${run.timings.length} publications timed; slowest handler at p95: \`${slowest(run)?.[0]}\`; first publication after start (builds the matcher's index from the table, no count or bound known yet): stored in ${ms(run.first.storedMs)}, every handler caught up in ${ms(run.first.settledMs)}; market and proposals loaded in ${(run.loadMs / 1000).toFixed(0)} s.`,
  ),
];
console.log(lines.join('\n'));
writeBenchSection(
  'publish',
  `Publication → propositions (API locale, ${MARKET_SIZE.toLocaleString('fr-FR')} annonces)`,
  lines,
);
