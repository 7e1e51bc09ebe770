/**
 * The event path as in production: a transaction writes a mail into the outbox, DynamoDB
 * Local's stream delivers it, the notifier sends it through the local SES endpoint — once,
 * even when the record is redelivered or SES fails for a while.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Database } from '../../functions/lib/db/client';
import { getOutboxItem, outboxPut } from '../../functions/lib/db/outbox';
import { transactWrite } from '../../functions/lib/db/transact';
import { createSesSender, type MailSender } from '../../functions/lib/mail/sender';
import { createNotifier } from '../../functions/notifier/handler';
import { sweepOutbox } from '../../functions/notifier/sweep';
import { StreamRunner } from '../../scripts/local/stream-runner';
import { mailsTo, waitForMails } from '../support/mailbox';
import { stack, uniqueEmail, createOwnTable, dropOwnTable } from '../support/stack';

let db: Database;
let realSend: MailSender;

/** An SES that is down for the first `outage` calls, then the real local endpoint. */
function flakySes(outage: number): MailSender & { calls: number } {
  const sender = Object.assign(
    async (mail: Parameters<MailSender>[0]) => {
      sender.calls += 1;
      if (sender.calls <= outage)
        throw Object.assign(new Error('SES indisponible'), { name: 'ServiceUnavailable' });
      return realSend(mail);
    },
    { calls: 0 },
  );
  return sender;
}

beforeAll(async () => {
  const { region, sesUrl } = stack();
  // A table of its own: the stack's notifier must not compete with the sender under test.
  db = await createOwnTable('notifier', { stream: true });
  realSend = createSesSender({
    region,
    sesEndpoint: sesUrl,
    mailFrom: 'Échange Kaz <ne-pas-repondre@bourse.local>',
  });
});

afterAll(() => dropOwnTable(db));

async function writeMail(to: string): Promise<string> {
  const put = outboxPut(db, {
    to,
    subject: 'Votre lien de connexion',
    text: 'Bonjour',
    kind: 'test',
  });
  await transactWrite(db, [put]);
  return String(put.Put!.Item!.id);
}

function insertEvent(item: Record<string, unknown>, sequenceNumber = '1'): DynamoDBStreamEvent {
  return {
    Records: [
      {
        eventName: 'INSERT',
        dynamodb: {
          NewImage: marshall(item, { removeUndefinedValues: true }) as never,
          SequenceNumber: sequenceNumber,
        },
      },
    ],
  };
}

describe('notifier', () => {
  it('sends a mail written in a transaction, through the stream, exactly once', async () => {
    const to = uniqueEmail();
    const runner = new StreamRunner({
      endpoint: stack().dynamodbEndpoint,
      region: stack().region,
      tableName: db.tableName,
      handlers: { notifier: createNotifier({ db, send: realSend }) },
      pollMs: 50,
    });
    await runner.start();
    try {
      const id = await writeMail(to);

      const mails = await waitForMails(to, 1);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toBe('Votre lien de connexion');
      // The notifier marks the item after the mail is handed over: the mail can arrive first.
      await expect.poll(async () => (await getOutboxItem(db, id))?.status).toBe('sent');
    } finally {
      await runner.stop();
    }
  });

  it('sends nothing twice when a record is redelivered', async () => {
    const to = uniqueEmail();
    const id = await writeMail(to);
    const item = await getOutboxItem(db, id);
    const notify = createNotifier({ db, send: realSend });

    const first = await notify(insertEvent({ ...item, entity: 'Outbox' }));
    const second = await notify(insertEvent({ ...item, entity: 'Outbox' }));

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await waitForMails(to, 2, 1500)).toHaveLength(1);
  });

  it('reports the record as failed while SES is down, and delivers once it is back', async () => {
    const to = uniqueEmail();
    const id = await writeMail(to);
    const item = { ...(await getOutboxItem(db, id)), entity: 'Outbox' };
    const ses = flakySes(2);
    const notify = createNotifier({ db, send: ses });

    const attempts = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      attempts.push(await notify(insertEvent(item, '42')));

    expect(attempts.map((a) => a.batchItemFailures.length)).toEqual([1, 1, 0]);
    expect(attempts[0]?.batchItemFailures[0]?.itemIdentifier).toBe('42');
    expect(await waitForMails(to, 2, 1500)).toHaveLength(1);
    expect(await getOutboxItem(db, id)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('retries through the stream runner until SES answers again', async () => {
    const to = uniqueEmail();
    const ses = flakySes(3);
    const runner = new StreamRunner({
      endpoint: stack().dynamodbEndpoint,
      region: stack().region,
      tableName: db.tableName,
      handlers: { notifier: createNotifier({ db, send: ses }) },
      pollMs: 50,
    });
    await runner.start();
    try {
      await writeMail(to);

      expect(await waitForMails(to, 1, 20_000)).toHaveLength(1);
      expect(ses.calls).toBeGreaterThanOrEqual(4);
      expect(await waitForMails(to, 2, 1000)).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  });

  it('sweeps mails that were never sent (their record exhausted its retries)', async () => {
    const to = uniqueEmail();
    const id = await writeMail(to);
    const later = () => new Date(Date.now() + 5 * 60_000);

    const result = await sweepOutbox({ db, send: realSend, now: later });

    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(await mailsTo(to)).toHaveLength(1);
    expect((await getOutboxItem(db, id))?.status).toBe('sent');
  });
});
