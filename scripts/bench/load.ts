/**
 * Mixed traffic on the local stack holding a 10,000-listing market whose proposals are stored as
 * the matcher would have stored them (`proposal-loader.ts`): 40 tenants publish through the API,
 * every stream handler catches up, then proposals, listing reads, renewals (a publish-path
 * write), yes/no answers and statistics run at 50 concurrent connections for 60 s (autocannon on
 * 127.0.0.1). Zero 5xx expected; throughput and latency per route, and the throughput counted
 * until the stream's readers have caught up on what the mix caused. An older tree of the
 * repository (`BENCH_BASE_DIR`, as for `bench:publish`) is measured after this one in the same
 * run, on the same market and stored proposals, each tree in a process of its own
 * (`load-tree.ts`).
 */
import { resolve } from 'node:path';
import {
  ALONE_CONNECTIONS,
  ALONE_SECONDS,
  CONNECTIONS,
  DURATION,
  MARKET_SIZE,
  TENANTS,
  type Measured,
} from './load-tree';
import { measureInOwnProcess } from './own-process';
import { machineLine, writeBenchSection, loadAverage } from './report';
import { routeCostTable } from './route-cost';

const BASE_DIR = process.env.BENCH_BASE_DIR;
const BASE_LABEL = process.env.BENCH_BASE_LABEL ?? 'previous commit';

const loadAtStart = loadAverage();
const TREE = resolve(import.meta.dirname, 'load-tree.ts');
const measured = [
  await measureInOwnProcess<Measured>(TREE, 'now', resolve(import.meta.dirname, '../..')),
];
if (BASE_DIR) measured.push(await measureInOwnProcess<Measured>(TREE, BASE_LABEL, BASE_DIR));

const total = (m: Measured) => m.runs.reduce((sum, r) => sum + r.requests, 0);
const perSecond = (m: Measured) => total(m) / DURATION;
/** The mix's requests over its time plus the readers' catching up after it. */
const perSecondDrained = (m: Measured) => total(m) / (DURATION + m.drainMs / 1000);
const sum = (m: Measured, of: (run: Measured['runs'][number]) => number) =>
  m.runs.reduce((all, r) => all + of(r), 0);

const table = (m: Measured) => [
  `**${m.label}** — the ${m.tenants} publications settled in ${(m.settleMs / 1000).toFixed(1)} s; ${total(m)} requests in ${DURATION} s (${perSecond(m).toFixed(0)} req/s); the stream's readers caught up ${(m.drainMs / 1000).toFixed(1)} s after the mix (${perSecondDrained(m).toFixed(0)} req/s counting that time); Node's heap at the start of the mix: ${m.heapMb.toFixed(0)} MB.`,
  '',
  '| route | connections | requests | req/s | p50 | p99 | non-2xx | 5xx |',
  '|---|---|---|---|---|---|---|---|',
  ...m.runs.map(
    (r, i) =>
      `| ${r.name} | ${CONNECTIONS[i]} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.non2xx} | ${r.serverErrors} |`,
  ),
  '',
  `Total 5xx: ${sum(m, (r) => r.serverErrors)}; connection errors: ${sum(m, (r) => r.errors)}; timeouts: ${sum(m, (r) => r.timeouts)}.`,
  '',
  ...m.requests,
  '',
  ...(m.costs
    ? [
        `Then each route alone (${ALONE_CONNECTIONS} connections, ${ALONE_SECONDS} s, until the stream's readers are idle again): what one request costs. DynamoDB Local's CPU is what bounds the mix (its Java process holds one core throughout); its share weighs each route by its rate in the mix above.`,
        '',
        ...routeCostTable(
          m.costs.map((cost) => ({ ...cost, dynamoDbRequests: new Map(cost.dynamoDbRequests) })),
          new Map(m.runs.map((r) => [r.name, r.requests / DURATION])),
        ),
        '',
      ]
    : []),
];
const now = measured[0]!;
const lines = [
  machineLine('npm run bench:load'),
  `Load average (1/5/15 min) at the start: ${loadAtStart}; at the end: ${loadAverage()}.`,
  '',
  `Local stack (DynamoDB Local, stream handlers, API) holding ${MARKET_SIZE.toLocaleString('en')} published listings bulk-loaded with the proposals the matcher would have stored (${now.loaded.proposals.toLocaleString('en')} proposals through the ${now.loaded.listings} listings whose own best the tenants' publications change, found in memory in ${(now.loaded.planMs / 1000).toFixed(0)} s; \`proposal-loader.ts\`), plus ${TENANTS} tenants who publish through the API; once every stream handler has caught up, 50 concurrent connections for ${DURATION} s, split across the routes below (autocannon on 127.0.0.1). Answers of 409 (a concurrent answer on the same proposal) are expected conflicts, not failures. Each tree is measured in a Node process of its own.`,
  '',
  ...measured.flatMap(table),
  ...(measured.length > 1
    ? [
        `Total throughput now / ${BASE_LABEL}: ${(perSecond(now) / perSecond(measured[1]!)).toFixed(2)}× over the mix; ${(perSecondDrained(now) / perSecondDrained(measured[1]!)).toFixed(2)}× counting the readers' catching up after it.`,
      ]
    : []),
];
console.log(lines.join('\n'));
writeBenchSection(
  'load',
  `Charge mixte (API locale, ${MARKET_SIZE.toLocaleString('fr-FR')} annonces)`,
  lines,
);
