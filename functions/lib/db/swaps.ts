/**
 * Swaps: one Swap item (`SWAP#<id>` / `SWAP`, under gsi1 `SWAPS#<status>`) and, once every
 * participant confirmed, one SwapReview item per household entering a dwelling (`REVIEW#<listingId>`,
 * under its lessor's gsi2 queue: OPEN while it awaits a decision, SETTLED after). Every change of the
 * swap checks and increments the Swap item's version; review items change in the same transaction.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { Swap, SwapParticipant, SwapReview, SwapStatus } from '../../../shared/swap/lifecycle';
import { listingUpdatePut } from './listings';
import {
  ENTITY,
  indexKeys,
  keys,
  ttlAt,
  fromItem,
  INDEX,
  type ItemKey,
  indexPartitions,
} from './model';
import { batchGetAll } from './batch';
import type { Database } from './client';
import type { TransactItem } from './transact';

export class ListingAlreadyEngagedError extends ConflictError {
  constructor() {
    super('Un des logements est déjà engagé dans un autre échange, ou a changé entre-temps.');
  }
}

export class SwapChangedError extends ConflictError {
  constructor() {
    super('L’échange a changé entre-temps (une autre personne vient d’agir). Rechargez la page.');
  }
}

export type StoredSwap = Omit<Swap, 'reviews'>;

/** Under review, Armos's list sorts by deadline (overdue first); otherwise by request date. */
const statusSortKey = (swap: StoredSwap) =>
  swap.status === 'under_review' && swap.dueAt ? swap.dueAt : swap.createdAt;

/**
 * A settled swap stays for its lessors (pseudonymised once a participant erases their account)
 * for the legal period of limitation, then goes by TTL; functions/purge removes its reviews.
 */
export const SETTLED_SWAP_RETENTION_DAYS = 5 * 365;
const SETTLED: readonly SwapStatus[] = ['completed', 'refused', 'cancelled'];

function swapItem(swap: StoredSwap): Record<string, unknown> {
  const ttl = SETTLED.includes(swap.status)
    ? { ttl: ttlAt(new Date(swap.updatedAt)) + SETTLED_SWAP_RETENTION_DAYS * 86_400 }
    : {};
  return {
    ...keys.swap(swap.id),
    entity: ENTITY.swap,
    ...indexKeys.swapsByStatus(swap.status, statusSortKey(swap)),
    ...swap,
    ...ttl,
  };
}

const withoutReviews = ({ reviews: _reviews, ...swap }: Swap): StoredSwap => swap;

export function swapCreatePut(db: Database, swap: Swap): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: swapItem(withoutReviews(swap)),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Saves the swap if nobody changed it since it was read at `readVersion`. */
export function swapUpdatePut(db: Database, swap: Swap, readVersion: number): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: swapItem({ ...withoutReviews(swap), version: readVersion + 1 }),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': readVersion },
    },
  };
}

const reviewIndex = (swapId: string, review: SwapReview, open: boolean) =>
  indexKeys.reviewsByLessor(review.lessorId, review.dueAt, open, swapId, review.listingId);

/** What a lessor's queue must read besides a swap: the keys its participants lead to. */
export type SwapOutline = Pick<StoredSwap, 'id' | 'lessorIds'> & {
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
        ':open': 'OPEN#',
        ...(marker === 'escalated' ? { ':true': true } : {}),
      },
    },
  };
}

/** A listing's change within a swap: it must still be in `expected` status at the version read. */
export function listingSwapPut(
  db: Database,
  listing: Listing,
  readVersion: number,
  expected: Listing['status'],
  now: Date,
): TransactItem {
  const put = listingUpdatePut(db, listing, readVersion, now).Put!;
  return {
    Put: {
      ...put,
      ConditionExpression: 'version = :read AND #status = :expected',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...put.ExpressionAttributeValues, ':expected': expected },
    },
  };
}

function strip(item: Record<string, unknown>): Record<string, unknown> {
  // A review item repeats its swap's id and participants: the swap it belongs to already says them.
  const {
    swapId: _swapId,
    [MEMBERS]: _members,
    swapLessorIds: _lessorIds,
    ...rest
  } = fromItem<Record<string, unknown>>(item);
  return rest;
}

