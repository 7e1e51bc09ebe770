/** Lambda entry points of the notifier: the stream handler and the scheduled sweep. */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { createSesSender } from '../lib/mail/sender';
import { createNotifier, type NotifierDeps } from './handler';
import { sweepOutbox } from './sweep';

const deps = (): NotifierDeps => ({ db: database(), send: createSesSender(config()) });

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() =>
  createNotifier(deps()),
);
export const sweepHandler = lazyHandler<unknown, { sent: number; failed: number }>(() => {
  const sweepDeps = deps();
  return () => sweepOutbox(sweepDeps);
});
