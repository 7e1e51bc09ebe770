import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DominanceCounter } from './dominance-count';

/** Few distinct values, so equal rents and surfaces (the rank edge cases) are common. */
const rent = fc.integer({ min: 300, max: 320 });
const surface = fc.integer({ min: 20, max: 30 });
/** Half units now and then: ranks then come from a sorted copy instead of a table by value. */
const half = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(0.5) },
);
const dwellingArb = fc.record({
  rent: fc.tuple(rent, half).map(([r, h]) => r + h),
  surface: fc.tuple(surface, half).map(([s, h]) => s + h),
  included: fc.boolean(),
});
const wishArb = fc.record({
  maxRent: fc.oneof(rent, fc.constant(Number.POSITIVE_INFINITY), fc.constant(299)),
  minSurface: fc.oneof(surface, fc.constant(19), fc.constant(31)),
});

describe('DominanceCounter', () => {
  it('counts the (dwelling, wish) pairs a double loop counts, for all dwellings and for a subset, few wishes or many', () => {
    const counter = new DominanceCounter();
    fc.assert(
      fc.property(
        fc.array(dwellingArb, { maxLength: 40 }),
        fc.array(wishArb, { maxLength: 40 }),
        fc.array(wishArb, { maxLength: 10 }),
        (dwellings, wishes, moreWishes) => {
          counter.reserveDwellings(dwellings.length);
          dwellings.forEach((d, i) => {
            counter.rents[i] = d.rent;
            counter.surfaces[i] = d.surface;
          });
          counter.setDwellings(dwellings.length);
          const expected = (ws: typeof wishes, subset: boolean) =>
            ws.reduce(
              (sum, w) =>
                sum +
                dwellings.filter(
                  (d) =>
                    (!subset || d.included) && d.rent <= w.maxRent && d.surface >= w.minSurface,
                ).length,
              0,
            );
          // Two batches of wishes on the same ranked dwellings: nothing may leak from one count to the next.
          for (const [batch, subset] of [
            [wishes, false],
            [moreWishes, true],
            [wishes, true],
          ] as const) {
            counter.reserveWishes(batch.length);
            batch.forEach((w, q) => {
              counter.maxRents[q] = w.maxRent;
              counter.minSurfaces[q] = w.minSurface;
            });
            dwellings.forEach((d, i) => (counter.included[i] = d.included ? 1 : 0));
            expect(subset ? counter.count(batch.length, true) : counter.count(batch.length)).toBe(
              expected(batch, subset),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
