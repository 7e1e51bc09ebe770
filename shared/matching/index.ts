/** The matching engine: pure, no I/O. See docs/design.md "Domain rules" and "Matches". */
export { ACCEPTANCE_RULE_LABELS, accepts, failedRules } from './accepts';
export type { AcceptanceRule } from './accepts';
export { bruteForceCycles, bruteForceCyclesThrough } from './brute-force';
export { canonicalRotation, compareRanked, cycleKey } from './cycles';
export { DEFAULT_PROPOSALS_PER_LISTING, MatchingIndex } from './market-index';
export type { CycleRecord } from './market-index';
export {
  BarBounds,
  OwnBestMemo,
  listingsToRecount,
  listingsToRefill,
  refillPlan,
  cyclesToReadForRefill,
} from './proposal-upkeep';
export type { RefillPlan, StoredCycle } from './proposal-upkeep';
export { CountBook, sharedCountsOf } from './count-book';
export type { SharedCounts } from './count-book';
export type { ListingCounts } from './shared-counts';
export { isOverOccupied, isUnderOccupied, occupancyMinSurface, occupantsOf } from './occupancy';
export { cycleWeight, optimiseCycles, optimiseTwoWayOnly } from './optimiser';
export type { OptimisedPlan } from './optimiser';
export { cyclePackingLp } from './lp-model';
export { placeNamesFrom } from './types';
export type {
  CycleKind,
  Explanation,
  MatchCandidate,
  PlaceNames,
  Proposal,
  ProposalsResult,
} from './types';
export { DROPPABLE_NEEDS, WIDEN_FIELDS, applyWidening } from './widen-change';
export type { DroppableNeed, WidenChange, WidenField, Widening } from './widen-change';
export { widenSentence } from './widen-text';
