import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCandidate } from './candidate-factory';
import { Interner, compileListing } from './compiled';
import { compareRanked } from './cycles';
import { FoundCycle, compareCycleKeys, compareFound } from './found-cycle';

const interner = new Interner();
const listing = (id: string) => compileListing(makeCandidate({ id }), interner);
/** Ids that are prefixes of one another, and characters on both sides of "|" (code 124): where joined keys and id lists order differently. */
const idArb = fc.stringMatching(/^[A-C{|}~0]{1,3}$/);
const cycleArb = fc.uniqueArray(idArb, { minLength: 2, maxLength: 3 }).map((ids) => ids.map(listing));

describe('compareCycleKeys', () => {
  it('orders cycles as their keys compare as strings', () => {
    fc.assert(
      fc.property(cycleArb, cycleArb, (x, y) => {
        const [xKey, yKey] = [new FoundCycle(0, x).key, new FoundCycle(0, y).key];
        expect(Math.sign(compareCycleKeys(x, y))).toBe(xKey < yKey ? -1 : xKey > yKey ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('ranks found cycles as compareRanked does', () => {
    fc.assert(
      fc.property(cycleArb, cycleArb, fc.constantFrom(60, 60.1), fc.constantFrom(60, 60.1), (x, y, xScore, yScore) => {
        const [a, b] = [new FoundCycle(xScore, x), new FoundCycle(yScore, y)];
        expect(Math.sign(compareFound(a, b))).toBe(Math.sign(compareRanked(a, b)));
      }),
      { numRuns: 500 },
    );
  });
});
