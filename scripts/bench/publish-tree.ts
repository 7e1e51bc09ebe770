/**
 * One tree's measurement for `publish.ts`, in a Node process of its own (`own-process.ts`): the
 * local stack holding the market and its stored proposals, then each publication through the API,
 * timed until its own proposals are stored and until every stream handler has caught up, with
 * what DynamoDB Local did meanwhile.
 */
import { resolve } from 'node:path';
import { signSession } from '../../functions/lib/auth/session';
import type { Database } from '../../functions/lib/db/client';
import { getMatchSummary } from '../../functions/lib/db/matches';
import { createUser } from '../../functions/lib/db/users';
import type { startLocalStack as StartLocalStack } from '../local/stack';
import { lazyScenario, loadMarket } from './market-loader';
import {
  proposalsBeforePublishing,
  storeProposals,
  type PublicationStores,
} from './proposal-loader';
import { measureHereIfAsked } from './own-process';
import { RequestCounter } from './request-counter';
import { cpuMsOf, dynamoDbLocalPid } from './route-cost';
import { fastestWritesPerItem, type WriteFloors } from './write-floor';

export const MARKET_SIZE = Number(process.env.BENCH_MARKET_SIZE ?? 10_000);
/** Publications timed after the first one (which builds the matcher's index, timed apart). */
export const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 20);
/** How many of them an older tree publishes. */
export const BASE_PUBLICATIONS = Number(process.env.BENCH_BASE_PUBLICATIONS ?? 8);

type LocalStack = Awaited<ReturnType<typeof StartLocalStack>>;

const scenario = lazyScenario({
  marketSize: MARKET_SIZE,
  newcomers: PUBLICATIONS + 1,
  newcomerSeed: 2,
});

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

export interface Timing {
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
  /**
   * What the publication must store whatever the code (`PublicationStores`), and the time the
   * engine takes to write just those items at its fastest (`write-floor.ts`): a floor under
   * `settledMs`; then as conditional creates, all of them and its 2-ways alone.
   */
  mustStore?: PublicationStores & {
    floorMs: number;
    conditionalFloorMs: number;
    twoWaysConditionalFloorMs: number;
  };
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
  const { id: _id, ownerId: _owner, ...input } = scenario().newcomers[index]!;
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

export interface Measured {
  label: string;
  /** What was bulk-loaded: the listings whose best the publications change, proposals, items. */
  stored: { read: number; proposals: number; items: number; planMs: number };
  loadMs: number;
  first: Timing;
  timings: Timing[];
  /** The engine's fastest writes of an item, which price each timing's `mustStore`. */
  writeFloor?: WriteFloors;
}

/** Proposals of the bulk load, with their links, written apart to time the engine's fastest write. */
const FLOOR_SAMPLE_PROPOSALS = 1_000;

async function measure(label: string, root: string, publications: number): Promise<Measured> {
  const { startLocalStack } = (await import(resolve(root, 'scripts/local/stack.ts'))) as {
    startLocalStack: typeof StartLocalStack;
  };
  const started = performance.now();
  const { market, newcomers } = scenario();
  const stored = proposalsBeforePublishing(market, newcomers, new Date());
  const planMs = performance.now() - started;
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
  let first: Timing;
  const timings: Timing[] = [];
  try {
    const engine = watchEngine(stack);
    first = await publishAndWait(stack, 0, engine);
    for (let i = 1; i <= publications; i += 1) {
      timings.push(await publishAndWait(stack, i, engine));
      console.error(`${label}: ${i}/${publications}`, JSON.stringify(timings.at(-1)));
    }
  } finally {
    await stack.stop();
  }
  // The floor depends on the market, not on the tree: priced once, with the tree measured first.
  let writeFloor: WriteFloors | undefined;
  if (label === 'now') {
    const floors = await fastestWritesPerItem(stored.matches.slice(0, FLOOR_SAMPLE_PROPOSALS));
    writeFloor = floors;
    timings.forEach((timing, i) => {
      const must = stored.perPublication[i + 1]!;
      timing.mustStore = {
        ...must,
        floorMs: must.items * floors.batched.msPerItem,
        conditionalFloorMs: must.items * floors.conditional.msPerItem,
        // A 2-way is its proposal and two links.
        twoWaysConditionalFloorMs: 3 * must.twoWays * floors.conditional.msPerItem,
      };
    });
  }
  return {
    label,
    ...(writeFloor ? { writeFloor } : {}),
    stored: {
      read: stored.read,
      proposals: stored.matches.length,
      items: stored.items.length,
      planMs,
    },
    loadMs,
    first,
    timings,
  };
}

await measureHereIfAsked((label, root) =>
  measure(label, root, label === 'now' ? PUBLICATIONS : BASE_PUBLICATIONS),
);
