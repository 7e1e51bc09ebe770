/**
 * A listing flattened into numbers once, so the hot loops of the index compare integers and
 * never walk arrays of strings. `acceptsCompiled` must agree with `accepts` (checked by the
 * property tests against the brute force).
 */
import { nextTotalRentOf, todayTotalRentOf } from '../listing/next-rent';
import { FEATURES, roomsOf } from '../reference/index';
import { isOverOccupied, isUnderOccupied, occupancyMinSurface, occupantsOf } from './occupancy';
import { HAS_NEEDS, OVER_OCCUPIED_NOW, UNDER_OCCUPIED_NOW, WISHES_QUARTIERS } from './mover-flags';
import { Interner } from './interner';
import type { MatchCandidate } from './types';

export { Interner };

export interface CompiledListing {
  readonly id: string;
  readonly candidate: MatchCandidate;
  readonly owner: number;
  // The dwelling offered.
  readonly offeredKey: number;
  readonly quartier: number;
  /** What the household moving in would pay, charges included: the only rent matching compares. */
  readonly totalRent: number;
  readonly surface: number;
  readonly rooms: number;
  readonly floor: number;
  readonly liftOrGround: boolean;
  readonly accessible: boolean;
  /** `accessible` and `liftOrGround` as bits (`ACCESSIBLE`, `LIFT_OR_GROUND`), for slot-indexed columns. */
  readonly accessFlags: number;
  readonly featureMask: number;
  // The wishes (unset limits become infinities so the checks stay branch-free).
  readonly wishedKeys: readonly number[];
  /** Listings wishing the same set of keys share this id, so a query maps keys to its buckets once per set. */
  readonly wishProfile: number;
  readonly wishedQuartiers: ReadonlySet<number> | null;
  readonly maxTotalRent: number;
  /** The larger of the wished minimum and the occupancy norm of the household. */
  readonly minSurface: number;
  readonly needsAccessible: boolean;
  readonly needsLiftOrGround: boolean;
  readonly maxFloor: number;
  readonly wantedFeatureMask: number;
  // The household today.
  readonly occupants: number;
  readonly overOccupiedNow: boolean;
  readonly underOccupiedNow: boolean;
  readonly hasNeeds: boolean;
  /** What `scoreMove` needs of this household as a mover: trait bits and the rent its margins refer to. */
  readonly moverFlags: number;
  readonly referenceRent: number;
  /**
   * Listings with the same quartier wishes and needs filter dwellings identically (`meetsWishFilters`),
   * so the 3-cycle count filters once per class; `NO_WISH_FILTERS` when nothing beyond rent and surface.
   */
  readonly filterClass: number;
}

export const NO_WISH_FILTERS = -1;
export const ACCESSIBLE = 1;
export const LIFT_OR_GROUND = 2;

export function featureMaskOf(features: readonly string[]): number {
  let mask = 0;
  for (const feature of features)
    mask |= 1 << FEATURES.indexOf(feature as (typeof FEATURES)[number]);
  return mask;
}

function filterClassOf(
  quartiers: ReadonlySet<number> | null,
  accessible: boolean,
  liftOrGround: boolean,
  maxFloor: number | undefined,
  interner: Interner,
): number {
  if (quartiers === null && !accessible && !liftOrGround && maxFloor === undefined)
    return NO_WISH_FILTERS;
  const sortedQuartiers =
    quartiers === null ? 'any' : [...quartiers].sort((x, y) => x - y).join(',');
  return interner.filterClass(
    `${sortedQuartiers}|${accessible}|${liftOrGround}|${maxFloor ?? 'any'}`,
  );
}

