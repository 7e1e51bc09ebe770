/**
 * Each matcher instance sees only its stream shard's listing records: it catches up on the
 * changes the others recorded in the market log, and a listing's latest version wins whatever
 * the order in which the stream and the log bring its changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import { generateMarket } from '../../shared/market/generator';
import type { Database } from '../../functions/lib/db/client';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { listingItem } from '../../functions/lib/db/listings';
import { appendMarketChange } from '../../functions/lib/db/market-log';
import { MarketCache } from '../../functions/lib/matching/market-cache';
import { loadMarket, publishedListing } from '../../scripts/bench/market-loader';
import { createOwnTable, dropOwnTable } from '../support/stack';

let db: Database;
const reference = async () => seedReferenceData;

beforeAll(async () => {
  db = await createOwnTable('market-cache');
});

afterAll(() => dropOwnTable(db));

describe('market index cache', () => {
  it('catches up on the changes other instances recorded, the latest version of each listing winning', async () => {
    const [first, second] = generateMarket({
      size: 2,
      seed: 11,
      density: 'broad',
      region: 'cinor',
    }).listings;
    await loadMarket(db, [first!]);
    const now = new Date();
    const mine = new MarketCache();
    await mine.get(db, reference, now);
    const published = publishedListing(second!, now);
    const withdrawn = {
      ...publishedListing(first!, now),
      status: 'withdrawn' as const,
      version: 2,
    };

    // Another instance saw these on its shard: the second listing published, the first withdrawn.
    await db.doc.send(
      new PutCommand({ TableName: db.tableName, Item: listingItem(published, now) }),
    );
    await db.doc.send(
      new PutCommand({ TableName: db.tableName, Item: listingItem(withdrawn, now) }),
    );
    await appendMarketChange(db, {
      listingId: second!.id,
      version: 1,
      seenAt: new Date().toISOString(),
    });
    await appendMarketChange(db, {
      listingId: first!.id,
      version: 2,
      seenAt: new Date().toISOString(),
    });
    const applied = await mine.catchUp(db, now);
    // A late record of an older version of the first listing changes nothing.
    mine.apply(undefined, publishedListing(first!, now), now);

    expect(applied).toBe(2);
    expect([mine.current.has(first!.id), mine.current.has(second!.id)]).toEqual([false, true]);
    expect(await mine.catchUp(db, now)).toBe(0);
  });

  it('reads back a short margin at each catch-up, and a minute at most every 15 s for writes that landed late', async () => {
    // Listings of their own: the first test's have the same generated ids.
    const [late, later] = generateMarket({
      size: 2,
      seed: 12,
      density: 'broad',
      region: 'cinor',
    }).listings.map((listing) => ({ ...listing, id: `sweep-${listing.id}` }));
    const now = new Date();
    const started = Date.now();
    let clock = started;
    const mine = new MarketCache(() => clock);
    await mine.get(db, reference, now);
    for (const listing of [late!, later!])
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: listingItem(publishedListing(listing, now), now),
        }),
      );
    /** Another instance's entry, seen `msBefore` the start by its clock, its write landing now. */
    const loggedLate = (listingId: string, msBefore: number) =>
      appendMarketChange(db, {
        listingId,
        version: 1,
        seenAt: new Date(started - msBefore).toISOString(),
      });
    const catchUpAt = (msAfter: number) => {
      clock = started + msAfter;
      return mine.catchUp(db, now);
    };
    expect(await catchUpAt(1_000)).toBe(0);

    await loggedLate(late!.id, 30_000);
    expect(await catchUpAt(2_000)).toBe(0);
    // One seen within the clock margin is caught at once.
    await loggedLate(later!.id, 5_000);
    expect(await catchUpAt(3_000)).toBe(1);
    expect(mine.current.has(later!.id)).toBe(true);
    expect(mine.current.has(late!.id)).toBe(false);

    // The sweep, 15 s after the last one (the build's), goes back a minute.
    expect(await catchUpAt(15_000)).toBe(1);
    expect(mine.current.has(late!.id)).toBe(true);
  });
});
