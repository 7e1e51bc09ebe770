import fc from 'fast-check';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../functions/lib/db/client';
import { aggregatesFromItems } from '../../functions/lib/db/stats';
import { createStatsAggregator } from '../../functions/stats/handler';
import {
  cellKey,
  listingFactsOf,
  rebuildCells,
  type Cells,
  type Item,
  type ListingFacts,
} from '../../shared/stats/index';
import { createOwnTable, dropOwnTable } from '../support/stack';

const QUARTIERS = [
  ['97420', '97420-la-renaissance'],
  ['97411', '97411-le-chaudron'],
  ['97411', '97411-bellepierre'],
] as const;
const DATES = [
  '2026-01-05T10:00:00.000Z',
  '2026-02-14T08:00:00.000Z',
  '2026-04-01T00:00:00.000Z',
  '2026-07-20T12:00:00.000Z',
];
const IDS = ['A', 'B', 'C'];

let db: Database;

beforeAll(async () => {
  db = await createOwnTable('stats-batches');
});

afterAll(async () => {
  await dropOwnTable(db);
});

/** A listing's successive states (its dwelling never changes), and a match between listings. */
const listingStates = (id: string, i: number) =>
  fc.array(
    fc
      .record({
        status: fc.constantFrom('draft', 'published', 'engaged', 'withdrawn', 'expired'),
        publishedAt: fc.constantFrom(...DATES),
        updatedAt: fc.constantFrom(...DATES),
        typologies: fc.subarray(['T2', 'T4']),
      })
      .map((s): Item => {
        const [communeCode, quartierId] = QUARTIERS[i % QUARTIERS.length]!;
        return {
          pk: `LISTING#${id}`,
          sk: 'LISTING',
          entity: 'Listing',
          id,
          status: s.status,
          motive: 'work',
          publishedAt: s.publishedAt,
          updatedAt: s.updatedAt,
          expiresAt: s.updatedAt,
          dwelling: { communeCode, quartierId, typology: 'T3', surface: 60 },
          household: { adults: 2, children: 1 },
          wishes: { communes: ['97411'], quartiers: [], typologies: s.typologies },
        };
      }),
    { minLength: 1, maxLength: 4 },
  );
const matchStates = fc.array(
  fc
    .record({
      status: fc.constantFrom('proposed', 'mutual', 'closed'),
      createdAt: fc.constantFrom(...DATES),
      kind: fc.constantFrom('2-way', '3-way'),
    })
    .map((m): Item => ({
      pk: 'MATCH#M',
      sk: 'MATCH',
      entity: 'Match',
      id: 'M',
      listingIds: IDS,
      ...m,
    })),
  { minLength: 1, maxLength: 3 },
);

function recordsOf(states: Item[], run: string): DynamoDBRecord[] {
  return states.map((after, i) => ({
    eventName: i === 0 ? 'INSERT' : 'MODIFY',
    dynamodb: {
      SequenceNumber: `${run}${String(i).padStart(4, '0')}`,
      Keys: marshall({ pk: after.pk, sk: after.sk }) as never,
      NewImage: marshall(after) as never,
      ...(i > 0 ? { OldImage: marshall(states[i - 1]!) as never } : {}),
    },
  }));
}

/** Every aggregate stored (the table is emptied before each run), without zero counters. */
async function storedCells(): Promise<Cells> {
  const items = (await db.doc.send(new ScanCommand({ TableName: db.tableName }))).Items ?? [];
  const cells: Cells = new Map();
  for (const aggregate of aggregatesFromItems(items)) {
    for (const [counter, value] of Object.entries(aggregate.counters))
      if (value !== 0) cells.set(cellKey(aggregate.month, aggregate.scope, counter), value);
  }
  return cells;
}

describe('statistics aggregator, batches replayed', () => {
  it('gives a rebuild’s totals whatever the batch splits, replays, order and process', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...IDS.map((id, i) => listingStates(id, i))),
        matchStates,
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        async (listings, matches, cuts, order) => {
          // Prepare: a clean table for the run, the listings' final states stored for lookups.
          run += 1;
          const items =
            (
              await db.doc.send(
                new ScanCommand({ TableName: db.tableName, ProjectionExpression: 'pk, sk' }),
              )
            ).Items ?? [];
          await Promise.all(
            items.map((key) =>
              db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: key })),
            ),
          );
          await Promise.all(
            listings.map((states) =>
              db.doc.send(new PutCommand({ TableName: db.tableName, Item: states.at(-1)! })),
            ),
          );
          const records = [
            ...listings.flatMap((states, i) => recordsOf(states, `${run}${i}`)),
            ...recordsOf(matches, `${run}9`),
          ];
          const shuffled = records
            .map((r, i) => ({ r, rank: order[i] ?? i }))
            .sort((a, b) => a.rank - b.rank)
            .map((x) => x.r);
          const batches: DynamoDBRecord[][] = [];
          for (let start = 0, k = 0; start < shuffled.length; k += 1) {
            const size = 1 + (cuts[k % cuts.length]! % 5);
            batches.push(shuffled.slice(start, start + size));
            start += size;
          }
          const replays = batches.filter((_, i) => (cuts[i % cuts.length]! & 1) === 1);
          // Two processes taking batches in turn: each one's copy of the items goes stale.
          const aggregators = [0, 1].map(() =>
            createStatsAggregator({ db, now: () => new Date() }),
          );

          // Act: every batch, then some again, then the whole stream at once.
          for (const [i, batch] of [...batches, ...replays, shuffled].entries())
            expect((await aggregators[i % 2]!({ Records: batch })).batchItemFailures).toEqual([]);

          // Assess
          const finals = [...listings.map((s) => s.at(-1)!), matches.at(-1)!];
          const dwellings = new Map(
            finals
              .map(listingFactsOf)
              .filter((f): f is ListingFacts => !!f)
              .map((f) => [f.id, f]),
          );
          const expected = rebuildCells(finals, (id) => dwellings.get(id));
          const stored = await storedCells();
          expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expected));
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000); // twelve replays of a market through the aggregator on DynamoDB Local: minutes on a busy machine
});
