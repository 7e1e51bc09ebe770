/**
 * Stored proposals: one Match item per cycle (its id derived from the cycle's canonical key,
 * so a cycle is stored once), linked to every participant's listing so all of them see it.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, queryAll } from './batch';
import { NotFoundError } from '../../../shared/errors';
import type { MatchParticipant, MatchStatus } from '../../../shared/match/lifecycle';
import type { RecordedConsent } from '../../../shared/schemas/consent';
import type { ReleasedDwelling } from '../../../shared/matching/chains';
import type { Explanation } from '../../../shared/matching/index';
import type { PublicDwelling } from '../../../shared/listing/views';
import type { MatchKind } from '../../../shared/schemas/match';
import { shownRankKey } from '../../../shared/match/shown';
import { ENTITY, indexKeys, keys, fromItem } from './model';
import type { Database } from './client';
import { transactUnlessDone, type TransactItem } from './transact';

export interface StoredMatch {
  id: string;
  key: string;
  kind: MatchKind;
  /**
   * Cycle order: listingIds[i] moves into the dwelling of listingIds[i + 1]. A chain's move order:
   * listingIds[0] moves into the vacancy, listingIds[i] into the dwelling of listingIds[i - 1].
   */
  listingIds: string[];
  /** A chain only: its vacancy (as the first mover sees it) and the dwelling it releases. */
  chain?: StoredChainPart;
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
  /** How assisted tenants agreed to what their reception agent answered for them. */
  consents?: RecordedConsent[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface StoredChainPart {
  vacancyId: string;
  vacancy: PublicDwelling;
  released: ReleasedDwelling;
}

export interface MatchSummary {
  listingId: string;
  count2: number;
  count3: number;
  wanters: number;
  computedAt: string;
}

export const matchIdOf = (cycleKey: string) =>
  createHash('sha256').update(cycleKey).digest('base64url').slice(0, 22);

/**
 * A participant's link to a match holds a copy of the whole match, rewritten with it in every
 * transaction that changes it: a listing's proposals are then one Query of its own partition,
 * whatever their number (docs/data-model.md, request budgets). Its index keys place it in the
 * order of the listing's page, unless the match is closed (`shownRankKey`).
 */
function linkItem(match: StoredMatch, participant: MatchParticipant) {
  const rankKey = shownRankKey(match);
  return {
    ...match,
    ...keys.matchLink(participant.listingId, match.id),
    ...(rankKey ? indexKeys.shownProposal(participant.listingId, rankKey) : {}),
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
 * Stores new cycles found for a listing, each linked to every participant, and, in the last of
 * the transactions (at most 100 items each), that listing's counts (`summary`): a stored summary means its
 * proposals are stored. Each match only if it is not stored yet (then it may have been answered:
 * left alone). The caller checked beforehand which ones exist; a transaction refused because one
 * was stored meanwhile falls back to one conditional transaction per match. Returns the matches
 * actually created. Every participant is linked at once, so that the next change of any of them
 * finds the proposal among its own.
 */
export async function storeNewMatches(
  db: Database,
  matches: StoredMatch[],
  summary: MatchSummary,
): Promise<StoredMatch[]> {
  const created: StoredMatch[] = [];
  const chunks = transactionsOf(matches, 1); // the summary, in the last transaction
  const write = async (chunk: StoredMatch[], last: boolean) => {
    const writes = chunk.flatMap((match) => matchCreateItems(db, match));
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: last ? [...writes, summaryPut(db, summary)] : writes,
        }),
      );
      created.push(...chunk);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const stored = await Promise.all(
        chunk.map((match) => transactUnlessDone(db, matchCreateItems(db, match))),
      );
      created.push(...chunk.filter((_, j) => stored[j]));
      if (last) await putMatchSummary(db, summary);
    }
  };
  // The others at once, then the one with the summary: a stored summary means all are stored.
  const limit = pLimit(TRANSACTIONS_AT_ONCE);
  await Promise.all(chunks.slice(0, -1).map((chunk) => limit(() => write(chunk, false))));
  await write(chunks.at(-1)!, true);
  return created;
}

/**
 * `matches` cut into transactions of at most 100 items (a match and a link per participant), in
 * order, the last keeping room for `reservedInLast` more items.
 */
export function transactionsOf(matches: StoredMatch[], reservedInLast = 0): StoredMatch[][] {
  const chunks: StoredMatch[][] = [[]];
  let items = reservedInLast;
  for (const match of [...matches].reverse()) {
    const size = 1 + match.participants.length;
    if (items + size > 100) {
      chunks.unshift([]);
      items = 0;
    }
    chunks[0]!.unshift(match);
    items += size;
  }
  return chunks;
}

/** Transactions of one listing's new proposals written at the same time. */
const TRANSACTIONS_AT_ONCE = 4;

/** The match, if not stored yet, with a link to each participant. */
export function matchCreateItems(db: Database, match: StoredMatch): TransactItem[] {
  const [matchItem, ...links] = storedMatchItems(match);
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: matchItem!,
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...links.map((Item) => ({ Put: { TableName: db.tableName, Item } })),
  ];
}

/** The items of a stored match: the match, then a link to each participant (also for bulk loads). */
export function storedMatchItems(match: StoredMatch): Record<string, unknown>[] {
  return [
    { ...keys.match(match.id), entity: ENTITY.match, ...match },
    ...match.participants.map((participant) => linkItem(match, participant)),
  ];
}

/** The item of a listing's counts (also for bulk loads). */
export const matchSummaryItem = (summary: MatchSummary) => summaryItem(summary);