export async function findSwap(db: Database, swapId: string): Promise<Swap | undefined> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.swap(swapId).pk },
      ConsistentRead: true,
    }),
  );
  const swapRow = (Items ?? []).find((item) => item.entity === ENTITY.swap);
  if (!swapRow) return undefined;
  const reviews = (Items ?? [])
    .filter((item) => item.entity === ENTITY.swapReview)
    .map((item) => strip(item) as unknown as SwapReview);
  const swap = strip(swapRow) as unknown as StoredSwap;
  // Reviews in the cycle's order, as the participants enter.
  const order = swap.participants.map((p) => p.movesInto);
  reviews.sort((a, b) => order.indexOf(a.listingId) - order.indexOf(b.listingId));
  return { ...swap, reviews };
}

export async function getSwap(db: Database, swapId: string): Promise<Swap> {
  const swap = await findSwap(db, swapId);
  if (!swap) throw new NotFoundError('Échange introuvable.');
  return swap;
}

export interface Page<T> {
  items: T[];
  cursor?: Record<string, unknown>;
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
  key: { pk: item.pk, sk: item.sk, gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk },
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

/** One page of the swaps in `status` (under review: the nearest deadline first). */
export async function swapIdsInStatus(
  db: Database,
  status: SwapStatus,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<Page<string>> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.swapsByStatus(status) },
      ProjectionExpression: 'id',
      Limit: page.limit,
      ExclusiveStartKey: page.cursor,
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => String(item.id)),
    cursor: result.LastEvaluatedKey,
  };
}

const withSortedReviews = (swap: StoredSwap, reviews: SwapReview[]): Swap => {
  const order = swap.participants.map((p) => p.movesInto);
  reviews.sort((a, b) => order.indexOf(a.listingId) - order.indexOf(b.listingId));
  return { ...swap, reviews };
};

/**
 * Swaps with their reviews in two batch reads whatever their number (each read one request per
 * 100 keys), the second one also fetching the items `alsoRead` names (their listings, owners).
 * When every swap's outline is known already (a lessor's queue reads it with the reviews), the
 * swaps, their reviews and those items come in one batch read.
 */
export async function getSwapsAlong(
  db: Database,
  swapIds: string[],
  alsoRead: (swaps: SwapOutline[]) => ItemKey[],
  outlines: SwapOutline[] = [],
): Promise<{ swaps: Map<string, Swap>; along: Record<string, unknown>[] }> {
  const ids = [...new Set(swapIds)];
  const known = new Map(outlines.map((outline) => [outline.id, outline]));
  const reviewKeysOf = (swaps: SwapOutline[]) =>
    // One review per dwelling entered: a chain's vacancy has one, the dwelling it releases none.
    swaps.flatMap((swap) =>
      swap.participants.map((p) => keys.swapReview(swap.id, p.movesInto ?? p.listingId)),
    );
  let items: Record<string, unknown>[];
  if (ids.every((id) => known.has(id))) {
    const all = ids.map((id) => known.get(id)!);
    items = await batchGetAll(
      db,
      [...ids.map((id) => keys.swap(id)), ...reviewKeysOf(all), ...alsoRead(all)],
      { consistent: true },
    );
  } else {
    const swapItems = await batchGetAll(
      db,
      ids.map((id) => keys.swap(id)),
      { consistent: true },
    );
    const read = swapItems.map((item) => strip(item) as unknown as StoredSwap);
    items = [
      ...swapItems,
      ...(await batchGetAll(db, [...reviewKeysOf(read), ...alsoRead(read)], { consistent: true })),
    ];
  }
  const stored: StoredSwap[] = [];
  const reviews = new Map<string, SwapReview[]>();
  const along: Record<string, unknown>[] = [];
  for (const item of items) {
    if (item.entity === ENTITY.swap) stored.push(strip(item) as unknown as StoredSwap);
    else if (item.entity === ENTITY.swapReview) {
      const swapId = keys.swapIdOf(String(item.pk));
      reviews.set(swapId, [...(reviews.get(swapId) ?? []), strip(item) as unknown as SwapReview]);
    } else along.push(item);
  }
  return {
    swaps: new Map(
      stored.map((swap) => [swap.id, withSortedReviews(swap, reviews.get(swap.id) ?? [])]),
    ),
    along,
  };
}
