/**
 * The matcher's market index is rebuilt from the table in the background: the listing being
 * matched is not kept waiting, and changes applied during the rebuild are not lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import { generateMarket } from '../../shared/market/generator';
import type { Database } from '../../functions/lib/db/client';
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
  it('answers from the current index while it rebuilds, then serves the rebuilt one with the changes made meanwhile', async () => {
    const [first, second, third] = generateMarket({ size: 3, seed: 11, density: 'broad', region: 'cinor' }).listings;
    await loadMarket(db, [first!]);
    const cache = new MarketCache(0);
    const built = await cache.get(db, reference, new Date());
    expect(built.has(first!.id)).toBe(true);

    // Published through the table only: the rebuild is what brings it in.
    await loadMarket(db, [second!]);
    const during = await cache.get(db, reference, new Date());
    // Stream changes while the rebuild reads the table: one listing leaves, one joins.
    const now = new Date();
    cache.apply(publishedListing(first!, now), { ...publishedListing(first!, now), status: 'withdrawn' }, now);
    cache.apply(undefined, publishedListing(third!, now), now);
    await cache.settled();

    expect(during).toBe(built);
    expect(cache.current).not.toBe(built);
    expect([first!, second!, third!].map((listing) => cache.current.has(listing.id))).toEqual([false, true, true]);
  });
});
