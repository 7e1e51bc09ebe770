/**
 * The property tests use markets of a few listings; the query's scratch arrays, pools and lazy
 * bounds only grow and branch on a market of realistic density. Here, on a generated CINOR market,
 * every listing's counts and best K must equal those derived from the index's own enumeration of
 * all cycles (itself checked against the brute force), with the counting forced through each path.
 */
import { describe, expect, it } from 'vitest';
import { generateMarket } from '../market/generator';
import type { CycleRecord } from './market-index';
import { MatchingIndex } from './market-index';
import { compareRanked } from './cycles';
import { ownBestOf } from './brute-force';
import { placeNamesFrom } from './types';

const market = generateMarket({ size: 700, seed: 7, density: 'broad', region: 'cinor' });
const names = placeNamesFrom(market);
const K = 20;

function indexOf(tuning: { directCountMaxAccepted?: number }): MatchingIndex {
  const index = new MatchingIndex(names, tuning);
  market.listings.forEach((l) => index.upsert(l));
  return index;
}

describe('proposalsFor on a dense generated market', () => {
  it('counts and ranks every listing’s cycles as the full enumeration does', () => {
    const byListing = new Map<string, CycleRecord[]>();
    indexOf({}).enumerateAll((cycle) =>
      cycle.listingIds.forEach((id) => byListing.set(id, [...(byListing.get(id) ?? []), cycle])),
    );
    const indexes = [
      indexOf({}),
      indexOf({ directCountMaxAccepted: 0 }),
      indexOf({ directCountMaxAccepted: Number.POSITIVE_INFINITY }),
    ];
    let busiest = 0;
    for (const listing of market.listings.filter((_, i) => i % 7 === 0)) {
      const cycles = [...(byListing.get(listing.id) ?? [])].sort(compareRanked);
      busiest = Math.max(busiest, cycles.length);
      const expected = {
        count2: cycles.filter((c) => c.size === 2).length,
        count3: cycles.filter((c) => c.size === 3).length,
        best: ownBestOf(cycles, K).map((c) => `${c.key}@${c.score}`),
      };
      for (const index of indexes) {
        const result = index.proposalsFor(listing.id, { k: K });
        expect({
          count2: result.count2,
          count3: result.count3,
          best: result.proposals.map((p) => `${p.key}@${p.score}`),
        }).toEqual(expected);
      }
    }
    expect(busiest).toBeGreaterThan(2000); // dense enough for pools, growth and pruning to matter
  }, 30_000); // a few seconds alone; the machine is shared
});
