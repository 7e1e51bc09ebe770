/**
 * Mixed traffic on the local stack holding a 10,000-listing market whose proposals are stored as
 * the matcher would have stored them (`proposal-loader.ts`): 40 tenants publish through the API,
 * every stream handler catches up, then proposals, listing reads, renewals (a publish-path
 * write), yes/no answers and statistics run at 50 concurrent connections for 60 s (autocannon on
 * 127.0.0.1). Zero 5xx expected; throughput and latency per route. An older tree of the
 * repository (`BENCH_BASE_DIR`, as for `bench:publish`) is measured after this one in the same
 * run, on the same market and stored proposals.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { signSession } from '../../functions/lib/auth/session';
import { createUser, findUserByEmail } from '../../functions/lib/db/users';
import { generateMarket } from '../../shared/market/generator';
import type { startLocalStack as StartLocalStack } from '../local/stack';
import { loadMarket } from './market-loader';
import { proposalsBeforePublishing, storeProposals } from './proposal-loader';
import { machineLine, percentile, writeBenchSection, loadAverage } from './report';
import { RequestCounter } from './request-counter';
import { measureRouteCosts, routeCostTable, type RouteCost } from './route-cost';

interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DURATION = Number(process.env.BENCH_DURATION ?? 60);
const MARKET_SIZE = Number(process.env.BENCH_MARKET_SIZE ?? 10_000);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 40);
const BASE_DIR = process.env.BENCH_BASE_DIR;
const BASE_LABEL = process.env.BENCH_BASE_LABEL ?? 'previous commit';

type LocalStack = Awaited<ReturnType<typeof StartLocalStack>>;

const market = generateMarket({ size: MARKET_SIZE, seed: 1, density: 'broad', region: 'cinor' });
const newcomers = generateMarket({
  size: TENANTS,
  seed: 3,
  density: 'broad',
  region: 'cinor',
}).listings;
/**
 * The proposals to bulk-load, found again for each tree and let go once stored: held for the whole
 * run, hundreds of thousands of them would weigh on every collection of the heap the API and the
 * stream handlers share.
 */
function proposalsToStore() {
  const started = performance.now();
  const stored = proposalsBeforePublishing(market, newcomers, new Date());
  return { stored, ms: performance.now() - started };
}
let loaded = { proposals: 0, listings: 0, planMs: 0 };

/** Tenants who publish through the API, so that they have stored proposals to read and answer. */
async function activeTenants(stack: LocalStack) {
  const tenants = [];
  for (const [index, generated] of newcomers.entries()) {
    const user = await createUser(
      stack.db,
      { email: `charge.${index}@bourse.local`, role: 'tenant' },
      new Date(),
    );
    const { token } = await signSession(stack.config.sessionSecret, user, new Date());
    const { id: _id, ownerId: _owner, ...input } = generated;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const created = (await (
      await fetch(`${stack.appUrl}/api/listings`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input),
      })
    ).json()) as { id: string };
    await fetch(`${stack.appUrl}/api/listings/${created.id}/publish`, { method: 'POST', headers });
    tenants.push({ token, listingId: created.id });
  }
  return tenants;
}

async function firstMatchId(stack: LocalStack, token: string): Promise<string | undefined> {
  const matches = (await (
    await fetch(`${stack.appUrl}${PROPOSALS_PAGE}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as Array<{ id: string }>;
  return matches[0]?.id;
}

/**
 * What "Mes propositions" asks for (web/src/app.html preloads it): its first 20. A tree without
 * pages ignores `limit` and answers every proposal the page lists, as its page did.
 */
const PROPOSALS_PAGE = '/api/matches?limit=20';

type Request = { method: string; path: string; token: string; body?: string };

function run(
  stack: LocalStack,
  name: string,
  connections: number,
  requests: Request[],
  seconds = DURATION,
) {
  const latencies: number[] = [];
  let serverErrors = 0;
  return new Promise<{
    name: string;
    result: AutocannonResult;
    latencies: number[];
    serverErrors: number;
  }>((resolve, reject) => {
    let next = 0;
    const instance = autocannon(
      {
        url: stack.appUrl.replace('localhost', '127.0.0.1'),
        connections,
        duration: seconds,
        requests: [
          {
            setupRequest: (request: Record<string, unknown>) => {
              const chosen = requests[next++ % requests.length]!;
              return {
                ...request,
                method: chosen.method,
                path: chosen.path,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${chosen.token}`,
                },
                body: chosen.body,
              };
            },
          },
        ],
      },
      (error, result) =>
        error ? reject(error) : resolve({ name, result, latencies, serverErrors }),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 500) serverErrors += 1;
    });
  });
}

