import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HAS_NEEDS, OVER_OCCUPIED_NOW, UNDER_OCCUPIED_NOW, WISHES_QUARTIERS } from './mover-flags';
import { SCORE_WEIGHTS, scoreMove } from './score';

/** The formula as first written, with branches: `scoreMove` computes it without them and must agree to the bit. */
function referenceScore(
  flags: number,
  referenceRent: number,
  ownSurface: number,
  wantedMask: number,
  occupants: number,
  totalRent: number,
  surface: number,
  featureMask: number,
  rooms: number,
): number {
  const w = SCORE_WEIGHTS;
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  const bits = (mask: number) => mask.toString(2).replace(/0/g, '').length;
  let score = w.accepted;
  if (flags & WISHES_QUARTIERS) score += w.quartierWished;
  if (referenceRent > 0)
    score += clamp(
      ((referenceRent - totalRent) / referenceRent / 0.25) * w.rentMargin,
      0,
      w.rentMargin,
    );
  score += clamp(((surface - ownSurface) / 20) * w.surfaceGain, 0, w.surfaceGain);
  const wanted = bits(wantedMask);
  score +=
    wanted === 0 ? w.featuresWanted : (bits(wantedMask & featureMask) / wanted) * w.featuresWanted;
  if (flags & HAS_NEEDS) score += w.needsMet;
  if (flags & OVER_OCCUPIED_NOW) score += w.overOccupationResolved;
  const underInB = rooms > occupants + 1;
  const underNow = (flags & UNDER_OCCUPIED_NOW) !== 0;
  if (underNow && !underInB) score += w.underOccupationResolved;
  if (!underNow && underInB) score += w.underOccupationCreated;
  return clamp(score, 0, 100);
}

describe('scoreMove', () => {
  it('gives exactly the score of the formula with branches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 }),
        fc.oneof(fc.double({ min: 0, max: 3000, noNaN: true }), fc.constant(0)),
        fc.double({ min: 9, max: 300, noNaN: true }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.oneof(
          fc.double({ min: 9, max: 300, noNaN: true }),
          fc.constant(Number.POSITIVE_INFINITY),
        ),
        fc.integer({ min: -1, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        (...args) => {
          expect(scoreMove(...args)).toBe(referenceScore(...args));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
