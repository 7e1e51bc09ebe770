/**
 * The notifier's Lambda bundles, exactly as `cdk synth` produces them, against DynamoDB Local and
 * the local SES endpoint: a DynamoDB Streams INSERT of an outbox item, handed to the followers,
 * sends the mail once, and the EventBridge-scheduled sweep sends what the stream missed. The bundle reads its
 * configuration when it is loaded, so the environment is set first.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, EventBridgeEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Database } from '../../functions/lib/db/client';
import { getOutboxItem, outboxPut } from '../../functions/lib/db/outbox';
import { transactWrite } from '../../functions/lib/db/transact';
import { synthesize } from '../../infra/test/synth';
import { waitForMails } from '../support/mailbox';
import { stack, uniqueEmail, createOwnTable, dropOwnTable } from '../support/stack';

interface NotifierBundles {
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  sweepHandler: (
    event: EventBridgeEvent<'Scheduled Event', Record<string, never>>,
  ) => Promise<unknown>;
}

let db: Database;
let notifier: NotifierBundles;

beforeAll(async () => {
  const { dynamodbEndpoint, sesUrl, region } = stack();
  // A table of its own: the local stack's stream runner must not send these mails first.
  db = await createOwnTable('bundles');
  const synth = synthesize();
  Object.assign(process.env, {
    STAGE: 'test',
    AWS_REGION: region,
    TABLE_NAME: db.tableName,
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    SES_ENDPOINT: sesUrl,
    SESSION_SECRET: 'bundle-int-test-secret-bundle-int-test-secret-0001',
    LOG_LEVEL: 'error',
  });
  // Node's own loader: the bundle runs untouched, as on Lambda.
  const load = createRequire(import.meta.url);
  notifier = {
    handler: (load(synth.bundle('Followers')) as NotifierBundles).handler,
    sweepHandler: (load(synth.bundle('OutboxSweep')) as NotifierBundles).sweepHandler,
  };
});

afterAll(() => dropOwnTable(db));

async function writeMail(to: string, createdAt = new Date()): Promise<string> {
  const put = outboxPut(
    db,
    { to, subject: 'Votre lien de connexion', text: 'Bonjour', kind: 'test' },
    createdAt,
  );
  await transactWrite(db, [put]);
  return String(put.Put!.Item!.id);
}

/** What Lambda's DynamoDB event source delivers for a new item. */
function streamInsert(item: Record<string, unknown>, sequenceNumber: string): DynamoDBStreamEvent {
  const image = marshall(item, { removeUndefinedValues: true }) as never;
  return {
    Records: [
      {
        eventID: randomUUID(),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: stack().region,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
          NewImage: image,
          SequenceNumber: sequenceNumber,
          SizeBytes: 512,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: `arn:aws:dynamodb:${stack().region}:123456789012:table/${db.tableName}/stream/2026-11-28T00:00:00.000`,
      },
    ],
  };
}

function scheduledEvent(): EventBridgeEvent<'Scheduled Event', Record<string, never>> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date().toISOString(),
    region: stack().region,
    resources: ['arn:aws:events:eu-west-3:123456789012:rule/OutboxSweepSchedule'],
    detail: {},
  };
}

describe('notifier bundle', () => {
  it('sends an outbox mail from a stream INSERT, once even when the record is redelivered', async () => {
    const to = uniqueEmail();
    const id = await writeMail(to);
    const item = (await getOutboxItem(db, id)) as unknown as Record<string, unknown>;

    const first = await notifier.handler(streamInsert({ ...item, entity: 'Outbox' }, '1000'));
    const again = await notifier.handler(streamInsert({ ...item, entity: 'Outbox' }, '1000'));

    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(await waitForMails(to, 2, 1500)).toHaveLength(1);
    expect((await getOutboxItem(db, id))?.status).toBe('sent');
  });

  it('sweeps a mail the stream never delivered, on the scheduled event', async () => {
    const to = uniqueEmail();
    const id = await writeMail(to, new Date(Date.now() - 5 * 60_000));

    await notifier.sweepHandler(scheduledEvent());

    expect(await waitForMails(to, 1)).toHaveLength(1);
    expect((await getOutboxItem(db, id))?.status).toBe('sent');
  });
});
