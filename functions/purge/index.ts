/** Lambda entry point of the TTL purge: REMOVE records made by DynamoDB's TTL process. */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { database } from '../lib/db/client';
import { photoStorage } from '../lib/photos/storage';
import { createTtlPurge } from './handler';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() =>
  createTtlPurge({ db: database(), storage: photoStorage }),
);
