/**
 * Faults on the real local engines: DynamoDB throttling is retried with backoff by the data
 * layer's client; a stream handler that crashes mid-batch is replayed without double counting.
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/lib/db/table';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createDatabase } from '../../functions/lib/db/client';
import { createUser, findUserByEmail } from '../../functions/lib/db/users';
import { createNotifier } from '../../functions/notifier/handler';
import { stack, stackDatabase, uniqueEmail } from '../support/stack';
import { waitForMails } from '../support/mailbox';
import { createSesSender } from '../../functions/lib/mail/sender';
import { outboxPut, getOutboxItem } from '../../functions/lib/db/outbox';
import { transactWrite } from '../../functions/lib/db/transact';
import { marshall } from '@aws-sdk/util-dynamodb';

describe('faults', () => {
  it('retries throttled DynamoDB requests with backoff until they go through', async () => {
    const { dynamodbEndpoint, tableName, region } = stack();
    const db = createDatabase({ tableName, endpoint: dynamodbEndpoint, region });
    let throttled = 0;
    db.client.middlewareStack.add(
      (next) => async (args) => {
        if (throttled < 3) {
          throttled += 1;
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
            name: 'ProvisionedThroughputExceededException',
            $metadata: { httpStatusCode: 400 },
            $fault: 'client',
          });
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'throttleFirstAttempts', priority: 'low' },
    );
    const email = uniqueEmail();
    const started = Date.now();

    await createUser(db, { email, role: 'tenant' }, new Date());

    expect(throttled).toBe(3);
    expect(Date.now() - started).toBeGreaterThan(20);
    expect(await findUserByEmail(stackDatabase(), email)).toMatchObject({ email });
  });

  it('replays a batch after a crash in the middle without sending anything twice', async () => {
    const { region, sesUrl, dynamodbEndpoint } = stack();
    // A table of its own, so that the stack's notifier does not send these mails first.
    const db = createDatabase({
      tableName: `faults-${randomUUID()}`,
      endpoint: dynamodbEndpoint,
      region,
    });
    await ensureTable(db, { stream: false });
    const send = createSesSender({
      region,
      sesEndpoint: sesUrl,
      mailFrom: 'Échange Kaz <ne-pas-repondre@bourse.local>',
    });
    const recipients = [uniqueEmail(), uniqueEmail(), uniqueEmail()];
    const ids: string[] = [];
    for (const to of recipients) {
      const put = outboxPut(db, { to, subject: 'Essai de reprise', text: 'Bonjour', kind: 'test' });
      ids.push(String(put.Put!.Item!.id));
      await transactWrite(db, [put]);
    }
    const items = await Promise.all(ids.map((id) => getOutboxItem(db, id)));
    const event: DynamoDBStreamEvent = {
      Records: items.map((item, i) => ({
        eventName: 'INSERT',
        dynamodb: {
          NewImage: marshall({ ...item, entity: 'Outbox' }) as never,
          SequenceNumber: String(i + 1),
        },
      })),
    };
    // The second mail's sending crashes (mails of a batch leave at the same time, so by address).
    const crashing = createNotifier({
      db,
      send: async (mail) => {
        if (mail.to === recipients[1]) throw new Error('crash');
        return send(mail);
      },
    });

    const first = await crashing(event);
    const replay = await createNotifier({ db, send })(event);

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(replay.batchItemFailures).toEqual([]);
    for (const to of recipients) expect(await waitForMails(to, 2, 1500)).toHaveLength(1);
    await db.client.send(new DeleteTableCommand({ TableName: db.tableName }));
  });
});
