/**
 * Partial batch failures of the table's stream handlers, through Powertools' batch processor.
 * `handleInOrder`: records of a shard are handled one after another. Lambda resumes a DynamoDB
 * stream from the lowest sequence number a handler reports, so once a record fails the later ones
 * are left for that retry: not handled now, they come again after the failed one, still in order,
 * and the response names only the first failed record.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import pLimit from 'p-limit';

export type RecordHandler = (record: DynamoDBRecord) => Promise<void>;

/** A Lambda handler of the table's stream, as Lambda (or the local stream runner) calls it. */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export async function handleInOrder(
  event: DynamoDBStreamEvent,
  handle: RecordHandler,
): Promise<DynamoDBBatchResponse> {
  let failed = false;
  const untilFirstFailure = async (record: DynamoDBRecord) => {
    if (failed) return;
    try {
      await handle(record);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  // One processor per batch: its state is the batch's, and concurrent calls share nothing.
  return processPartialResponse(
    event,
    untilFirstFailure,
    new BatchProcessor(EventType.DynamoDBStreams),
    // A batch whose only handled record failed is reported like any other, not thrown.
    { processInParallel: false, throwOnFullBatchFailure: false },
  );
}

/**
 * For records that do not depend on one another (each outbox mail stands alone): up to
 * `concurrency` handled at once, every failure reported. Lambda then resumes from the lowest
 * failed record, and the ones after it that did succeed come again and are found done.
 */
export async function handleConcurrently(
  event: DynamoDBStreamEvent,
  handle: RecordHandler,
  concurrency: number,
): Promise<DynamoDBBatchResponse> {
  const limit = pLimit(concurrency);
  return processPartialResponse(
    event,
    (record: DynamoDBRecord) => limit(() => handle(record)),
    new BatchProcessor(EventType.DynamoDBStreams),
    { processInParallel: true, throwOnFullBatchFailure: false },
  );
}
