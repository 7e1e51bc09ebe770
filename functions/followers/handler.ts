/**
 * The table's stream has two readers: the matcher, which a tenant waits on, and this function,
 * which hands each batch to every other stream handler (notifications, the proposals' fan-out,
 * statistics, webhooks, the TTL purge). AWS advises at most two readers per DynamoDB stream shard
 * and throttles more; each reader also reads every record once more (DynamoDB Local too).
 *
 * The handlers run side by side on the same batch; each already ignores the records that are not
 * its own. Lambda resumes the shard from the lowest sequence number any of them reports, so a
 * handler that had gone further sees those records again: every one of them is idempotent. Each
 * goes through the whole batch whatever the others do, so when Lambda gives up on a batch (its
 * dead-letter queue), only the failing handler misses records, as when each had its own reader.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../lib/logger';
import type { StreamHandler } from '../lib/stream-batch';

/** Told how long each handler took on a batch (benchmarks name the slowest). */
export type FollowerObserver = (name: string, ms: number) => void;

export function followTogether(
  handlers: Record<string, StreamHandler>,
  observe?: FollowerObserver,
): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  return async function followStream(event) {
    const first = event.Records[0]?.dynamodb?.SequenceNumber ?? '';
    const failures = await Promise.all(
      Object.entries(handlers).map(async ([name, handle]) => {
        const started = performance.now();
        try {
          const response = await handle(event);
          return response?.batchItemFailures ?? [];
        } catch (error) {
          // A handler that throws has handled nothing it can vouch for: the whole batch again.
          logger.error('stream handler failed', { handler: name, error, sequenceNumber: first });
          return [{ itemIdentifier: first }];
        } finally {
          observe?.(name, performance.now() - started);
        }
      }),
    );
    return { batchItemFailures: lowestFailure(event, failures.flat()) };
  };
}

/** Only the earliest failed record: Lambda resumes from there whatever else is reported. */
function lowestFailure(
  event: DynamoDBStreamEvent,
  failures: Array<{ itemIdentifier: string }>,
): Array<{ itemIdentifier: string }> {
  if (failures.length === 0) return [];
  const failed = new Set(failures.map((failure) => failure.itemIdentifier));
  const earliest = event.Records.find((record) =>
    failed.has(record.dynamodb?.SequenceNumber ?? ''),
  );
  return [{ itemIdentifier: earliest?.dynamodb?.SequenceNumber ?? failures[0]!.itemIdentifier }];
}
