/**
 * A column of the nightly plan: a cycle of swaps, or a chain started by a vacant dwelling. Both
 * move `size` households; the plan weighs households first, the score only breaks ties.
 */
/** Households first; the score (0–100) only breaks ties: all scores of a plan add up to less than one household. */
export const SCORE_WEIGHT = 1e-5;
export const MAX_PLAN_SCORE = 100;

export interface PlanCycle {
  key: string;
  /** Households moved: the cycle's length, or the chain's movers. */
  size: number;
  score: number;
  /**
   * A cycle: in move order, canonical rotation (smallest id first). A chain: its movers in move
   * order, the first moving into the vacancy, each next one into the home the previous one leaves.
   */
  listingIds: string[];
  /** Set on a chain only: the vacant dwelling it starts from; the last mover's home goes back to its lessor. */
  vacancyId?: string;
  /** A chain whose vacancy puts its first mover first (`accessibleNeedsFirst`, see `priorityTier`): 1. */
  tier?: number;
}

/** Between plans moving as many households, a vacancy's priority households first, then the scores. */
export const PRIORITY_TIER_SCORE = MAX_PLAN_SCORE;

export function planWeight(column: { size: number; score: number; tier?: number }): number {
  return column.size + SCORE_WEIGHT * (column.score + PRIORITY_TIER_SCORE * (column.tier ?? 0));
}

/** What a column holds: its listings, and for a chain its vacancy too (each used once in a plan). */
export function resourcesOf(column: PlanCycle): string[] {
  return column.vacancyId === undefined
    ? column.listingIds
    : [...column.listingIds, vacancyResource(column.vacancyId)];
}

export function vacancyResource(vacancyId: string): string {
  return `vacancy:${vacancyId}`;
}
