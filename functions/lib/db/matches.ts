/**
 * Stored proposals: one Match item per cycle (its id derived from the cycle's canonical key,
 * so a cycle is stored once), linked to every participant's listing so all of them see it.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, batchPutAll } from './batch';
import { NotFoundError } from '../../../shared/errors';
import type { MatchParticipant, MatchStatus } from '../../../shared/match/lifecycle';
import type { CycleKind, Explanation } from '../../../shared/matching/index';
import { ENTITY, keys } from './model';
import type { Database } from './client';
import type { TransactItem } from './transact';

export interface StoredMatch {
  id: string;
  key: string;
  kind: CycleKind;
  /** Cycle order: listingIds[i] moves into the dwelling of listingIds[i + 1]. */
  listingIds: string[];
  participants: MatchParticipant[];
  status: MatchStatus;
  resumeStatus?: MatchStatus;
  score: number;
  explanations: Record<string, Explanation>;
  recommended?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface MatchSummary {
  listingId: string;
  count2: number;
  count3: number;
  wanters: number;
  computedAt: string;
}

export const matchIdOf = (cycleKey: string) => createHash('sha256').update(cycleKey).digest('base64url').slice(0, 22);

function linkItem(match: StoredMatch, participant: MatchParticipant) {
  return {
    ...keys.matchLink(participant.listingId, match.id),
    entity: ENTITY.matchLink,
    matchId: match.id,
    listingId: participant.listingId,
    ownerId: participant.ownerId,
    status: match.status,
    score: match.score,
    kind: match.kind,
  };
}

/**
 * Stores a new cycle unless it is stored already (then it may have been answered: left alone).
 * A conditional put rather than a transaction: the matcher stores tens at once.
 */
export async function putMatchIfAbsent(db: Database, match: StoredMatch): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.match(match.id), entity: ENTITY.match, ...match }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Links of newly stored matches to each participant's listing, so that all of them see it. */
/**
 * Links of newly stored matches to each participant's listing, so that all of them see it, and
 * the day on which participants who stayed silent are reminded.
 */
export async function putMatchLinks(db: Database, matches: StoredMatch[], reminderDay?: string): Promise<void> {
  const links = matches.flatMap((match) => match.participants.map((participant) => linkItem(match, participant)));
  const reminders = reminderDay ? matches.map((match) => ({ ...keys.answerReminder(reminderDay, match.id), entity: ENTITY.answerReminder, matchId: match.id })) : [];
  await batchPutAll(db, [...links, ...reminders]);
}


/** Saves a changed match (and its links' copy of the status) if nobody changed it meanwhile. */
export function matchUpdateItems(db: Database, match: StoredMatch, readVersion: number): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.match(match.id), entity: ENTITY.match, ...match, version: readVersion + 1 },
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: { ':read': readVersion },
      },
    },
    ...match.participants.map((participant) => ({ Put: { TableName: db.tableName, Item: linkItem(match, participant) } })),
  ];
}

function toMatch(item: Record<string, unknown>): StoredMatch {
  const { pk: _a, sk: _b, entity: _c, ...match } = item;
  return match as unknown as StoredMatch;
}

export async function findMatch(db: Database, matchId: string): Promise<StoredMatch | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.match(matchId), ConsistentRead: true }));
  return Item ? toMatch(Item) : undefined;
}

export async function getMatch(db: Database, matchId: string): Promise<StoredMatch> {
  const match = await findMatch(db, matchId);
  if (!match) throw new NotFoundError('Proposition introuvable.');
  return match;
}

export interface MatchLinkSummary {
  matchId: string;
  /** A copy of the match's status, kept with each link. */
  status: StoredMatch['status'];
}

/** The proposals linked to a listing, from its links alone (no read of the matches). */
export async function linksOfListing(db: Database, listingId: string): Promise<MatchLinkSummary[]> {
  const prefix = keys.matchLinksPrefix(listingId);
  const links: MatchLinkSummary[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
        ProjectionExpression: 'matchId, #status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExclusiveStartKey: cursor,
      }),
    );
    links.push(...(page.Items ?? []).map((item) => ({ matchId: String(item.matchId), status: item.status as StoredMatch['status'] })));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return links;
}

export async function matchesOfListing(db: Database, listingId: string): Promise<StoredMatch[]> {
  return getMatches(db, (await linksOfListing(db, listingId)).map((link) => link.matchId));
}

export async function getMatches(db: Database, matchIds: string[]): Promise<StoredMatch[]> {
  return (await batchGetAll(db, matchIds.map((id) => keys.match(id)))).map(toMatch);
}

export async function putMatchSummary(db: Database, summary: MatchSummary): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.matchSummary(summary.listingId), entity: ENTITY.matchSummary, ...summary } }));
}

export async function putMatchSummaries(db: Database, summaries: MatchSummary[]): Promise<void> {
  await batchPutAll(db, summaries.map((summary) => ({ ...keys.matchSummary(summary.listingId), entity: ENTITY.matchSummary, ...summary })));
}

export async function getMatchSummary(db: Database, listingId: string): Promise<MatchSummary | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.matchSummary(listingId) }));
  if (!Item) return undefined;
  const { pk: _a, sk: _b, entity: _c, ...summary } = Item;
  return summary as MatchSummary;
}
