import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BestCycles } from './best-cycles';
import type { CompiledListing } from './compiled';
import { compareRanked, cycleKey } from './cycles';
import { ListingColumns } from './listing-columns';

/** Columns holding only what `BestCycles` reads of a listing: its id. Slot 0 is the start. */
function columnsOf(size: number): ListingColumns {
  const columns = new ListingColumns();
  for (let slot = 0; slot < size; slot++) {
    columns.listings[slot] = { id: `L${slot}` } as CompiledListing;
    columns.ids[slot] = `L${slot}`;
  }
  return columns;
}

// Few distinct scores, so that ties at the bar are the rule, as on dense markets.
const offerArb = fc.record({
  score: fc.integer({ min: 600, max: 612 }).map((tenths) => tenths / 10),
  partner: fc.integer({ min: 1, max: 40 }),
  wanter: fc.integer({ min: 0, max: 40 }).map((w) => (w === 0 ? -1 : w)),
});

describe('BestCycles', () => {
  it('keeps exactly the first K of all offered cycles by score, size and key, rotated to their smallest id, and admits what may still rank', () => {
    const columns = columnsOf(41);
    const best = new BestCycles(); // reused, as queries reuse it
    fc.assert(
      fc.property(
        fc.uniqueArray(offerArb, { selector: (o) => `${o.partner}>${o.wanter}`, maxLength: 400 }),
        fc.integer({ min: 0, max: 30 }),
        (offers, k) => {
          const distinct = offers.filter((o) => o.partner !== o.wanter);
          best.reset(k);
          for (const o of distinct) best.offer(o.score, o.partner, o.wanter);
          const cycleOf = (o: (typeof distinct)[number]) => {
            const ids = [0, o.partner, ...(o.wanter >= 0 ? [o.wanter] : [])].map(
              (slot) => columns.listingAt(slot).id,
            );
            return { key: cycleKey(ids), size: ids.length, score: o.score };
          };
          const expected = distinct.map(cycleOf).sort(compareRanked).slice(0, k);
          const kept = best.sorted(columns, 0);
          expect(kept.map((c) => [c.key, c.score])).toEqual(expected.map((c) => [c.key, c.score]));
          for (const c of kept) {
            expect(c.listingIds.join('|')).toBe(c.key);
            expect(c.slots.map((slot) => columns.ids[slot])).toEqual(c.listingIds);
          }
          const worst = expected[expected.length - 1];
          if (k > 0 && expected.length === k && worst !== undefined) {
            expect(best.admits(worst.score)).toBe(true); // equal scores may still win on the tie-break
            expect(best.admits(Math.round(worst.score * 10 - 1) / 10)).toBe(false);
          } else {
            expect(best.admits(0)).toBe(k > 0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
