/**
 * The ids of the changes an aggregate counted are kept per day of the stream record's creation, in
 * three slots: a slot is emptied when its day comes round again (three days later), and a redelivery
 * within the stream's 24 hours is still recognised.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/model';
import { createStatsAggregator } from '../../functions/stats/handler';
import { createOwnTable, dropOwnTable } from '../support/stack';

const QUARTIER = '97411-le-chaudron';
const DAY = 86_400;
const day0 = 20_000 * DAY; // a UTC day number that is a multiple of 3: slot 0

let db: Database;

beforeAll(async () => {
  db = await createOwnTable('stats-days');
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

async function newListings(): Promise<unknown> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.statsAggregate('2026-01', `Q#${QUARTIER}`),
      ConsistentRead: true,
    }),
  );
  return Item?.new;
}

describe('statistics aggregator, ids kept per day', () => {
  it('empties a slot three days on, and still recognises a redelivery of the day', async () => {
    // Prepare
    for (const id of ['A', 'B', 'C'])
      await db.doc.send(new PutCommand({ TableName: db.tableName, Item: listing(id) }));
    const aggregate = createStatsAggregator({ db, now: () => new Date() });
    const a = publication('A', day0 + 100);
    const b = publication('B', day0 + DAY + 100);
    const c = publication('C', day0 + 3 * DAY + 100);

    // Act
    const results = [];
    for (const batch of [[a], [a, b], [b], [c], [c, b]])
      results.push((await aggregate({ Records: batch })).batchItemFailures);
    const late = (await aggregate({ Records: [a] })).batchItemFailures;

    // Assess
    expect(results.every((failures) => failures.length === 0)).toBe(true);
    expect(await newListings()).toBe(3);
    // A's day left the slot when C's came: a record that old can no longer be on the stream.
    expect(late).toHaveLength(1);
    expect(await newListings()).toBe(3);
  }, 60_000);
});