/** The ids among these that are stored already. */
export async function storedMatchIds(db: Database, matchIds: string[]): Promise<Set<string>> {
  const found = await batchGetAll(
    db,
    matchIds.map((id) => keys.match(id)),
    { projection: 'id', consistent: true },
  );
  return new Set(found.map((item) => String(item.id)));
}

/** Saves a changed match (and its links' copy of the status) if nobody changed it meanwhile. */
export function matchUpdateItems(
  db: Database,
  match: StoredMatch,
  readVersion: number,
): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.match(match.id), entity: ENTITY.match, ...match, version: readVersion + 1 },
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: { ':read': readVersion },
      },
    },
    ...match.participants.map((participant) => ({
      Put: {
        TableName: db.tableName,
        Item: linkItem({ ...match, version: readVersion + 1 }, participant),
      },
    })),
  ];
}

/**
 * Marks a stored proposal "recommandée" or not, then the copy each of its links keeps (the list of
 * proposals reads the copies); false when it is no longer stored. A link gone meanwhile is skipped.
 */
export async function setMatchRecommended(
  db: Database,
  matchId: string,
  recommended: boolean,
): Promise<boolean> {
  const setIfStored = async (key: { pk: string; sk: string }, indexed?: Record<string, string>) => {
    // A link's place in its listing's page moves with the mark (`shownRankKey`).
    const index = Object.entries(indexed ?? {});
    const set = ['recommended = :value', ...index.map((_, i) => `#index${i} = :index${i}`)];
    try {
      return await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: key,
          UpdateExpression: `SET ${set.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':value': recommended,
            ...Object.fromEntries(index.map(([, value], i) => [`:index${i}`, value])),
          },
          ...(index.length > 0
            ? {
                ExpressionAttributeNames: Object.fromEntries(
                  index.map(([name], i) => [`#index${i}`, name]),
                ),
              }
            : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  };
  const marked = await setIfStored(keys.match(matchId));
  if (!marked?.Attributes) return false;
  const match = toMatch(marked.Attributes);
  const rankKey = shownRankKey(match);
  await Promise.all(
    match.listingIds.map((listingId) =>
      setIfStored(
        keys.matchLink(listingId, matchId),
        rankKey ? indexKeys.shownProposal(listingId, rankKey) : undefined,
      ),
    ),
  );
  return true;
}

/** Stores a match the optimiser found, linked to every participant, unless it is already stored; true when written. */
export async function putMatchIfAbsent(db: Database, match: StoredMatch): Promise<boolean> {
  return transactUnlessDone(db, matchCreateItems(db, match));
}

function toMatch(item: Record<string, unknown>): StoredMatch {
  return fromItem<StoredMatch>(item);
}

export async function findMatch(db: Database, matchId: string): Promise<StoredMatch | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.match(matchId), ConsistentRead: true }),
  );
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
  return items.map((item) => ({
    matchId: String(item.matchId),
    status: item.status as StoredMatch['status'],
  }));
}

const LINK_ONLY = new Set(['matchId', 'listingId', 'ownerId']);

/** The match a link's copy holds, without the table's and the link's own attributes. */
export function copyOf(item: Record<string, unknown>): StoredMatch {
  const copy = fromItem<Record<string, unknown>>(item);
  for (const name of LINK_ONLY) delete copy[name];
  return copy as unknown as StoredMatch;
}

/**
 * A listing's proposals from the copies its links hold: one Query (a page holds about 400 of
 * them). Links written before they held copies are completed from the matches themselves.
 */
export async function linkedMatchesOf(
  db: Database,
  listingId: string,
  { consistent = false }: { consistent?: boolean } = {},
): Promise<StoredMatch[]> {
  const prefix = keys.matchLinksPrefix(listingId);
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
    ...(consistent ? { ConsistentRead: true } : {}),
  });
  const copies: StoredMatch[] = [];
  const withoutCopy: string[] = [];
  for (const item of items) {
    if (!Array.isArray(item.participants)) {
      withoutCopy.push(String(item.matchId));
      continue;
    }
    copies.push(copyOf(item));
  }
  return withoutCopy.length > 0
    ? [...copies, ...(await getMatches(db, withoutCopy, { consistent }))]
    : copies;
}

/**
 * Every match through a listing, as of now: the copies its links hold, read consistently (each
 * copy is written in the transaction that writes its match), in one Query of a page per ~400.
 */
export async function matchesOfListing(db: Database, listingId: string): Promise<StoredMatch[]> {
  return linkedMatchesOf(db, listingId, { consistent: true });
}

export async function getMatches(
  db: Database,
  matchIds: string[],
  options: { consistent?: boolean } = {},
): Promise<StoredMatch[]> {
  return (
    await batchGetAll(
      db,
      matchIds.map((id) => keys.match(id)),
      options,
    )
  ).map(toMatch);
}

const summaryItem = (summary: MatchSummary) => ({
  ...keys.matchSummary(summary.listingId),
  entity: ENTITY.matchSummary,
  ...summary,
});

const summaryPut = (db: Database, summary: MatchSummary) => ({
  Put: { TableName: db.tableName, Item: summaryItem(summary) },
});

export async function putMatchSummary(db: Database, summary: MatchSummary): Promise<void> {
  await db.doc.send(new PutCommand(summaryPut(db, summary).Put));
}

export async function getMatchSummary(
  db: Database,
  listingId: string,
  { consistent = false }: { consistent?: boolean } = {},
): Promise<MatchSummary | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.matchSummary(listingId),
      ...(consistent ? { ConsistentRead: true } : {}),
    }),
  );
  if (!Item) return undefined;
  return fromItem<MatchSummary>(Item);
}
