/**
 * One tree's measurement for `load.ts`, in a Node process of its own (`own-process.ts`): the local
 * stack holding the market and its stored proposals, the 40 tenants' publications, the 50-connection
 * mix, the time the stream's readers need to catch up after it, then each route alone.
 */
import { resolve } from 'node:path';
import { signSession } from '../../functions/lib/auth/session';
import { createUser, findUserByEmail } from '../../functions/lib/db/users';
import type { startLocalStack as StartLocalStack } from '../local/stack';
import { lazyScenario, loadMarket } from './market-loader';
import { proposalsBeforePublishing, storeProposals } from './proposal-loader';
import { measureHereIfAsked } from './own-process';
import { percentile } from './report';
import { RequestCounter } from './request-counter';
import { measureRouteCosts, type RouteCost } from './route-cost';
import { autocannon, type AutocannonResult } from './autocannon';

export const DURATION = Number(process.env.BENCH_DURATION ?? 60);
export const MARKET_SIZE = Number(process.env.BENCH_MARKET_SIZE ?? 10_000);
export const TENANTS = Number(process.env.BENCH_TENANTS ?? 40);

type LocalStack = Awaited<ReturnType<typeof StartLocalStack>>;

const scenario = lazyScenario({ marketSize: MARKET_SIZE, newcomers: TENANTS, newcomerSeed: 3 });
/**
 * The proposals to bulk-load, found again for each tree and let go once stored: held for the whole
 * run, hundreds of thousands of them would weigh on every collection of the heap the API and the
 * stream handlers share.
 */
function proposalsToStore() {
  const started = performance.now();
  const { market, newcomers } = scenario();
  const stored = proposalsBeforePublishing(market, newcomers, new Date());
  return { stored, ms: performance.now() - started };
}

/** Tenants who publish through the API, so that they have stored proposals to read and answer. */
async function activeTenants(stack: LocalStack) {
  const tenants = [];
  for (const [index, listing] of scenario().newcomers.entries()) {
    const user = await createUser(
      stack.db,
      { email: `charge.${index}@bourse.local`, role: 'tenant' },
      new Date(),
    );
    const { token } = await signSession(stack.config.sessionSecret, user, new Date());
    const { id: _id, ownerId: _owner, ...input } = listing;
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

/** One route of the mix, as the report prints it. */
export interface RouteFigures {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  serverErrors: number;
  errors: number;
  timeouts: number;
}

/** What one tree's process sends back: plain data (a route's requests by operation as entries). */
export interface Measured {
  label: string;
  loaded: { proposals: number; listings: number; planMs: number };
  tenants: number;
  settleMs: number;
  /** After the mix, until every stream reader has caught up on what it caused. */
  drainMs: number;
  /** Node's heap (API, stream handlers and load generator share the process) when the mix starts. */
  heapMb: number;
  runs: RouteFigures[];
  requests: string[];
  costs?: Array<Omit<RouteCost, 'dynamoDbRequests'> & { dynamoDbRequests: [string, number][] }>;
}

export const CONNECTIONS = [15, 15, 5, 5, 10];
/** After the mix, each route alone, to measure what one of its requests costs. */
export const ALONE_CONNECTIONS = 10;
export const ALONE_SECONDS = Number(process.env.BENCH_ALONE_SECONDS ?? 10);

async function measure(label: string, root: string): Promise<Measured> {
  let loaded = { proposals: 0, listings: 0, planMs: 0 };
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
      await loadMarket(db, scenario().market.listings);
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
    const mixEnded = Date.now();
    // What the readers left for after the mix is part of its work: a tree whose reader lags
    // behind would otherwise look faster.
    const drainMs = Math.max(0, (await stack.runner.settled(1_000, 1_800_000)) - mixEnded);
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
    return {
      label,
      loaded,
      tenants: tenants.length,
      settleMs,
      drainMs,
      heapMb,
      runs: runs.map(figuresOf),
      requests: mixed,
      ...(costs
        ? {
            costs: costs.map((cost) => ({
              ...cost,
              dynamoDbRequests: [...cost.dynamoDbRequests],
            })),
          }
        : {}),
    };
  } finally {
    await stack.stop();
  }
}

function figuresOf({ name, result, latencies, serverErrors }: RouteRun): RouteFigures {
  return {
    name,
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    serverErrors,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

await measureHereIfAsked(measure);
