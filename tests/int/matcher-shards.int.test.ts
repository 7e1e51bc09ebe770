/**
 * Several stream shards, several matcher instances: each instance sees only some listing records,
 * yet the proposals stored must be those a single instance stores from all of them, and both must
 * be what the brute force says: every cycle that some participant keeps among its own best
 * (every 2-way and its best K 3-ways), with exact counts for every listing as the API answers them. On tables of their
 * own, with stream records built as Lambda delivers them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { seedReferenceData } from '../../shared/reference/index';
import { generateMarket, type GeneratedListing } from '../../shared/market/generator';
import { accepts, bruteForceCycles, type ListingCounts } from '../../shared/matching/index';
import { ownBestOf } from '../../shared/matching/brute-force';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../../functions/lib/db/client';
import { listingItem } from '../../functions/lib/db/listings';
import { keys } from '../../functions/lib/db/model';
import { candidateOf } from '../../shared/matching/candidate-of';
import { createMatcher } from '../../functions/matcher/handler';
import { MarketCache } from '../../functions/lib/matching/market-cache';
import { marketViewOf } from '../../functions/lib/matching/widen';
import { publishedListing } from '../../scripts/bench/market-loader';
import { createOwnTable, dropOwnTable } from '../support/stack';

const K = 3;
const reference = async () => seedReferenceData;
let single: Database;
let sharded: Database;

beforeAll(async () => {
  [single, sharded] = await Promise.all([
    createOwnTable('one-shard'),
    createOwnTable('two-shards'),
  ]);
});

afterAll(() => Promise.all([dropOwnTable(single), dropOwnTable(sharded)]));

interface Change {
  before?: Listing;
  after: Listing;
}

/** A random sequence of publications, edits (what the listing offers and wants) and withdrawals, from a seed. */
function changesOf(seed: number, steps: number): Change[] {
  // All in one commune, so that cycles of both sizes abound among a few dozen listings.
  const pool = generateMarket({ size: 90, seed, density: 'broad', region: 'cinor' }).listings.map(
    (l) => ({
      ...l,
      dwelling: { ...l.dwelling, communeCode: '97411' },
      wishes: {
        ...l.wishes,
        communes: ['97411'],
        quartiers: [],
        needs: {},
        maxTotalRent: undefined,
      },
    }),
  );
  let state = seed;
  const random = (n: number) => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n;
  const current = new Map<string, Listing>();
  let nextNew = 0;
  const changes: Change[] = [];
  const now = new Date();
  for (let step = 0; step < steps; step++) {
    const published = [...current.values()].filter((l) => l.status === 'published');
    const roll = random(10);
    if (published.length < 4 || roll < 6) {
      const after = publishedListing(pool[nextNew++] as GeneratedListing, now);
      changes.push({ after });
      current.set(after.id, after);
    } else {
      const before = published[random(published.length)] as Listing;
      const other = pool[60 + random(30)] as GeneratedListing;
      const after: Listing =
        roll < 9
          ? {
              ...before,
              dwelling: { ...other.dwelling },
              wishes: { ...other.wishes },
              version: before.version + 1,
            }
          : { ...before, status: 'withdrawn', version: before.version + 1 };
      changes.push({ before, after });
      current.set(after.id, after);
    }
  }
  return changes;
}

function recordOf(change: Change, sequence: number): DynamoDBStreamEvent {
  const image = (listing: Listing) =>
    marshall(listingItem(listing, new Date()), { removeUndefinedValues: true }) as never;
  return {
    Records: [
      {
        eventName: change.before ? 'MODIFY' : 'INSERT',
        dynamodb: {
          Keys: marshall(keys.listing(change.after.id)) as never,
          NewImage: image(change.after),
          ...(change.before ? { OldImage: image(change.before) } : {}),
          SequenceNumber: String(sequence),
        },
      },
    ],
  };
}

