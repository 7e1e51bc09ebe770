/**
 * Counts the requests an AWS SDK client sends, by operation, with their mean time from the call to
 * the answer (queueing included): what a benchmark's load asks of DynamoDB Local, whose one SQLite
 * thread every request shares.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

export class RequestCounter {
  private readonly byOperation = new Map<string, { count: number; ms: number }>();

  /** Counts what `client` sends from now on, its operations named `<label> <command>`. */
  watch(client: DynamoDBClient | DynamoDBStreamsClient, label: string): void {
    // The two clients' stacks differ only in their command types, which a count does not read.
    (client as DynamoDBClient).middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        try {
          return await next(args);
        } finally {
          const operation = `${label} ${(context.commandName ?? '?').replace(/Command$/, '')}`;
          const counted = this.byOperation.get(operation) ?? { count: 0, ms: 0 };
          counted.count += 1;
          counted.ms += performance.now() - started;
          this.byOperation.set(operation, counted);
        }
      },
      { step: 'initialize', name: `requestCounter-${label}` },
    );
  }

  /** How many requests of each operation were counted so far. */
  counts(): Map<string, number> {
    return new Map([...this.byOperation].map(([operation, { count }]) => [operation, count]));
  }

  /** A Markdown table, busiest first: requests per second over `seconds`, mean time. */
  table(seconds: number): string[] {
    const rows = [...this.byOperation.entries()].sort((a, b) => b[1].count - a[1].count);
    return [
      '| requests to DynamoDB Local | per second | mean time |',
      '|---|---|---|',
      ...rows.map(
        ([operation, { count, ms }]) =>
          `| ${operation} | ${(count / seconds).toFixed(1)} | ${(ms / count).toFixed(1)} ms |`,
      ),
    ];
  }
}
