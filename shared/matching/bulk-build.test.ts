/**
 * A cold start fills the index at once (`addAll`): it must be the very index that adding the
 * listings one by one builds, and stay so through the changes that follow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMarket, type MarketOptions } from '../market/generator';
import { MatchingIndex } from './market-index';
import { placeNamesFrom } from './types';

function everyAnswer(index: MatchingIndex, ids: readonly string[]) {
  return ids.map((id) => ({
    id,
    own: index.ownBest(id, 5).map((cycle) => `${cycle.key}:${cycle.score}`),
    counts: index.countsFor(id),
  }));
}

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
