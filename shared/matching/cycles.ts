/** Canonical identity and ranking of cycles, shared by the index, the brute force and the optimiser. */
import type { CycleKind } from './types';

/** Rotates a cycle so its smallest id comes first; direction is kept (A→B→C ≠ A→C→B). */
export function canonicalRotation(ids: readonly string[]): string[] {
  let start = 0;
  for (let i = 1; i < ids.length; i++) if ((ids[i] as string) < (ids[start] as string)) start = i;
  return [...ids.slice(start), ...ids.slice(0, start)];
}

export function cycleKey(ids: readonly string[]): string {
  return canonicalRotation(ids).join('|');
}

export function kindOf(size: number): CycleKind {
  return size === 2 ? '2-way' : '3-way';
}

export interface RankedCycle {
  key: string;
  size: number;
  score: number;
}

/** One cycle, listingIds in move order starting with the smallest id. */
export interface CycleRecord extends RankedCycle {
  listingIds: string[];
}

/** Negative when `x` ranks before `y`: higher score, then 2-way before 3-way, then key order. */
export function compareRanked(x: RankedCycle, y: RankedCycle): number {
  if (x.score !== y.score) return y.score - x.score;
  if (x.size !== y.size) return x.size - y.size;
  return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
}
