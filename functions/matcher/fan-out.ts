/**
 * Follows the matcher from the stream: each new proposal is linked to every participant,
 * filed for the answer reminder and announced, and the other participants' counts refreshed
 * (`fanOutNewMatches`). It keeps its own market index in step with the listing records it sees,
 * as the matcher does, for those counts.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { ReferenceData } from '../../shared/reference/index';
import type { Database } from '../lib/db/client';
import { logger } from '../lib/logger';
import { fanOutNewMatches } from '../lib/matching/fan-out';
import { MarketCache } from '../lib/matching/market-cache';
import { createdMatchOf, listingChangeOf } from './listing-records';

export interface FanOutHandlerDeps {
  db: Database;
  now: () => Date;
  appUrl: string;
  reference: () => Promise<ReferenceData>;
  cache?: MarketCache;
}

export function createProposalFanOut(deps: FanOutHandlerDeps) {
  const cache = deps.cache ?? new MarketCache();
  return async function fanOutFromStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    const first = event.Records[0]?.dynamodb?.SequenceNumber ?? '';
    try {
      const changes = event.Records.map(listingChangeOf).filter((change) => change !== undefined);
      const created = event.Records.map(createdMatchOf).filter((match) => match !== undefined);
      // The filter also brings every answer to a proposal: a batch of those alone needs no market.
      if (changes.length === 0 && created.length === 0) return { batchItemFailures: [] };
      await cache.get(deps.db, deps.reference, deps.now());
      for (const change of changes) cache.apply(change.before, change.after, deps.now());
      const started = performance.now();
      await fanOutNewMatches(deps, cache.current, created);
      if (created.length > 0) logger.debug('proposals fanned out', { matches: created.length, ms: Math.round(performance.now() - started) });
      return { batchItemFailures: [] };
    } catch (error) {
      // Every step is idempotent: the whole batch is handled again.
      logger.error('fan-out of new proposals failed', { error, sequenceNumber: first });
      return { batchItemFailures: [{ itemIdentifier: first }] };
    }
  };
}
