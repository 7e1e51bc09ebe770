import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueRanks } from './value-ranks';

/** Whole euros in a narrow range (the table), fractions and wide ranges (the sorted copy), with repeats. */
const valuesArb = fc.oneof(
  fc.array(fc.integer({ min: 300, max: 330 }), { maxLength: 60 }),
  fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 60 }),
  fc.array(fc.constantFrom(20, 20.5, 21, 35.25, 60), { maxLength: 60 }),
);
const probeArb = fc.oneof(
  fc.integer({ min: 290, max: 340 }),
  fc.double({ min: 0, max: 1_000_001, noNaN: true }),
  fc.constantFrom(20.5, 20.75, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe('ValueRanks', () => {
  it('counts the values at most and below any value, and ranks each value, as a scan does', () => {
    const ranks = new ValueRanks();
    fc.assert(
      fc.property(valuesArb, fc.array(probeArb, { maxLength: 20 }), (values, probes) => {
        ranks.reserve(values.length);
        values.forEach((value, i) => (ranks.values[i] = value));
        ranks.build(values.length);
        for (const v of [...probes, ...values]) {
          expect(ranks.atMostCount(v)).toBe(values.filter((x) => x <= v).length);
          expect(ranks.belowCount(v)).toBe(values.filter((x) => x < v).length);
        }
        values.forEach((value, i) =>
          expect(ranks.rankOf(i)).toBe(values.filter((x) => x < value).length),
        );
      }),
      { numRuns: 300 },
    );
  });
});
