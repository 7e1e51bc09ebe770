/**
 * Hourly: when a proposal of the plan has broken since it was computed (declined, closed, or
 * suspended because a participant left the market), the plan is computed again, so that the
 * households it freed are offered their next best cycle the same day.
 */
import { getMatches } from '../lib/db/matches';
import { readPlanRecord } from '../lib/db/plans';
import { runOptimiser, type OptimiserDeps, type OptimiserReport } from './optimiser';

const BROKEN = new Set(['declined', 'closed', 'suspended']);

export interface PlanCheckReport {
  broken: number;
  replanned: OptimiserReport | null;
}

export async function runPlanCheck(deps: OptimiserDeps, now: Date): Promise<PlanCheckReport> {
  const matchIds = (await readPlanRecord(deps.db))?.matchIds ?? [];
  const broken = (await getMatches(deps.db, matchIds)).filter((match) =>
    BROKEN.has(match.status),
  ).length;
  return { broken, replanned: broken > 0 ? await runOptimiser(deps, now) : null };
}
