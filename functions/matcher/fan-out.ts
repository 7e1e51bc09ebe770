/**
 * Follows the matcher from the stream: each new proposal is filed for the answer reminder and
 * announced (`fanOutNewMatches`).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../lib/logger';
import { fanOutNewMatches } from '../lib/matching/new-proposals';
import { createdMatchOf } from './listing-records';
import type { AppContext } from '../lib/app-context';

export type FanOutHandlerDeps = Pick<AppContext, 'db' | 'now' | 'appUrl'>;

/**
 * The batch is one unit, not records handled one by one as Powertools' BatchProcessor does
 * (functions/lib/stream-batch.ts): its proposals' participants, owners and last digests are each
 * read once for the whole batch, so a failure reports the whole batch from its first record.
 */
export function createProposalFanOut(deps: FanOutHandlerDeps) {
  return async function fanOutFromStream(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    const first = event.Records[0]?.dynamodb?.SequenceNumber ?? '';
    try {
      const created = event.Records.map(createdMatchOf).filter((match) => match !== undefined);
      const started = performance.now();
      await fanOutNewMatches(deps, created);
      if (created.length > 0)
        logger.debug('proposals fanned out', {
          matches: created.length,
          ms: Math.round(performance.now() - started),
        });
      return { batchItemFailures: [] };
    } catch (error) {
      // Every step is idempotent: the whole batch is handled again.
      logger.error('fan-out of new proposals failed', { error, sequenceNumber: first });
      return { batchItemFailures: [{ itemIdentifier: first }] };
    }
  };
}
