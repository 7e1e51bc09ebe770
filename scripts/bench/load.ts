/**
 * Mixed traffic on the local stack holding a 10,000-listing market: proposals, listing reads,
 * renewals (a publish-path write), yes/no answers and statistics, at 50 concurrent connections
 * for 60 s (autocannon on 127.0.0.1). Zero 5xx expected; throughput and latency per route.
 */
import { createRequire } from 'node:module';
import { signSession } from '../../functions/lib/auth/session';
import { createUser, findUserByEmail } from '../../functions/lib/db/users';
import { generateMarket } from '../../shared/market/generator';
import { startLocalStack } from '../local/stack';
import { loadMarket } from './market-loader';
import { machineLine, percentile, writeBenchSection } from './report';

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
const market = generateMarket({ size: MARKET_SIZE, seed: 1, density: 'broad', region: 'cinor' });
const stack = await startLocalStack({
  logLevel: 'error',
  loginLimitPerIpPerHour: 1_000_000,
  beforeStreams: (db) => loadMarket(db, market.listings),
});

/** Tenants who publish through the API, so that they have stored proposals to read and answer. */
async function activeTenants(count: number) {
  const newcomers = generateMarket({
    size: count,
    seed: 3,
    density: 'broad',
    region: 'cinor',
  }).listings;
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
  // Let the matcher store their proposals before the load starts.
  for (let waited = 0; waited < 120_000; waited += 1000) {
    const matches = (await (
      await fetch(`${stack.appUrl}/api/matches`, {
        headers: { authorization: `Bearer ${tenants.at(-1)!.token}` },
      })
    ).json()) as unknown[];
    if (matches.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return tenants;
}

async function firstMatchId(token: string): Promise<string | undefined> {
  const matches = (await (
    await fetch(`${stack.appUrl}/api/matches`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as Array<{ id: string }>;
  return matches[0]?.id;
}

function run(
  name: string,
  connections: number,
  requests: Array<{ method: string; path: string; token: string; body?: string }>,
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
        duration: DURATION,
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

try {
  const tenants = await activeTenants(Number(process.env.BENCH_TENANTS ?? 40));
  const matchIds = (
    await Promise.all(tenants.map(async (t) => ({ ...t, matchId: await firstMatchId(t.token) })))
  ).filter((t) => t.matchId);
  const cinor = await findUserByEmail(stack.db, 'cinor@bourse.local');
  const cinorToken = (await signSession(stack.config.sessionSecret, cinor!, new Date())).token;

  const runs = await Promise.all([
    run(
      'GET /api/matches',
      15,
      tenants.map((t) => ({ method: 'GET', path: '/api/matches', token: t.token })),
    ),
    run(
      'GET /api/listings/{id}',
      15,
      tenants.map((t) => ({ method: 'GET', path: `/api/listings/${t.listingId}`, token: t.token })),
    ),
    run(
      'POST /api/listings/{id}/renew',
      5,
      tenants.map((t) => ({
        method: 'POST',
        path: `/api/listings/${t.listingId}/renew`,
        token: t.token,
      })),
    ),
    run(
      'POST /api/matches/{id}/interest',
      5,
      matchIds.map((t) => ({
        method: 'POST',
        path: `/api/matches/${t.matchId}/interest`,
        token: t.token,
        body: JSON.stringify({ interested: true }),
      })),
    ),
    run('GET /api/stats/quartiers', 10, [
      { method: 'GET', path: '/api/stats/quartiers?from=2026-01&to=2026-12', token: cinorToken },
    ]),
  ]);

  const lines = [
    machineLine('npm run bench:load'),
    '',
    `Local stack (DynamoDB Local, stream handlers, API) holding ${MARKET_SIZE.toLocaleString('en')} published listings plus ${tenants.length} tenants who published through the API; 50 concurrent connections for ${DURATION} s, split across the routes below (autocannon on 127.0.0.1). Answers of 409 (a concurrent answer on the same proposal) are expected conflicts, not failures.`,
    '',
    '| route | connections | requests | req/s | p50 | p99 | non-2xx | 5xx |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(
      ({ name, result, latencies, serverErrors }, i) =>
        `| ${name} | ${[15, 15, 5, 5, 10][i]} | ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${percentile(latencies, 50).toFixed(0)} ms | ${percentile(latencies, 99).toFixed(0)} ms | ${result.non2xx} | ${serverErrors} |`,
    ),
    '',
    `Total 5xx: ${runs.reduce((sum, r) => sum + r.serverErrors, 0)}; connection errors: ${runs.reduce((sum, r) => sum + r.result.errors, 0)}; timeouts: ${runs.reduce((sum, r) => sum + r.result.timeouts, 0)}.`,
  ];
  console.log(lines.join('\n'));
  writeBenchSection('load', 'Charge mixte (API locale, 10 000 annonces)', lines);
} finally {
  await stack.stop();
}
