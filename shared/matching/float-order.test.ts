import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FloatOrder } from './float-order';

/** Whole numbers, fractions, both zeros, infinities, tiny and huge magnitudes: every byte of the keys varies somewhere. */
const keyArb = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(
    0,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MIN_VALUE,
    -Number.MAX_VALUE,
  ),
);

describe('FloatOrder', () => {
  it('orders indices by ascending key, equal keys in index order, as a stable comparison sort does', () => {
    const order = new FloatOrder(); // reused across runs, as queries reuse it
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 300 }), (keys) => {
        order.reserve(keys.length);
        keys.forEach((key, i) => (order.keys[i] = key));
        const sorted = Array.from(order.sort(keys.length).subarray(0, keys.length));
        const expected = keys
          .map((_, i) => i)
          .sort((x, y) => (keys[x] as number) - (keys[y] as number) || x - y);
        // −0 and +0 are equal keys, so they may come in either order; every other position is exact.
        expect(sorted.map((i) => (keys[i] as number) + 0)).toEqual(
          expected.map((i) => (keys[i] as number) + 0),
        );
        expect(sorted.filter((i) => keys[i] !== 0)).toEqual(expected.filter((i) => keys[i] !== 0));
      }),
      { numRuns: 300 },
    );
  });
});
