/**
 * Lambda entry point of the table stream's second reader: the handlers that follow the table's
 * changes (`followTogether`), each with the context its function had on its own.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { appContext } from '../lib/app-context';
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { createSesSender } from '../lib/mail/sender';
import { createProposalFanOut } from '../matcher/fan-out';
import { createNotifier } from '../notifier/handler';
import { createTtlPurge } from '../purge/handler';
import { createStatsAggregator } from '../stats/handler';
import { createWebhookDispatcher } from '../webhooks/handler';
import { followTogether } from './handler';

export const handler = lazyHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => {
  const context = appContext(config(), database());
  return followTogether({
    notifier: createNotifier({ db: context.db, send: createSesSender(config()) }),
    proposalFanOut: createProposalFanOut(context),
    stats: createStatsAggregator(context),
    purge: createTtlPurge(context),
    webhooks: createWebhookDispatcher(context),
  });
});
