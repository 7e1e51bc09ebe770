/** Lambda entry points of the webhooks: the stream handler and the scheduled retry sweep. */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import type { WebhookDeps } from '../lib/webhooks/delivery';
import { createWebhookDispatcher } from './handler';
import { sweepWebhookRetries } from './sweep';

const deps = (): WebhookDeps => ({
  db: database(),
  now: () => new Date(),
  allowLocalhost: config().isLocal,
});

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() =>
  createWebhookDispatcher(deps()),
);
export const sweepHandler = lazyHandler<unknown, Record<string, number>>(() => {
  const sweepDeps = deps();
  return () => sweepWebhookRetries(sweepDeps);
});
