/**
 * A cold start fills the index at once (`addAll`, `buildAcceptedLists`): it must be the very index
 * that adding the listings one by one builds, and stay so through the changes that follow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMarket, type MarketOptions } from '../market/generator';
import { AcceptanceGraph } from './acceptance-graph';
import { Interner, compileListing } from './compiled';
import { MatchingIndex } from './market-index';
import { placeNamesFrom } from './types';

/** Each slot's accepted dwellings (by id, in id order), their count and the best move, as the graph keeps them. */
function everyList(graph: AcceptanceGraph) {
  return [...graph.slots()].map((slot) => ({
    id: graph.listingAt(slot).id,
    accepted: [...graph.acceptedBy(slot)].map((b) => graph.listingAt(b).id).sort(),
    count: graph.columns.acceptedCount[slot],
    bestMove: graph.columns.bestAcceptedMove[slot],
  }));
}

function everyAnswer(index: MatchingIndex, ids: readonly string[]) {
  return ids.map((id) => ({
    id,
    own: index.ownBest(id, 5).map((cycle) => `${cycle.key}:${cycle.score}`),
    counts: index.countsFor(id),
  }));
}

describe('AcceptanceGraph.addAll', () => {
  it('gives every listing the accepted dwellings, count and best move that adding them one by one gives', () => {
    fc.assert(
      fc.property(
        fc.record({
          size: fc.integer({ min: 1, max: 150 }),
          seed: fc.integer({ min: 1, max: 1000 }),
          density: fc.constantFrom('broad' as const, 'narrow' as const),
          region: fc.constantFrom('cinor' as const, 'region100' as const),
        }),
        // Few owners, so that some listings share one; rents rounded, so that buckets hold equal rents.
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(1, 50),
        (options: MarketOptions, owners, rentStep) => {
          const listings = generateMarket(options).listings.map((listing, i) => ({
            ...listing,
            ownerId: `owner-${i % owners}`,
            dwelling: {
              ...listing.dwelling,
              rent: Math.round(listing.dwelling.rent / rentStep) * rentStep,
            },
          }));
          const interner = new Interner();
          const compiled = listings.map((listing) => compileListing(listing, interner));
          const oneByOne = new AcceptanceGraph();
          compiled.forEach((listing) => oneByOne.add(listing));
          const atOnce = new AcceptanceGraph();

          atOnce.addAll(compiled);

          expect(everyList(atOnce)).toEqual(everyList(oneByOne));
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('MatchingIndex.addAll', () => {
  it('builds the index that upserting each listing builds, and both stay equal through later changes', () => {
    fc.assert(
      fc.property(
        fc.record({
          size: fc.integer({ min: 1, max: 120 }),
          seed: fc.integer({ min: 1, max: 1000 }),
          density: fc.constantFrom('broad' as const, 'narrow' as const),
          region: fc.constant('cinor' as const),
        }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 20 }),
        (options: MarketOptions, changes) => {
          const market = generateMarket(options);
          const later = generateMarket({ ...options, seed: options.seed + 1 }).listings;
          const names = placeNamesFrom(market);
          const oneByOne = new MatchingIndex(names);
          market.listings.forEach((listing) => oneByOne.upsert(listing));
          const atOnce = new MatchingIndex(names);

          atOnce.addAll(market.listings);

          const ids = market.listings.map((listing) => listing.id);
          expect(atOnce.size).toBe(oneByOne.size);
          expect(everyAnswer(atOnce, ids)).toEqual(everyAnswer(oneByOne, ids));
          for (const [target, edit] of changes) {
            const id = ids[target % ids.length] as string;
            for (const index of [oneByOne, atOnce]) {
              if (edit)
                index.upsert({ ...(later[target % later.length] as (typeof later)[0]), id });
              else index.remove(id);
            }
          }
          const left = ids.filter((id) => oneByOne.has(id));
          expect(ids.filter((id) => atOnce.has(id))).toEqual(left);
          expect(everyAnswer(atOnce, left)).toEqual(everyAnswer(oneByOne, left));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a listing given twice and an index already filled', () => {
    const market = generateMarket({ size: 3, seed: 1, density: 'broad', region: 'cinor' });
    const index = new MatchingIndex(placeNamesFrom(market));

    expect(() => index.addAll([market.listings[0]!, market.listings[0]!])).toThrow(/twice/);
    expect(index.size).toBe(0);
    index.addAll(market.listings);
    expect(() => index.addAll(market.listings)).toThrow(/empty/);
    expect(index.size).toBe(3);
  });
});
