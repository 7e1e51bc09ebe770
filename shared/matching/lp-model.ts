/**
 * The cycle-packing problem written in CPLEX LP format, for an external solver (HiGHS in the
 * benchmark) to give the LP bound and the integer optimum the optimiser is compared with.
 */
import type { OptimisableCycle } from './optimiser';
import { cycleWeight } from './optimiser';

const TERMS_PER_LINE = 8; // LP readers limit line length

function lines(terms: readonly string[], lead: string): string {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += TERMS_PER_LINE)
    out.push(`${i === 0 ? lead : '   +'} ${terms.slice(i, i + TERMS_PER_LINE).join(' + ')}`);
  return out.join('\n');
}

/** Maximise Σ weight·x over cycles, each listing in at most one chosen cycle; `integer` adds binaries. */
export function cyclePackingLp(cycles: readonly OptimisableCycle[], integer: boolean): string {
  const byListing = new Map<string, number[]>();
  cycles.forEach((cycle, i) =>
    cycle.listingIds.forEach((id) => byListing.set(id, [...(byListing.get(id) ?? []), i])),
  );
  const objective = cycles.map((cycle, i) => `${cycleWeight(cycle)} x${i}`);
  const rows = [...byListing.values()].map(
    (indices, r) =>
      `${lines(
        indices.map((i) => `x${i}`),
        ` r${r}:`,
      )} <= 1`,
  );
  const bounds = cycles.map((_, i) => ` 0 <= x${i} <= 1`);
  const parts = ['Maximize', lines(objective, ' obj:'), 'Subject To', ...rows, 'Bounds', ...bounds];
  if (integer) parts.push('Binary', ...cycles.map((_, i) => ` x${i}`));
  parts.push('End');
  return parts.join('\n');
}
