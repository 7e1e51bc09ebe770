/**
 * The nightly optimiser: from every listing's best proposals, picks a set of disjoint cycles
 * (2- and 3-way) that serves the most households, weighted by score, and marks those stored
 * proposals "recommandée" (and unmarks last night's that are no longer chosen).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { takesPartInMatching } from '../../shared/listing/lifecycle';
import { MatchingIndex, optimiseCycles, placeNamesFrom, type Proposal } from '../../shared/matching/index';
import type { ReferenceData } from '../../shared/reference/index';
import type { Database } from '../lib/db/client';
import { matchIdOf } from '../lib/db/matches';
import { ENTITY, keys } from '../lib/db/model';
import { marketListings } from '../lib/db/listings';
import { candidateOf } from '../lib/matching/market-cache';

export interface OptimiserDeps {
  db: Database;
  reference: () => Promise<ReferenceData>;
  proposalsPerListing?: number;
}

export interface OptimiserReport {
  listings: number;
  candidates: number;
  chosen: number;
  households: number;
  marked: number;
  unmarked: number;
}

async function setRecommended(db: Database, matchId: string, recommended: boolean): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.match(matchId),
        UpdateExpression: 'SET recommended = :value',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':value': recommended },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function runOptimiser(deps: OptimiserDeps, now: Date): Promise<OptimiserReport> {
  const reference = await deps.reference();
  const index = new MatchingIndex(placeNamesFrom(reference));
  const market = (await Promise.all(reference.communes.map((commune) => marketListings(deps.db, commune.code)))).flat();
  const listingIds = market.filter((listing) => takesPartInMatching(listing, now)).map((listing) => {
    index.upsert(candidateOf(listing));
    return listing.id;
  });
  const candidates = new Map<string, Proposal & { size: number }>();
  for (const listingId of listingIds) {
    for (const proposal of index.proposalsFor(listingId, { k: deps.proposalsPerListing ?? 50 }).proposals) {
      candidates.set(proposal.key, { ...proposal, size: proposal.listingIds.length });
    }
  }
  const plan = optimiseCycles([...candidates.values()]);
  const chosen = new Set(plan.cycles.map((cycle) => matchIdOf(cycle.key)));

  const { Item } = await deps.db.doc.send(new GetCommand({ TableName: deps.db.tableName, Key: keys.recommendationPlan() }));
  const previous = new Set<string>((Item?.matchIds as string[] | undefined) ?? []);
  let marked = 0;
  let unmarked = 0;
  for (const id of previous) if (!chosen.has(id) && (await setRecommended(deps.db, id, false))) unmarked += 1;
  const stored: string[] = [];
  for (const id of chosen) {
    if (await setRecommended(deps.db, id, true)) {
      stored.push(id);
      if (!previous.has(id)) marked += 1;
    }
  }
  await deps.db.doc.send(
    new PutCommand({ TableName: deps.db.tableName, Item: { ...keys.recommendationPlan(), entity: ENTITY.recommendationPlan, matchIds: stored, computedAt: now.toISOString(), households: plan.households } }),
  );
  return { listings: listingIds.length, candidates: candidates.size, chosen: plan.cycles.length, households: plan.households, marked, unmarked };
}
