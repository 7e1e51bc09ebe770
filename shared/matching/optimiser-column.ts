/**
 * A column of the nightly plan: a cycle of swaps, or a chain started by a vacant dwelling. Both
 * move `size` households; the plan weighs households first, the score only breaks ties.
 */
import { roundScore } from './score';

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
}

export function planWeight(column: { size: number; score: number }): number {
  return column.size + SCORE_WEIGHT * column.score;
}

/** A chain ranks below a swap with the same moves: each mover after the first adds one more household, visit and review that can stop it. */
export const CHAIN_MOVER_PENALTY = 2.5;

/** Score of a chain of `moveScores.length` movers (mean of the moves, less a penalty per extra mover); monotone in each move. */
export function chainPlanScore(moveScores: readonly number[]): number {
  let sum = 0;
  for (const s of moveScores) sum += s;
  return roundScore(sum / moveScores.length - chainPenalty(moveScores.length));
}

export function chainPenalty(movers: number): number {
  return (movers - 1) * CHAIN_MOVER_PENALTY;
}

/** The identity of a chain: its vacancy, then its movers in move order (a chain has one direction and one start). */
export function chainKey(vacancyId: string, listingIds: readonly string[]): string {
  return `${vacancyId}>${listingIds.join('>')}`;
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
