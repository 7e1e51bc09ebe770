/**
 * Swap reviews: one SwapReview item per household entering a dwelling (`REVIEW#<listingId>` in its
 * swap's partition), under its lessor's gsi2 queue — OPEN while it awaits a decision, SETTLED
 * after. Each carries its swap's outline, so that a page of a lessor's queue knows from the index
 * alone every item it shows. Reviews change in the transaction that changes their swap
 * (`./swaps.ts`).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Swap, SwapParticipant, SwapReview } from '../../../shared/swap/lifecycle';
import type { Database } from './client';
import { ENTITY, indexKeys, indexPosition, keys, INDEX, indexPartitions } from './model';
import type { TransactItem } from './transact';

export interface Page<T> {
  items: T[];
  cursor?: Record<string, unknown>;
}

const reviewIndex = (swapId: string, review: SwapReview, open: boolean) =>
  indexKeys.reviewsByLessor(review.lessorId, review.dueAt, open, swapId, review.listingId);

/** Where a review stands in its lessor's queue (open ones first, by due date): its order there. */
export const reviewQueuePosition = (swapId: string, review: SwapReview, open: boolean): string =>
  reviewIndex(swapId, review, open).gsi2sk;

/** What a lessor's queue must read besides a swap: the keys its participants lead to. */
export type SwapOutline = Pick<Swap, 'id' | 'lessorIds'> & {
  /** `movesInto` is missing from outlines written before chains (a cycle's reviews are its listings'). */
  participants: Array<
    Pick<SwapParticipant, 'listingId' | 'ownerId'> & Partial<Pick<SwapParticipant, 'movesInto'>>
  >;
};

/** The swap's participants as a review item carries them (they never change once it is created). */
const MEMBERS = 'swapMembers';
const membersOf = (swap: SwapOutline) =>
  swap.participants.map(({ listingId, ownerId, movesInto }) => ({
    listingId,
    ownerId,
    ...(movesInto ? { movesInto } : {}),
  }));

/**
 * A new review. It carries its swap's participants and lessors, so that a lessor's queue knows
 * from its index alone every item a page shows and reads them all in one batch.
 */
export function reviewCreatePut(db: Database, swap: SwapOutline, review: SwapReview): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.swapReview(swap.id, review.listingId),
        entity: ENTITY.swapReview,
        ...reviewIndex(swap.id, review, true),
        swapId: swap.id,
        [MEMBERS]: membersOf(swap),
        swapLessorIds: swap.lessorIds,
        ...review,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Rewrites the outline a review carries (its participants, once one of them is pseudonymised). */
export function reviewOutlineUpdate(
  db: Database,
  swap: SwapOutline,
  review: SwapReview,
): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.swapReview(swap.id, review.listingId),
      UpdateExpression: 'SET #members = :members, swapLessorIds = :lessorIds',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#members': MEMBERS },
      ExpressionAttributeValues: { ':members': membersOf(swap), ':lessorIds': swap.lessorIds },
    },
  };
}

const DECISION_FIELDS = [
  'decision',
  'reason',
  'comment',
  'caleolDate',
  'decidedAt',
  'decidedBy',
] as const;

/**
 * Writes a review's decision fields and its place in the queue; an Update, so the deadline job's
 * markers (remindedAt, escalated) written meanwhile are kept.
 */
export function reviewUpdate(
  db: Database,
  swapId: string,
  review: SwapReview,
  open: boolean,
): TransactItem {
  const set = DECISION_FIELDS.filter((field) => review[field] !== undefined);
  const remove = DECISION_FIELDS.filter((field) => review[field] === undefined);
  const names = Object.fromEntries([...DECISION_FIELDS].map((field) => [`#${field}`, field]));
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.swapReview(swapId, review.listingId),
      UpdateExpression: `SET gsi2sk = :sk${set.map((f) => `, #${f} = :${f}`).join('')}${remove.length > 0 ? ` REMOVE ${remove.map((f) => `#${f}`).join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':sk': reviewIndex(swapId, review, open).gsi2sk,
        ...Object.fromEntries(set.map((f) => [`:${f}`, review[f]])),
      },
    },
  };
}

/** Records, once, that a review's reminder went out or that it was escalated to Armos; only while it is open. */
export function reviewMarkerUpdate(
  db: Database,
  swapId: string,
  review: SwapReview,
  marker: 'reminded' | 'escalated',
  now: Date,
): TransactItem {
  const attribute = marker === 'reminded' ? 'remindedAt' : 'escalatedAt';
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.swapReview(swapId, review.listingId),
      UpdateExpression:
        marker === 'reminded'
          ? 'SET remindedAt = :now'
          : 'SET escalatedAt = :now, escalated = :true',
      ConditionExpression: `attribute_exists(pk) AND begins_with(gsi2sk, :open) AND attribute_not_exists(${attribute})`,
      ExpressionAttributeValues: {
        ':now': now.toISOString(),
        ':open': indexKeys.openReviewsOf(review.lessorId).gsi2skPrefix,
        ...(marker === 'escalated' ? { ':true': true } : {}),
      },
    },
  };
}

/** A review item without the outline it carries: the swap it belongs to already says it. */
export function withoutOutline(item: Record<string, unknown>): Record<string, unknown> {
  const { swapId: _swapId, [MEMBERS]: _members, swapLessorIds: _lessorIds, ...rest } = item;
  return rest;
}

export interface ReviewEntry {
  swapId: string;
  listingId: string;
  gsi2sk: string;
  /** The swap's outline, carried by reviews written since it was added. */
  outline?: SwapOutline;
  /** The entry's position in the index, to resume a page after it. */
  key: Record<string, unknown>;
}

const outlineOf = (item: Record<string, unknown>): SwapOutline | undefined =>
  Array.isArray(item[MEMBERS]) && Array.isArray(item.swapLessorIds)
    ? {
        id: String(item.swapId),
        participants: item[MEMBERS] as SwapOutline['participants'],
        lessorIds: item.swapLessorIds as string[],
      }
    : undefined;

const toEntry = (item: Record<string, unknown>): ReviewEntry => ({
  swapId: String(item.swapId),
  listingId: String(item.listingId),
  gsi2sk: String(item.gsi2sk),
  ...(outlineOf(item) ? { outline: outlineOf(item)! } : {}),
  key: indexPosition(item, INDEX.lessorQueues),
});

/** One page of a lessor's reviews, open ones first by due date. */
export async function reviewsOfLessor(
  db: Database,
  lessorId: string,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<Page<ReviewEntry>> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.lessorQueues,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.reviewsByLessor(lessorId) },
      ProjectionExpression: `pk, sk, gsi2pk, gsi2sk, swapId, listingId, ${MEMBERS}, swapLessorIds`,
      Limit: page.limit,
      ExclusiveStartKey: page.cursor,
    }),
  );
  return { items: (result.Items ?? []).map(toEntry), cursor: result.LastEvaluatedKey };
}

/** A lessor's open reviews due at or before `dueBy`: a key range of its queue, no scan. */
export async function openReviewsDueBy(
  db: Database,
  lessorId: string,
  dueBy: Date,
): Promise<ReviewEntry[]> {
  const range = indexKeys.openReviewsDueBy(lessorId, dueBy.toISOString());
  const entries: ReviewEntry[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: INDEX.lessorQueues,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': range.gsi2pk, ':from': range.from, ':to': range.to },
        ProjectionExpression: 'pk, sk, gsi2pk, gsi2sk, swapId, listingId',
        ExclusiveStartKey: cursor,
      }),
    );
    entries.push(...(page.Items ?? []).map(toEntry));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return entries;
}
