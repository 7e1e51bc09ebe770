/** Lambda entry point of the matcher, the first of the table stream's two readers. */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { createMatcher } from './handler';
import { appContext } from '../lib/app-context';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => {
  return createMatcher(appContext(config(), database()));
});
