/** The best 3-cycle a listing shares with each other listing, against the brute force. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMarket } from '../market/generator';
import { bruteForceCycles } from './brute-force';
import { compareRanked } from './cycles';
import { MatchingIndex, type CycleRecord } from './market-index';
import { placeNamesFrom } from './types';

describe('MatchingIndex.bestThreeWayWithEach', () => {
  it('names every listing sharing a 3-cycle with the start, with the best-ranked such cycle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('broad' as const, 'narrow' as const),
        (size, seed, density) => {
          const market = generateMarket({ size, seed, density, region: 'cinor' });
          const index = new MatchingIndex(placeNamesFrom(market));
          market.listings.forEach((listing) => index.upsert(listing));
          const threeWays = bruteForceCycles(market.listings).filter((c) => c.size === 3);
          for (const { id } of market.listings) {
            const expected = new Map<string, CycleRecord>();
            for (const cycle of threeWays.filter((c) => c.listingIds.includes(id)))
              for (const other of cycle.listingIds) {
                const known = expected.get(other);
                if (other !== id && (!known || compareRanked(cycle, known) < 0))
                  expected.set(other, cycle);
              }
            const found = index.bestThreeWayWithEach(id);
            expect(new Map([...found].map(([other, c]) => [other, c.key]))).toEqual(
              new Map([...expected].map(([other, c]) => [other, c.key])),
            );
            for (const [other, cycle] of found)
              expect(cycle.score).toBe(expected.get(other)!.score);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
