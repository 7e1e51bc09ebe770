/**
 * Statistical confidentiality for the `cinor` role: at quartier level a count from 1 to 4 could
 * point at a household, so it is shown as "< 5" (0 stays 0: nothing to protect); other cells are
 * masked as "secret" so that no sum reveals it (./suppression.ts). A ratio or a median computed
 * from fewer than 5 values is withheld too.
 */
import type { Figure } from '../schemas/stats';

export const MASK = '< 5' as const;
/** A cell masked to protect another one: its value may be anything, 0 included. */
export const SECRET = 'secret' as const;

export function maskCount(value: number, mask: boolean): Figure {
  return mask && value >= 1 && value <= 4 ? MASK : value;
}

/** numerator / denominator, two decimals; null when undefined or withheld. */
export function maskRatio(numerator: number, denominator: number, mask: boolean): number | null {
  if (denominator <= 0) return null;
  if (mask && [numerator, denominator].some((v) => v >= 1 && v <= 4)) return null;
  return Math.round((numerator / denominator) * 100) / 100;
}
