/**
 * The ids of the changes counted are kept in ledger items, one per ten seconds of stream records'
 * creation, which expire three days on: a redelivery the next day is still recognised, and a record
 * older than two days (its ledger may be gone) is refused rather than counted again.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/model';
import { monthItemKeyOf } from '../../functions/lib/db/stats';
import { LEDGER_WINDOW_SECONDS } from '../../functions/lib/db/stats-apply';
import { createStatsAggregator } from '../../functions/stats/handler';
import { createOwnTable, dropOwnTable } from '../support/stack';

const QUARTIER = '97411-le-chaudron';
const DAY = 86_400;
const day0 = 20_000 * DAY;

let db: Database;

beforeAll(async () => {
  db = await createOwnTable('stats-ledger');
});

afterAll(async () => {
  await dropOwnTable(db);
});

const listing = (id: string) => ({
  pk: `LISTING#${id}`,
  sk: 'LISTING',
  entity: 'Listing',
  id,
  status: 'published',
  motive: 'work',
  publishedAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
  expiresAt: '2026-04-05T10:00:00.000Z',
  dwelling: { communeCode: '97411', quartierId: QUARTIER, typology: 'T3', surface: 60 },
  household: { adults: 2, children: 1 },
  wishes: { communes: ['97411'], quartiers: [], typologies: ['T4'] },
});

function publication(id: string, createdAt: number): DynamoDBRecord {
  const item = listing(id);
  return {
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: `${id}0001`,
      ApproximateCreationDateTime: createdAt,
      Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
      NewImage: marshall(item) as never,
    },
  };
}

async function read(key: { pk: string; sk: string }) {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
  );
  return Item;
}

const newListings = async () =>
  (
    (await read(monthItemKeyOf('2026-01', `Q#${QUARTIER}`)))?.counters as Record<
      string,
      { new?: number }
    >
  )?.[`Q#${QUARTIER}`]?.new;

describe('statistics aggregator, ledger of the changes counted', () => {
  it('recognises a redelivery the next day, expires its ledger, refuses a record too old', async () => {
    // Prepare
    for (const id of ['A', 'B', 'C'])
      await db.doc.send(new PutCommand({ TableName: db.tableName, Item: listing(id) }));
    let now = day0 + 200;
    const aggregate = createStatsAggregator({ db, now: () => new Date(now * 1000) });
    const a = publication('A', day0 + 100);
    const b = publication('B', day0 + 150);
    const c = publication('C', day0 + DAY + 100);

    // Act
    const results = [];
    for (const batch of [[a], [a, b], [b, a]])
      results.push((await aggregate({ Records: batch })).batchItemFailures);
    now = day0 + DAY + 200;
    for (const batch of [[c], [c, b], [a]])
      results.push((await aggregate({ Records: batch })).batchItemFailures);
    now = day0 + 3 * DAY;
    const late = (await aggregate({ Records: [a] })).batchItemFailures;

    // Assess
    expect(results.every((failures) => failures.length === 0)).toBe(true);
    expect(await newListings()).toBe(3);
    const ledger = await read(keys.statsLedger(Math.floor((day0 + 100) / LEDGER_WINDOW_SECONDS)));
    expect(ledger?.ttl).toBe(day0 + 110 + 3 * DAY);
    expect((ledger?.ids as Set<string>).size).toBe(1);
    expect(late).toHaveLength(1);
    expect(await newListings()).toBe(3);
  }, 60_000);
});
