/** Lambda entry point of the TTL purge: REMOVE records made by DynamoDB's TTL process. */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { database } from '../lib/db/client';
import { createTtlPurge } from './handler';
import { appContext } from '../lib/app-context';
import { config } from '../lib/config';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() =>
  createTtlPurge(appContext(config(), database())),
);
