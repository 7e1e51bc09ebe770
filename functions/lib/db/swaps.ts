/**
 * Swaps: one Swap item (`SWAP#<id>` / `SWAP`, under gsi1 `SWAPS#<status>`) and, once every
 * participant confirmed, one SwapReview item per household entering a dwelling (`REVIEW#<listingId>`,
 * under its lessor's gsi2 queue: OPEN while it awaits a decision, SETTLED after). Every change of the
 * swap checks and increments the Swap item's version; review items change in the same transaction.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { Swap, SwapReview, SwapStatus } from '../../../shared/swap/lifecycle';
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
import { withoutOutline, type Page, type SwapOutline } from './swap-reviews';

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
  return withoutOutline(fromItem<Record<string, unknown>>(item));
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
  return withSortedReviews(strip(swapRow) as unknown as StoredSwap, reviews);
}

export async function getSwap(db: Database, swapId: string): Promise<Swap> {
  const swap = await findSwap(db, swapId);
  if (!swap) throw new NotFoundError('Échange introuvable.');
  return swap;
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

/** Reviews in the cycle's order, as the participants enter. */
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