/** Counts the transactions DynamoDB cancels on `db` from now on (a condition failed, or a collision). */
function countCancelledTransactions(db: Database): { cancelled: number } {
  const seen = { cancelled: 0 };
  db.client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as Error).name === 'TransactionCanceledException') seen.cancelled += 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'countCancelledTransactions' },
  );
  return seen;
}

/** Writes each change to the table, then hands its record to one of the matcher instances, in turn. */
async function run(db: Database, changes: Change[], instances: number): Promise<void> {
  const matchers = Array.from({ length: instances }, () =>
    createMatcher({ db, now: () => new Date(), reference, proposalsPerListing: K }),
  );
  for (const [i, change] of changes.entries()) {
    await db.doc.send(
      new PutCommand({ TableName: db.tableName, Item: listingItem(change.after, new Date()) }),
    );
    expect(await matchers[i % instances]!(recordOf(change, i))).toEqual({ batchItemFailures: [] });
  }
}

async function scan(db: Database, entity: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: '#e = :e',
        ExpressionAttributeNames: { '#e': 'entity' },
        ExpressionAttributeValues: { ':e': entity },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Each listing's live proposals (keys) as stored, and its counts as the API answers them. */
async function storedState(db: Database, market: Listing[]) {
  const live = (await scan(db, 'Match')).filter(
    (m) => m.status === 'proposed' || m.status === 'mutual',
  );
  const proposals = new Map<string, string[]>();
  for (const match of live)
    for (const id of match.listingIds as string[])
      proposals.set(id, [...(proposals.get(id) ?? []), String(match.key)].sort());
  const api = { db, now: () => new Date(), reference, market: new MarketCache() };
  const counts = new Map<string, ListingCounts | undefined>();
  for (const listing of market) counts.set(listing.id, (await marketViewOf(api, listing))?.counts);
  return { proposals, counts };
}

function finalMarket(changes: Change[]): Listing[] {
  const latest = new Map(changes.map((change) => [change.after.id, change.after]));
  return [...latest.values()].filter((listing) => listing.status === 'published');
}

describe('matching with several stream shards', () => {
  it('stores, from two instances each fed half of the records, what one instance stores from all, and what the brute force says', async () => {
    const changes = changesOf(1, 50);

    const alone = countCancelledTransactions(single);
    await run(single, changes, 1);
    // One instance never races itself: a cycle that several refills of one change would store or
    // close (it enters or leaves the best of several participants) is written once, by the first
    // refill to claim it.
    expect(alone.cancelled).toBe(0);
    await run(sharded, changes, 2);

    const listings = finalMarket(changes);
    const [one, two] = await Promise.all([
      storedState(single, listings),
      storedState(sharded, listings),
    ]);
    const market = listings.map(candidateOf);
    const all = bruteForceCycles(market);
    const expected = new Map<string, string[]>();
    const kept = new Set(
      market.flatMap((listing) =>
        ownBestOf(
          all.filter((c) => c.listingIds.includes(listing.id)),
          K,
        ).map((c) => c.key),
      ),
    );
    for (const key of kept)
      for (const id of key.split('|')) expected.set(id, [...(expected.get(id) ?? []), key].sort());
    expect(kept.size).toBeGreaterThan(20); // dense enough for the best K to leave cycles out
    expect(Object.fromEntries(two.proposals)).toEqual(Object.fromEntries(one.proposals));
    expect(Object.fromEntries(one.proposals)).toEqual(Object.fromEntries(expected));
    for (const listing of market) {
      const through = all.filter((c) => c.listingIds.includes(listing.id));
      const recount = {
        count2: through.filter((c) => c.size === 2).length,
        count3: through.filter((c) => c.size === 3).length,
        wanters: market.filter((other) => accepts(other, listing)).length,
      };
      expect(one.counts.get(listing.id)).toEqual(recount);
      expect(two.counts.get(listing.id)).toEqual(recount);
    }
  }, 240_000);
});
