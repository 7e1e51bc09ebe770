/**
 * Reading swaps: one swap for whoever may see it, and the lists — a lessor's review queue (its
 * gsi2 partition: open reviews first, nearest deadline first) and Armos's pipeline (gsi1 by status:
 * under review first, overdue first).
 */
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import type { z } from 'zod';
import type { SwapView, swapListQuerySchema } from '../../../shared/schemas/swap';
import type { User } from '../../../shared/schemas/user';
import { isAwaitingDecision, type Swap, type SwapStatus } from '../../../shared/swap/lifecycle';
import { ceilingTableOf } from '../../../shared/swap/review-info';
import type { IncomeCeilingYear } from '../../../shared/schemas/income-ceilings';
import { toListing } from '../db/listings';
import type { ListingsAndUsers } from '../db/listings-and-users';
import { ENTITY, entityOf, keys } from '../db/model';
import { getSwapsAlong, swapIdsInStatus } from '../db/swaps';
import { reviewQueuePosition, reviewsOfLessor, type SwapOutline } from '../db/swap-reviews';
import { toUser } from '../db/users';
import type { CursorCodec } from '../pagination';
import { assertViewer, isStaffViewer } from './access';
import type { SwapDeps } from './commit';
import { swapView } from './views';

/** Staff who may see the tenants' contacts on this swap: their owners are read with the listings. */
const mayBeStaffOf = (caller: User, swap: SwapOutline) =>
  caller.role === 'armos' ||
  (caller.role === 'lessor' &&
    caller.lessorId !== undefined &&
    swap.lessorIds.includes(caller.lessorId));

/** The keys of what a swap's view shows besides the swap: its listings, and owners for staff. */
const shownKeys = (caller: User) => (swaps: SwapOutline[]) =>
  swaps.flatMap((swap) => [
    ...swap.participants.map((p) => keys.listing(p.listingId)),
    ...(mayBeStaffOf(caller, swap) ? swap.participants.map((p) => keys.user(p.ownerId)) : []),
  ]);

function viewOf(
  deps: SwapDeps,
  caller: User,
  swap: Swap,
  shown: ListingsAndUsers,
  ceilings: IncomeCeilingYear | undefined,
): SwapView {
  const seenBy = assertViewer(caller, swap, shown.listings);
  const staff = isStaffViewer(seenBy);
  return swapView(swap, seenBy, {
    listings: shown.listings,
    owners: staff ? shown.users : new Map<string, User>(),
    now: deps.now(),
    ceilings: staff ? ceilings : undefined,
  });
}

/**
 * Swaps, their reviews, listings and owners in two batch reads, one when their outlines are known
 * (order kept, missing skipped).
 */
async function readSwapsToShow(
  deps: SwapDeps,
  caller: User,
  swapIds: string[],
  outlines: SwapOutline[] = [],
) {
  const { swaps, along } = await getSwapsAlong(deps.db, swapIds, shownKeys(caller), outlines);
  const shown: ListingsAndUsers = { listings: new Map(), users: new Map() };
  for (const item of along) {
    const entity = entityOf(item);
    if (entity === ENTITY.listing) shown.listings.set(String(item.id), toListing(item));
    else if (entity === ENTITY.user) shown.users.set(String(item.id), toUser(item));
  }
  // The income-ceiling pre-check lessors read: this year's table, from the cached reference data.
  const ceilings = ceilingTableOf(
    (await deps.reference()).incomeCeilings,
    deps.now().getUTCFullYear(),
  );
  return {
    swaps: swapIds.map((id) => swaps.get(id)),
    views: (list: Swap[]) => list.map((swap) => viewOf(deps, caller, swap, shown, ceilings)),
  };
}

export async function readSwap(deps: SwapDeps, caller: User, swapId: string): Promise<SwapView> {
  const { swaps, views } = await readSwapsToShow(deps, caller, [swapId]);
  const swap = swaps[0];
  if (!swap) throw new NotFoundError('Échange introuvable.');
  return views([swap])[0]!;
}

export type ListQuery = z.infer<typeof swapListQuerySchema>;

