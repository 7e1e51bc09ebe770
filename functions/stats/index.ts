/** Lambda entry point of the statistics aggregator (DynamoDB stream of listings, matches, swaps). */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { database } from '../lib/db/client';
import { createStatsAggregator } from './handler';
import { appContext } from '../lib/app-context';
import { config } from '../lib/config';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() =>
  createStatsAggregator(appContext(config(), database())),
);
