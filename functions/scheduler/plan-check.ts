/**
 * Hourly: when a proposal of the plan has broken since it was computed (declined, closed, or
 * suspended because a participant left the market), the plan is computed again, so that the
 * households it freed are offered their next best cycle the same day.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getMatches } from '../lib/db/matches';
import { keys } from '../lib/db/model';
import { runOptimiser, type OptimiserDeps, type OptimiserReport } from './optimiser';

const BROKEN = new Set(['declined', 'closed', 'suspended']);

export interface PlanCheckReport {
  broken: number;
  replanned: OptimiserReport | null;
}

export async function runPlanCheck(deps: OptimiserDeps, now: Date): Promise<PlanCheckReport> {
  const { Item } = await deps.db.doc.send(
    new GetCommand({ TableName: deps.db.tableName, Key: keys.recommendationPlan() }),
  );
  const matchIds = (Item?.matchIds as string[] | undefined) ?? [];
  const broken = (await getMatches(deps.db, matchIds)).filter((match) =>
    BROKEN.has(match.status),
  ).length;
  return { broken, replanned: broken > 0 ? await runOptimiser(deps, now) : null };
}
