/**
 * The outbox keeps a mail's content only until it is sent: afterwards no item of the table holds
 * the sign-in link (nor the address), and every outbox item expires by TTL within 7 days.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { OUTBOX_RETENTION_DAYS } from '../../functions/lib/db/outbox';
import { ENTITY } from '../../functions/lib/db/model';
import { requestLinkToken } from '../support/sign-in';
import { stackDatabase, uniqueEmail } from '../support/stack';

async function itemsContaining(needle: string): Promise<Record<string, unknown>[]> {
  const db = stackDatabase();
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }),
    );
    found.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).includes(needle)));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('outbox retention', () => {
  it('keeps no sign-in link nor address in the table once the mail is sent', async () => {
    // Prepare
    const email = uniqueEmail('lien');

    // Act
    const token = await requestLinkToken(email);

    // Assess
    expect(
      await eventually(
        () => itemsContaining(token),
        (items) => items.length === 0,
      ),
    ).toEqual([]);
    const outbox = (
      await eventually(
        () => itemsContaining(email),
        (items) => items.every((item) => item.entity !== ENTITY.outbox),
      )
    ).filter((item) => item.entity === ENTITY.outbox);
    expect(outbox).toEqual([]);
  });

  it('gives every outbox item a TTL of at most 7 days, and keeps only kind and dates once sent', async () => {
    // Prepare
    const email = uniqueEmail('ttl');
    const before = Math.floor(Date.now() / 1000);

    // Act
    await requestLinkToken(email);

    // Assess
    const db = stackDatabase();
    const sent = await eventually(
      async () => {
        const page = await db.doc.send(
          new ScanCommand({
            TableName: db.tableName,
            FilterExpression: 'entity = :outbox AND createdAt >= :since',
            ExpressionAttributeValues: {
              ':outbox': ENTITY.outbox,
              ':since': new Date(before * 1000).toISOString(),
            },
          }),
        );
        return page.Items ?? [];
      },
      (items) => items.length > 0 && items.every((item) => item.status === 'sent'),
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const item of sent) {
      expect(item.status).toBe('sent');
      expect(
        Object.keys(item).filter((name) =>
          ['to', 'subject', 'text', 'html', 'lastError'].includes(name),
        ),
      ).toEqual([]);
      // Jobs of other test files run on injected clocks: each item is judged against its own creation.
      const created = Math.floor(Date.parse(String(item.createdAt)) / 1000);
      expect(item.ttl).toBeGreaterThanOrEqual(created);
      expect(item.ttl).toBeLessThanOrEqual(created + 1 + OUTBOX_RETENTION_DAYS * 86_400);
    }
  });
});
