/**
 * The night's recommendation plan: one item, written by the optimiser, read by Armos's page and by
 * the hourly check of the proposals it marked.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PlanCommune, RecommendationPlan } from '../../../shared/schemas/plan';
import type { Database } from './client';
import { ENTITY, fromItem, keys } from './model';

export interface PlanRecord extends Omit<RecommendationPlan, 'byCommune'> {
  /** The proposals marked "recommandée". */
  matchIds: string[];
  byCommune: Omit<PlanCommune, 'communeName'>[];
}

export async function readPlanRecord(db: Database): Promise<PlanRecord | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.recommendationPlan() }),
  );
  return Item === undefined ? undefined : fromItem<PlanRecord>(Item);
}

export async function writePlanRecord(db: Database, record: PlanRecord): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.recommendationPlan(), entity: ENTITY.recommendationPlan, ...record },
    }),
  );
}
