/** Lambda entry point of the statistics aggregator (DynamoDB stream of listings, matches, swaps). */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { database } from '../lib/db/client';
import { createStatsAggregator } from './handler';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() =>
  createStatsAggregator({ db: database(), now: () => new Date() }),
);