interface RouteRun {
  name: string;
  result: AutocannonResult;
  latencies: number[];
  serverErrors: number;
}
interface Measured {
  label: string;
  tenants: number;
  settleMs: number;
  /** Node's heap (API, stream handlers and load generator share the process) when the mix starts. */
  heapMb: number;
  runs: RouteRun[];
  requests: string[];
  costs?: RouteCost[];
}

const CONNECTIONS = [15, 15, 5, 5, 10];
/** After the mix, each route alone, to measure what one of its requests costs. */
const ALONE_CONNECTIONS = 10;
const ALONE_SECONDS = Number(process.env.BENCH_ALONE_SECONDS ?? 10);

async function measure(label: string, root: string): Promise<Measured> {
  const { startLocalStack } = (await import(resolve(root, 'scripts/local/stack.ts'))) as {
    startLocalStack: typeof StartLocalStack;
  };
  const stack = await startLocalStack({
    logLevel: 'error',
    loginLimitPerIpPerHour: 1_000_000,
    // The local stand-in for DynamoDB's TTL process scans the whole table at its first sweep: on a
    // bulk-loaded market that holds DynamoDB Local's only SQLite thread for a minute, which AWS's
    // TTL process never does.
    ttlSweepMs: 24 * 3_600_000,
    beforeStreams: async (db) => {
      await loadMarket(db, market.listings);
      const { stored, ms } = proposalsToStore();
      await storeProposals(db, stored);
      loaded = { proposals: stored.matches.length, listings: stored.read, planMs: ms };
    },
  });
  try {
    const settleStarted = Date.now();
    const tenants = await activeTenants(stack);
    // The load starts once every stream handler has handled what the publications caused.
    const settleMs = (await stack.runner.settled(1_000, 1_800_000)) - settleStarted;
    const matchIds = (
      await Promise.all(
        tenants.map(async (t) => ({ ...t, matchId: await firstMatchId(stack, t.token) })),
      )
    ).filter((t) => t.matchId);
    const cinor = await findUserByEmail(stack.db, 'cinor@bourse.local');
    const cinorToken = (await signSession(stack.config.sessionSecret, cinor!, new Date())).token;
    const routes: Array<[string, Request[]]> = [
      [
        `GET ${PROPOSALS_PAGE}`,
        tenants.map((t) => ({ method: 'GET', path: PROPOSALS_PAGE, token: t.token })),
      ],
      [
        'GET /api/listings/{id}',
        tenants.map((t) => ({
          method: 'GET',
          path: `/api/listings/${t.listingId}`,
          token: t.token,
        })),
      ],
      [
        'POST /api/listings/{id}/renew',
        tenants.map((t) => ({
          method: 'POST',
          path: `/api/listings/${t.listingId}/renew`,
          token: t.token,
        })),
      ],
      [
        'POST /api/matches/{id}/interest',
        matchIds.map((t) => ({
          method: 'POST',
          path: `/api/matches/${t.matchId}/interest`,
          token: t.token,
          body: JSON.stringify({ interested: true }),
        })),
      ],
      [
        'GET /api/stats/quartiers',
        [
          {
            method: 'GET',
            path: '/api/stats/quartiers?from=2026-01&to=2026-12',
            token: cinorToken,
          },
        ],
      ],
    ];
    // The table's client serves the API and the stream handlers alike; the stream's, its readers.
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    const counter = new RequestCounter();
    counter.watch(stack.db.client, 'table');
    counter.watch(stack.runner.streams, 'stream');
    const runs = await Promise.all(
      routes.map(([name, requests], i) => run(stack, name, CONNECTIONS[i]!, requests)),
    );
    const mixed = counter.table(DURATION);
    const costs = await measureRouteCosts(
      routes.map(([route, requests]) => ({
        route,
        drive: async () =>
          (await run(stack, route, ALONE_CONNECTIONS, requests, ALONE_SECONDS)).result.requests
            .total,
      })),
      stack,
    );
    console.error(label, 'done');
    return { label, tenants: tenants.length, settleMs, heapMb, runs, requests: mixed, costs };
  } finally {
    await stack.stop();
  }
}

