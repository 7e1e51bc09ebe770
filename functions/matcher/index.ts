/** Lambda entry points of the matcher and of its fan-out (both on the table's stream). */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { cachedReferenceData } from '../lib/db/reference';
import { createProposalFanOut } from './fan-out';
import { createMatcher } from './handler';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => {
  const db = database();
  return createMatcher({ db, now: () => new Date(), reference: cachedReferenceData(db) });
});

export const fanOutHandler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => {
  const db = database();
  return createProposalFanOut({ db, now: () => new Date(), appUrl: config().appUrl });
});