export function compileListing(candidate: MatchCandidate, interner: Interner): CompiledListing {
  const { dwelling, household, wishes } = candidate;
  const occupants = occupantsOf(household);
  const needs = wishes.needs;
  const overOccupiedNow = isOverOccupied(household, dwelling);
  const underOccupiedNow = isUnderOccupied(household, dwelling);
  const hasNeeds =
    needs.accessible === true || needs.liftOrGroundFloor === true || needs.maxFloor !== undefined;
  const wishedQuartiers =
    wishes.quartiers.length > 0 ? new Set(wishes.quartiers.map((q) => interner.quartier(q))) : null;
  const keys: number[] = [];
  for (const commune of wishes.communes) {
    for (const typology of wishes.typologies) {
      const key = interner.offeredKey(commune, typology);
      if (!keys.includes(key)) keys.push(key); // repeated communes or typologies must not count twice
    }
  }
  const rooms = roomsOf(dwelling.typology);
  const liftOrGround = dwelling.lift || dwelling.floor <= 0;
  const maxTotalRent = wishes.maxTotalRent ?? Number.POSITIVE_INFINITY;
  const totalRent = nextTotalRentOf(candidate);
  return {
    id: candidate.id,
    candidate,
    owner: interner.owner(candidate.ownerId),
    offeredKey: interner.offeredKey(dwelling.communeCode, dwelling.typology),
    quartier: interner.quartier(dwelling.quartierId),
    totalRent,
    surface: dwelling.surface,
    rooms,
    floor: dwelling.floor,
    liftOrGround,
    accessible: dwelling.accessible,
    accessFlags: (dwelling.accessible ? ACCESSIBLE : 0) | (liftOrGround ? LIFT_OR_GROUND : 0),
    featureMask: featureMaskOf(dwelling.features),
    wishedKeys: interner.keyList(keys),
    wishProfile: interner.wishProfile(keys.slice().sort((x, y) => x - y)),
    wishedQuartiers,
    maxTotalRent,
    minSurface: Math.max(wishes.minSurface ?? 0, occupancyMinSurface(occupants)),
    needsAccessible: needs.accessible === true,
    needsLiftOrGround: needs.liftOrGroundFloor === true,
    maxFloor: needs.maxFloor ?? Number.POSITIVE_INFINITY,
    wantedFeatureMask: featureMaskOf(wishes.features),
    occupants,
    overOccupiedNow,
    underOccupiedNow,
    hasNeeds,
    moverFlags:
      (wishedQuartiers !== null ? WISHES_QUARTIERS : 0) |
      (hasNeeds ? HAS_NEEDS : 0) |
      (overOccupiedNow ? OVER_OCCUPIED_NOW : 0) |
      (underOccupiedNow ? UNDER_OCCUPIED_NOW : 0),
    // The mover's own margin refers to what it pays today, not to what its successor would pay.
    referenceRent: Number.isFinite(maxTotalRent) ? maxTotalRent : todayTotalRentOf(candidate),
    filterClass: filterClassOf(
      wishedQuartiers,
      needs.accessible === true,
      needs.liftOrGroundFloor === true,
      needs.maxFloor,
      interner,
    ),
  };
}

/** Everything of `accepts` except the commune×typology bucket, which the caller has already matched. */
export function acceptsWithinBucket(a: CompiledListing, b: CompiledListing): boolean {
  return a.owner !== b.owner && acceptsWithinBucketIgnoringOwner(a, b);
}

/** `acceptsWithinBucket` were `a` and `b` of different owners. */
export function acceptsWithinBucketIgnoringOwner(a: CompiledListing, b: CompiledListing): boolean {
  return b.totalRent <= a.maxTotalRent && b.surface >= a.minSurface && meetsWishFilters(a, b);
}

/** The quartier wishes and needs of `a`: what `filterClass` stands for. */
export function meetsWishFilters(a: CompiledListing, b: CompiledListing): boolean {
  return dwellingMeetsWishFilters(a, b.quartier, b.accessFlags, b.floor);
}

/** `meetsWishFilters` from the dwelling's attributes alone, as slot-indexed columns hold them. */
export function dwellingMeetsWishFilters(
  a: CompiledListing,
  quartier: number,
  accessFlags: number,
  floor: number,
): boolean {
  return (
    (a.wishedQuartiers === null || a.wishedQuartiers.has(quartier)) &&
    (!a.needsAccessible || (accessFlags & ACCESSIBLE) !== 0) &&
    (!a.needsLiftOrGround || (accessFlags & LIFT_OR_GROUND) !== 0) &&
    floor <= a.maxFloor
  );
}

export function acceptsCompiled(a: CompiledListing, b: CompiledListing): boolean {
  return a.wishedKeys.includes(b.offeredKey) && acceptsWithinBucket(a, b);
}