const loadAtStart = loadAverage();
const measured = [await measure('now', resolve(import.meta.dirname, '../..'))];
if (BASE_DIR) measured.push(await measure(BASE_LABEL, BASE_DIR));

const total = (m: Measured) => m.runs.reduce((sum, r) => sum + r.result.requests.total, 0);
const table = (m: Measured) => [
  `**${m.label}** — the ${m.tenants} publications settled in ${(m.settleMs / 1000).toFixed(1)} s; ${total(m)} requests in ${DURATION} s (${(total(m) / DURATION).toFixed(0)} req/s); Node's heap at the start of the mix: ${m.heapMb.toFixed(0)} MB.`,
  '',
  '| route | connections | requests | req/s | p50 | p99 | non-2xx | 5xx |',
  '|---|---|---|---|---|---|---|---|',
  ...m.runs.map(
    ({ name, result, latencies, serverErrors }, i) =>
      `| ${name} | ${CONNECTIONS[i]} | ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${percentile(latencies, 50).toFixed(0)} ms | ${percentile(latencies, 99).toFixed(0)} ms | ${result.non2xx} | ${serverErrors} |`,
  ),
  '',
  `Total 5xx: ${m.runs.reduce((sum, r) => sum + r.serverErrors, 0)}; connection errors: ${m.runs.reduce((sum, r) => sum + r.result.errors, 0)}; timeouts: ${m.runs.reduce((sum, r) => sum + r.result.timeouts, 0)}.`,
  '',
  ...m.requests,
  '',
  ...(m.costs
    ? [
        `Then each route alone (${ALONE_CONNECTIONS} connections, ${ALONE_SECONDS} s, until the stream's readers are idle again): what one request costs. DynamoDB Local's CPU is what bounds the mix (its Java process holds one core throughout); its share weighs each route by its rate in the mix above.`,
        '',
        ...routeCostTable(
          m.costs,
          new Map(m.runs.map((r) => [r.name, r.result.requests.total / DURATION])),
        ),
        '',
      ]
    : []),
];
const lines = [
  machineLine('npm run bench:load'),
  `Load average (1/5/15 min) at the start: ${loadAtStart}; at the end: ${loadAverage()}.`,
  '',
  `Local stack (DynamoDB Local, stream handlers, API) holding ${MARKET_SIZE.toLocaleString('en')} published listings bulk-loaded with the proposals the matcher would have stored (${loaded.proposals.toLocaleString('en')} proposals through the ${loaded.listings} listings whose own best the tenants' publications change, found in memory in ${(loaded.planMs / 1000).toFixed(0)} s; \`proposal-loader.ts\`), plus ${TENANTS} tenants who publish through the API; once every stream handler has caught up, 50 concurrent connections for ${DURATION} s, split across the routes below (autocannon on 127.0.0.1). Answers of 409 (a concurrent answer on the same proposal) are expected conflicts, not failures.`,
  '',
  ...measured.flatMap(table),
  ...(measured.length > 1
    ? [
        `Total throughput now / ${BASE_LABEL}: ${(total(measured[0]!) / total(measured[1]!)).toFixed(2)}×.`,
      ]
    : []),
];
console.log(lines.join('\n'));
writeBenchSection(
  'load',
  `Charge mixte (API locale, ${MARKET_SIZE.toLocaleString('fr-FR')} annonces)`,
  lines,
);
