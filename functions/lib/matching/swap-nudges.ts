/**
 * A mutual proposal where nobody requests the swap is filed, when it becomes mutual, under the day
 * it should be checked (7 days later); the nudge job reads that day only (no scan).
 */
import type { Database } from '../db/client';
import { swapNudgeEntryPut } from '../db/day-lists';
import type { TransactItem } from '../db/transact';
import { formatInTimeZone } from '../time';

export const SWAP_NUDGE_DAYS = 7;

export const swapNudgeDayOf = (mutualAt: Date) =>
  formatInTimeZone(new Date(mutualAt.getTime() + SWAP_NUDGE_DAYS * 86_400_000), 'yyyy-MM-dd');

export function swapNudgePut(db: Database, matchId: string, mutualAt: Date): TransactItem {
  return swapNudgeEntryPut(db, matchId, swapNudgeDayOf(mutualAt));
}
