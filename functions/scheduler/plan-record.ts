/** What is kept of a night's plan: the proposals it marked, and its figures by commune for Armos. */
import type { MarketPlan } from '../../shared/matching/optimiser-plan';
import type { Listing } from '../../shared/schemas/listing';
import type { PlanCommune } from '../../shared/schemas/plan';
import { matchIdOf } from '../lib/db/matches';
import type { PlanRecord } from '../lib/db/plans';

/** Only cycles and chains stored and marked count: one that broke before being stored moves nobody. */
export function planRecordOf(
  plan: MarketPlan,
  marked: ReadonlySet<string>,
  listings: ReadonlyMap<string, Listing>,
  now: Date,
): PlanRecord {
  const cycles = plan.cycles.filter((c) => marked.has(matchIdOf(c.key)));
  const swaps = cycles.filter((c) => c.vacancyId === undefined);
  const byCommune = new Map<string, Omit<PlanCommune, 'communeName'>>();
  for (const cycle of cycles) {
    for (const id of cycle.listingIds) {
      const communeCode = listings.get(id)?.dwelling.communeCode ?? '';
      const row = byCommune.get(communeCode) ?? {
        communeCode,
        households: 0,
        twoWay: 0,
        threeWay: 0,
      };
      row.households += 1;
      if (cycle.vacancyId !== undefined) row.chain = (row.chain ?? 0) + 1;
      else if (cycle.size === 2) row.twoWay += 1;
      else row.threeWay += 1;
      byCommune.set(communeCode, row);
    }
  }
  return {
    computedAt: now.toISOString(),
    listings: listings.size,
    matchIds: [...marked],
    households: cycles.reduce((sum, c) => sum + c.size, 0),
    bound: plan.bound.households,
    boundKind: plan.bound.kind,
    cycles: swaps.length,
    twoWayCycles: swaps.filter((c) => c.size === 2).length,
    threeWayCycles: swaps.filter((c) => c.size === 3).length,
    ...(cycles.length > swaps.length ? { chains: cycles.length - swaps.length } : {}),
    byCommune: [...byCommune.values()].sort(
      (a, b) => b.households - a.households || a.communeCode.localeCompare(b.communeCode),
    ),
  };
}
