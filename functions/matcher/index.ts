/** Lambda entry point of the matcher (DynamoDB stream of listing changes). */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { cachedReferenceData } from '../lib/db/reference';
import { createMatcher } from './handler';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => {
  const db = database();
  return createMatcher({ db, now: () => new Date(), appUrl: config().appUrl, reference: cachedReferenceData(db) });
});
