/** Lambda entry points of the matcher and of its fan-out (both on the table's stream). */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { createProposalFanOut } from './fan-out';
import { createMatcher } from './handler';
import { appContext } from '../lib/app-context';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => {
  return createMatcher(appContext(config(), database()));
});

export const fanOutHandler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => {
  return createProposalFanOut(appContext(config(), database()));
});
