/**
 * What one request of a route costs DynamoDB Local, whose one SQLite thread the whole local stack
 * shares: the Java process's CPU time (from /proc) and the DynamoDB requests sent, divided by the
 * HTTP requests answered while the route runs alone — including what the stream's readers do
 * because of it in the meantime. The mix's throughput is bounded by the sum of these costs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { RequestCounter } from './request-counter';

/** The process serving `endpoint` (DynamoDB Local, started with `-port <port>`). */
export function dynamoDbLocalPid(endpoint: string): number | undefined {
  const port = new URL(endpoint).port;
  try {
    const found = execFileSync('pgrep', ['-f', `DynamoDBLocal\\.jar .*-port ${port}( |$)`])
      .toString()
      .trim()
      .split('\n');
    return found.length === 1 ? Number(found[0]) : undefined;
  } catch {
    return undefined;
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** A process's user + system CPU time so far, in milliseconds. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from the 3rd: utime is the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export interface RouteCost {
  route: string;
  requests: number;
  dynamoDbLocalMs: number;
  nodeMs: number;
  /** Per HTTP request, by operation (`table GetItem`, `stream GetRecords`…). */
  dynamoDbRequests: Map<string, number>;
}

/**
 * Runs each route alone (`drive` resolves with the HTTP requests it answered) and measures what
 * one request cost: DynamoDB Local's CPU, this process's CPU (the API, the stream handlers and the
 * load generator together), and the DynamoDB requests the table's and the stream's clients sent.
 */
export async function measureRouteCosts(
  routes: Array<{ route: string; drive: () => Promise<number> }>,
  stack: {
    dynamodbEndpoint: string;
    db: { client: DynamoDBClient };
    runner: {
      streams: DynamoDBStreamsClient;
      settled(quietMs?: number, timeoutMs?: number): Promise<number>;
    };
  },
): Promise<RouteCost[] | undefined> {
  const pid = dynamoDbLocalPid(stack.dynamodbEndpoint);
  if (pid === undefined) return undefined;
  const counter = new RequestCounter();
  counter.watch(stack.db.client, 'table-alone');
  counter.watch(stack.runner.streams, 'stream-alone');
  const costs: RouteCost[] = [];
  for (const { route, drive } of routes) {
    await stack.runner.settled(1_000, 600_000);
    const before = { java: cpuMsOf(pid), node: nodeCpuMs(), sent: counter.counts() };
    const requests = await drive();
    // What the stream's readers do because of these requests belongs to them too.
    await stack.runner.settled(500, 600_000);
    costs.push({
      route,
      requests,
      dynamoDbLocalMs: (cpuMsOf(pid) - before.java) / requests,
      nodeMs: (nodeCpuMs() - before.node) / requests,
      dynamoDbRequests: new Map(
        [...counter.counts()]
          .map(([operation, count]): [string, number] => [
            operation.replace(/-alone/, ''),
            (count - (before.sent.get(operation) ?? 0)) / requests,
          ])
          .filter(([, perRequest]) => perRequest >= 0.05)
          .sort((a, b) => b[1] - a[1]),
      ),
    });
  }
  return costs;
}

function requestsOf(cost: RouteCost): string {
  const all = [...cost.dynamoDbRequests.values()].reduce((sum, n) => sum + n, 0);
  const each = [...cost.dynamoDbRequests]
    .map(([operation, n]) => `${operation} ${n.toFixed(1)}`)
    .join(', ');
  return `${all.toFixed(1)} (${each})`;
}

function nodeCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The table the benchmark prints, with the share of DynamoDB Local's time each route takes in the mix. */
export function routeCostTable(costs: RouteCost[], mixRates: Map<string, number>): string[] {
  const inMix = (cost: RouteCost) => (mixRates.get(cost.route) ?? 0) * cost.dynamoDbLocalMs;
  const total = costs.reduce((sum, cost) => sum + inMix(cost), 0);
  return [
    '| route, alone | requests | DynamoDB Local CPU per request | Node CPU per request | DynamoDB requests per request | share of DynamoDB Local in the mix |',
    '|---|---|---|---|---|---|',
    ...costs.map(
      (cost) =>
        `| ${cost.route} | ${cost.requests} | ${cost.dynamoDbLocalMs.toFixed(2)} ms | ${cost.nodeMs.toFixed(2)} ms | ${requestsOf(cost)} | ${total > 0 ? ((100 * inMix(cost)) / total).toFixed(0) : '?'} % |`,
    ),
  ];
}
