/** Lambda entry points of the webhooks: the stream handler and the scheduled retry sweep. */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { createWebhookDispatcher } from './handler';
import { sweepWebhookRetries } from './sweep';
import { appContext } from '../lib/app-context';

const deps = () => appContext(config(), database());

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() =>
  createWebhookDispatcher(deps()),
);
export const sweepHandler = lazyHandler<unknown, Record<string, number>>(() => {
  const sweepDeps = deps();
  return () => sweepWebhookRetries(sweepDeps);
});
