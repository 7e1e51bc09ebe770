/**
 * How good a move is for the household that makes it (an "edge" A → B), and for a cycle. Every
 * score has one decimal: fine enough that ties are rare, so the best K are found without
 * comparing thousands of equal cycles; remaining ties are broken by a rule people can check.
 */
import type { CompiledListing } from './compiled';
import { HAS_NEEDS, OVER_OCCUPIED_NOW, UNDER_OCCUPIED_NOW, WISHES_QUARTIERS } from './mover-flags';

/** Weights of the parts of a move's score; their sum may exceed 100 and is then capped. */
export const SCORE_WEIGHTS = {
  accepted: 40,
  quartierWished: 15,
  rentMargin: 10,
  surfaceGain: 10,
  featuresWanted: 10,
  needsMet: 5,
  overOccupationResolved: 15,
  underOccupationResolved: 15,
  underOccupationCreated: -5,
} as const;

/** 25 % under the reference rent earns the full rent part; 20 m² more earns the full surface part. */
const RENT_MARGIN_FOR_FULL = 0.25;
const SURFACE_GAIN_FOR_FULL = 20;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Set bits of a 32-bit mask, without a loop whose length the branch predictor would have to guess. */
function bitCount(mask: number): number {
  let m = mask - ((mask >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return Math.imul((m + (m >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Score (0–100, not rounded) of household A moving into B's dwelling; A is assumed to accept B. */
export function moveScore(a: CompiledListing, b: CompiledListing): number {
  return moveScoreInto(a, b.totalRent, b.surface, b.featureMask, b.rooms);
}

/**
 * `moveScore` from the few attributes of the dwelling it depends on. Lower rent, larger surface,
 * more features and fewer rooms never lower it, so feeding it the best values of a group of
 * dwellings bounds the score of every one of them: the proposal search relies on that, and on
 * using these very float operations (rounding is monotone, so the bound is never below the score).
 */
export function moveScoreInto(
  a: CompiledListing,
  totalRent: number,
  surface: number,
  featureMask: number,
  rooms: number,
): number {
  return scoreMove(
    a.moverFlags,
    a.referenceRent,
    a.surface,
    a.wantedFeatureMask,
    a.occupants,
    totalRent,
    surface,
    featureMask,
    rooms,
  );
}

/**
 * The one formula of a move's score, from plain numbers so that slot-indexed columns can feed it
 * as well as compiled listings. The mover: its `moverFlags`, reference rent (its maximum, else its
 * current rent), surface today, wanted features and occupants; then the dwelling it moves into.
 * The order of the additions is part of the result (float sums round), so it must not change.
 */
export function scoreMove(
  flags: number,
  referenceRent: number,
  ownSurface: number,
  wantedFeatureMask: number,
  occupants: number,
  totalRent: number,
  surface: number,
  featureMask: number,
  rooms: number,
): number {
  // Traits are added as weight × 0 or 1 rather than behind branches the CPU would mispredict from
  // one mover to the next; adding 0 leaves the sum exactly as skipping it would.
  const w = SCORE_WEIGHTS;
  let score = w.accepted;
  score += w.quartierWished * (flags & WISHES_QUARTIERS); // accepted, so B is in one of them
  if (referenceRent > 0) {
    const margin = (referenceRent - totalRent) / referenceRent;
    score += clamp((margin / RENT_MARGIN_FOR_FULL) * w.rentMargin, 0, w.rentMargin);
  }
  const gain = surface - ownSurface;
  score += clamp((gain / SURFACE_GAIN_FOR_FULL) * w.surfaceGain, 0, w.surfaceGain);
  const wanted = bitCount(wantedFeatureMask);
  const present = bitCount(wantedFeatureMask & featureMask);
  score += wanted === 0 ? w.featuresWanted : (present / wanted) * w.featuresWanted;
  score += w.needsMet * ((flags & HAS_NEEDS) >>> 1);
  score += w.overOccupationResolved * ((flags & OVER_OCCUPIED_NOW) >>> 2); // accepted, so not over-occupying B
  const underInB = (occupants + 1 - rooms) >>> 31; // 1 when rooms > occupants + 1
  const underNow = (flags & UNDER_OCCUPIED_NOW) >>> 3;
  score += w.underOccupationResolved * (underNow & (1 - underInB));
  score += w.underOccupationCreated * ((1 - underNow) & underInB);
  return clamp(score, 0, 100);
}

/**
 * What a 3-way swap gives up in the ranking for its extra coordination (three households, three
 * visits, up to three landlords and three CALEOL decisions, any of which can stop it): a 3-way
 * ranks below a 2-way unless the mean of its moves is this many points higher. Shown to tenants in
 * the explanation of every 3-way proposal; see docs/benchmarks.md ("Classement").
 */
export const THREE_WAY_PENALTY = 5;

/**
 * A cycle's score is the mean of its moves, to one decimal (everyone's satisfaction counts the
 * same), less `THREE_WAY_PENALTY` for a 3-way.
 */
export function cycleScore(moveScores: readonly number[]): number {
  let sum = 0;
  for (const s of moveScores) sum += s;
  return roundScore(sum / moveScores.length - (moveScores.length - 2) * THREE_WAY_PENALTY);
}

/** `cycleScore` of two moves without building an array: the same additions in the same order. */
export function twoWayScore(first: number, second: number): number {
  return roundScore((first + second) / 2);
}

/** `cycleScore` of three moves; also the bound of a cycle when given bounds of its moves (monotone). */
export function threeWayScore(first: number, second: number, third: number): number {
  return roundScore((first + second + third) / 3 - THREE_WAY_PENALTY);
}

/** Monotone, so a bound on the mean stays a bound on the score. */
export function roundScore(mean: number): number {
  return Math.round(mean * 10) / 10;
}
