/** The night's recommendation plan as Armos reads it: the optimiser's record, communes named. */
import type { RecommendationPlan } from '../../../shared/schemas/plan';
import { readPlanRecord } from '../db/plans';
import type { AppContext } from '../app-context';

/** Null until the optimiser has written a plan with its bound. */
export async function latestPlan(
  deps: Pick<AppContext, 'db' | 'reference'>,
): Promise<RecommendationPlan | null> {
  const [record, reference] = await Promise.all([readPlanRecord(deps.db), deps.reference()]);
  if (record?.bound === undefined) return null;
  const names = new Map(reference.communes.map((commune) => [commune.code, commune.name]));
  return {
    computedAt: record.computedAt,
    listings: record.listings,
    households: record.households,
    bound: record.bound,
    boundKind: record.boundKind,
    cycles: record.cycles,
    twoWayCycles: record.twoWayCycles,
    threeWayCycles: record.threeWayCycles,
    chains: record.chains,
    byCommune: record.byCommune.map((row) => ({
      ...row,
      communeName: names.get(row.communeCode) ?? row.communeCode,
    })),
  };
}