export async function listSwaps(
  deps: SwapDeps,
  caller: User,
  query: ListQuery,
  cursors: CursorCodec,
): Promise<{ items: SwapView[]; nextCursor?: string }> {
  if (caller.role === 'lessor') return lessorQueue(deps, caller, caller.lessorId!, query, cursors);
  if (caller.role !== 'armos') throw new ForbiddenError();
  if (query.lessorId) return lessorQueue(deps, caller, query.lessorId, query, cursors);
  return pipeline(deps, caller, query, cursors);
}

/** The key of a lessor's first review of the swap in its queue: the swap is listed there, once. */
function representativeReview(swap: Swap, lessorId: string): string | undefined {
  const open = (status: SwapStatus, decision: Swap['reviews'][number]) =>
    status === 'under_review' && isAwaitingDecision(decision);
  return swap.reviews
    .filter((r) => r.lessorId === lessorId)
    .map((r) => ({
      listingId: r.listingId,
      position: reviewQueuePosition(swap.id, r, open(swap.status, r)),
    }))
    .sort((a, b) => a.position.localeCompare(b.position))[0]?.listingId;
}

async function lessorQueue(
  deps: SwapDeps,
  caller: User,
  lessorId: string,
  query: ListQuery,
  cursors: CursorCodec,
) {
  const scope = `swap-reviews:${lessorId}:${query.status ?? ''}`;
  const items: SwapView[] = [];
  let cursor = cursors.decode<Record<string, unknown>>(scope, query.cursor);
  do {
    const page = await reviewsOfLessor(deps.db, lessorId, { limit: query.limit, cursor });
    const { swaps, views } = await readSwapsToShow(
      deps,
      caller,
      page.items.map((entry) => entry.swapId),
      page.items.flatMap((entry) => (entry.outline ? [entry.outline] : [])),
    );
    const listed: Swap[] = [];
    let lastListed = -1;
    for (const [index, entry] of page.items.entries()) {
      const swap = swaps[index];
      if (
        !swap ||
        representativeReview(swap, lessorId) !== entry.listingId ||
        (query.status && swap.status !== query.status)
      )
        continue;
      listed.push(swap);
      lastListed = index;
      if (items.length + listed.length === query.limit) break;
    }
    items.push(...views(listed));
    if (items.length === query.limit) {
      const next = lastListed === page.items.length - 1 ? page.cursor : page.items[lastListed]!.key;
      return { items, ...(next ? { nextCursor: cursors.encode(scope, next) } : {}) };
    }
    cursor = page.cursor;
  } while (cursor);
  return { items };
}

/** Armos: one status, or all of them in pipeline order (under review first: overdue first). */
const PIPELINE: readonly SwapStatus[] = [
  'under_review',
  'approved',
  'awaiting_confirmations',
  'completed',
  'refused',
  'cancelled',
];

async function pipeline(deps: SwapDeps, caller: User, query: ListQuery, cursors: CursorCodec) {
  const statuses = query.status ? [query.status] : PIPELINE;
  const scope = `swap-pipeline:${query.status ?? ''}`;
  const start = cursors.decode<{ s: number; k?: Record<string, unknown> }>(scope, query.cursor) ?? {
    s: 0,
  };
  const items: SwapView[] = [];
  for (let s = start.s; s < statuses.length; s += 1) {
    let cursor = s === start.s ? start.k : undefined;
    do {
      const page = await swapIdsInStatus(deps.db, statuses[s]!, {
        limit: query.limit - items.length,
        cursor,
      });
      const { swaps, views } = await readSwapsToShow(deps, caller, page.items);
      items.push(...views(swaps.filter((swap): swap is Swap => swap?.status === statuses[s])));
      cursor = page.cursor;
      if (items.length >= query.limit) {
        const next = cursor ? { s, k: cursor } : s + 1 < statuses.length ? { s: s + 1 } : undefined;
        return { items, ...(next ? { nextCursor: cursors.encode(scope, next) } : {}) };
      }
    } while (cursor);
  }
  return { items };
}
