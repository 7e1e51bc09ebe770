/**
 * Stored proposals: one Match item per cycle (its id derived from the cycle's canonical key,
 * so a cycle is stored once), linked to every participant's listing so all of them see it.
 */
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, batchPutAll, queryAll } from './batch';
import { NotFoundError } from '../../../shared/errors';
import type { MatchParticipant, MatchStatus } from '../../../shared/match/lifecycle';
import type { CycleKind, Explanation } from '../../../shared/matching/index';
import { ENTITY, keys } from './model';
import type { Database } from './client';
import { transactUnlessDone, type TransactItem } from './transact';

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
  /** The listing whose publication or change found this cycle (its own counts were stored then). */
  foundFor?: string;
  /** The swap requested from this proposal, once there is one. */
  swapId?: string;
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
 * Stores new cycles found for `ownListingId` with that listing's links and, in the last of the
 * transactions (at most 100 items each), its counts: a stored summary means its proposals are
 * stored. Each match only if it is not stored yet (then it may have been answered: left alone).
 * The caller checked beforehand which ones exist; a transaction refused because one was stored
 * meanwhile falls back to one conditional put per match. Returns the matches actually created.
 * The other participants' links come from the stream (`linkParticipants`).
 */
export async function storeNewMatches(db: Database, matches: StoredMatch[], ownListingId: string, summary: MatchSummary): Promise<StoredMatch[]> {
  const perTransaction = 49;
  const created: StoredMatch[] = [];
  // The odd chunk first: the last transaction, with the summary, comes right after a small one.
  let end = matches.length % perTransaction || perTransaction;
  for (let start = 0; start < matches.length || start === 0; start = end, end += perTransaction) {
    const chunk = matches.slice(start, end);
    const last = end >= matches.length;
    const items = chunk.flatMap((match) => [matchCreatePut(db, match), { Put: { TableName: db.tableName, Item: linkItem(match, participantOf(match, ownListingId)) } }]);
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: last ? [...items, summaryPut(db, summary)] : items }));
      created.push(...chunk);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const stored = await Promise.all(chunk.map((match) => putMatchIfAbsent(db, match, ownListingId)));
      created.push(...chunk.filter((_, i) => stored[i]));
      if (last) await putMatchSummary(db, summary);
    }
  }
  return created;
}

function matchCreatePut(db: Database, match: StoredMatch) {
  return { Put: { TableName: db.tableName, Item: { ...keys.match(match.id), entity: ENTITY.match, ...match }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

function participantOf(match: StoredMatch, listingId: string): MatchParticipant {
  const participant = match.participants.find((p) => p.listingId === listingId);
  if (!participant) throw new RangeError(`Listing ${listingId} is not in match ${match.id}`);
  return participant;
}

/** The match with the listing's own link, both or neither: a match stored meanwhile is left as it is. */
function putMatchIfAbsent(db: Database, match: StoredMatch, ownListingId: string): Promise<boolean> {
  return transactUnlessDone(db, [matchCreatePut(db, match), { Put: { TableName: db.tableName, Item: linkItem(match, participantOf(match, ownListingId)) } }]);
}

/**
 * Links a new match to the other participants' listings, so that all of them see it (the listing
 * that found it was linked with it). A link that exists already is left alone: it may carry a
 * newer status than this match image.
 */
export async function linkParticipants(db: Database, match: StoredMatch): Promise<void> {
  await Promise.all(
    match.participants.filter((participant) => participant.listingId !== match.foundFor).map(async (participant) => {
      try {
        await db.doc.send(new PutCommand({ TableName: db.tableName, Item: linkItem(match, participant), ConditionExpression: 'attribute_not_exists(pk)' }));
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }),
  );
}

/** Files new matches under the day their silent participants are to be reminded. */
export async function putAnswerReminders(db: Database, reminders: Array<{ matchId: string; day: string }>): Promise<void> {
  await batchPutAll(db, reminders.map(({ matchId, day }) => ({ ...keys.answerReminder(day, matchId), entity: ENTITY.answerReminder, matchId })));
}

/** The ids among these that are stored already. */
export async function storedMatchIds(db: Database, matchIds: string[]): Promise<Set<string>> {
  const found = await batchGetAll(db, matchIds.map((id) => keys.match(id)), { projection: 'id', consistent: true });
  return new Set(found.map((item) => String(item.id)));
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
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
    ProjectionExpression: 'matchId, #status',
    ExpressionAttributeNames: { '#status': 'status' },
  });
  return items.map((item) => ({ matchId: String(item.matchId), status: item.status as StoredMatch['status'] }));
}

export async function matchesOfListing(db: Database, listingId: string): Promise<StoredMatch[]> {
  return getMatches(db, (await linksOfListing(db, listingId)).map((link) => link.matchId));
}

export async function getMatches(db: Database, matchIds: string[]): Promise<StoredMatch[]> {
  return (await batchGetAll(db, matchIds.map((id) => keys.match(id)))).map(toMatch);
}

const summaryItem = (summary: MatchSummary) => ({ ...keys.matchSummary(summary.listingId), entity: ENTITY.matchSummary, ...summary });

const summaryPut = (db: Database, summary: MatchSummary) => ({ Put: { TableName: db.tableName, Item: summaryItem(summary) } });

export async function putMatchSummary(db: Database, summary: MatchSummary): Promise<void> {
  await db.doc.send(new PutCommand(summaryPut(db, summary).Put));
}

export async function putMatchSummaries(db: Database, summaries: MatchSummary[]): Promise<void> {
  await batchPutAll(db, summaries.map(summaryItem));
}

export async function getMatchSummary(db: Database, listingId: string): Promise<MatchSummary | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.matchSummary(listingId) }));
  if (!Item) return undefined;
  const { pk: _a, sk: _b, entity: _c, ...summary } = Item;
  return summary as MatchSummary;
}
