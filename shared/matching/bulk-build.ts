/**
 * Every listing's list of accepted dwellings at once, for a cold start (`AcceptanceGraph.addAll`).
 * At regional scale this is the whole cost of the start: 100,000 listings look through some 54
 * million dwellings of the communes×typologies they want and accept 24 million. Looking each one
 * up by its slot reads four columns at random places; here the dwellings offered are first copied
 * bucket by bucket (commune×typology) into arrays of their own, each bucket sorted by rent, so a
 * listing reads the dwellings it may accept one after another, and stops at the first one above
 * its maximum rent. Each move into a dwelling accepted is scored on the way, from the same arrays,
 * for the listing's best move (`ListingColumns.bestAcceptedMove`).
 */
import type { AdjacencyLists } from './adjacency-lists';
import { NO_WISH_FILTERS } from './compiled';
import type { ListingColumns } from './listing-columns';
import { scoreMove } from './score';

/** The dwellings of slots `0 .. count)`, grouped by the commune×typology they offer, by rent within each. */
interface OfferedByBucket {
  /** Where each bucket starts in the arrays below, by key; the bucket of key k ends where k + 1 starts. */
  starts: Int32Array;
  slot: Int32Array;
  totalRent: Float64Array;
  surface: Float64Array;
  owner: Int32Array;
  featureMask: Int32Array;
  rooms: Int32Array;
}

function offeredByBucket(columns: ListingColumns, count: number): OfferedByBucket {
  let keys = 0;
  for (let slot = 0; slot < count; slot++)
    keys = Math.max(keys, (columns.offeredKey[slot] as number) + 1);
  const starts = new Int32Array(keys + 1);
  for (let slot = 0; slot < count; slot++) starts[(columns.offeredKey[slot] as number) + 1]!++;
  for (let key = 0; key < keys; key++) starts[key + 1]! += starts[key] as number;
  const next = starts.slice(0, keys);
  const order = new Int32Array(count);
  for (let slot = 0; slot < count; slot++)
    order[next[columns.offeredKey[slot] as number]!++] = slot;
  const rents = columns.totalRent;
  // Rents are finite (the schemas say so): sorted by them, a bucket's accepted rents are a prefix.
  for (let key = 0; key < keys; key++)
    order
      .subarray(starts[key], starts[key + 1])
      .sort((x, y) => (rents[x] as number) - (rents[y] as number) || x - y);
  const offered: OfferedByBucket = {
    starts,
    slot: order,
    totalRent: new Float64Array(count),
    surface: new Float64Array(count),
    owner: new Int32Array(count),
    featureMask: new Int32Array(count),
    rooms: new Int32Array(count),
  };
  for (let i = 0; i < count; i++) {
    const slot = order[i] as number;
    offered.totalRent[i] = rents[slot] as number;
    offered.surface[i] = columns.surface[slot] as number;
    offered.owner[i] = columns.owner[slot] as number;
    offered.featureMask[i] = columns.featureMask[slot] as number;
    offered.rooms[i] = columns.rooms[slot] as number;
  }
  return offered;
}

/** The first position of `[from, to)` whose rent is above `max` (`to` when none is). */
function firstAbove(rents: Float64Array, from: number, to: number, max: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((rents[middle] as number) <= max) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The best score of the move of the household in slot `mover` into the dwellings at `positions`
 * of `offered`: a loop of its own, so that the compiler inlines the whole formula (inside the
 * large loop above it would not, and each call would box its result).
 */
function bestMoveAt(
  columns: ListingColumns,
  mover: number,
  offered: OfferedByBucket,
  positions: Int32Array,
  count: number,
): number {
  const moverFlags = columns.moverFlags[mover] as number;
  const referenceRent = columns.referenceRent[mover] as number;
  const ownSurface = columns.surface[mover] as number;
  const wantedFeatureMask = columns.wantedFeatureMask[mover] as number;
  const occupants = columns.occupants[mover] as number;
  const { totalRent, surface, featureMask, rooms } = offered;
  let best = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < count; j++) {
    const i = positions[j] as number;
    const move = scoreMove(
      moverFlags,
      referenceRent,
      ownSurface,
      wantedFeatureMask,
      occupants,
      totalRent[i] as number,
      surface[i] as number,
      featureMask[i] as number,
      rooms[i] as number,
    );
    best = Math.max(best, move);
  }
  return best;
}

/**
 * Fills `accepted` with the list of each of slots `0 .. count)` (all listed in `columns`, none yet
 * in `accepted`), and their `acceptedCount` and `bestAcceptedMove`: what adding them one by one
 * would leave, each list in another order.
 */
export function buildAcceptedLists(
  columns: ListingColumns,
  count: number,
  accepted: AdjacencyLists,
): void {
  const offered = offeredByBucket(columns, count);
  const { starts, totalRent, surface, owner } = offered;
  const homes = offered.slot;
  const keyCount = starts.length - 1;
  let ends = new Int32Array(64);
  let positions = new Int32Array(1024);
  for (let a = 0; a < count; a++) {
    const maxTotalRent = columns.maxTotalRent[a] as number;
    const minSurface = columns.minSurface[a] as number;
    const ownOwner = columns.owner[a] as number;
    const filtered = columns.filterClass[a] !== NO_WISH_FILTERS;
    const listing = columns.listingAt(a);
    const keys = listing.wishedKeys;
    if (ends.length < keys.length) ends = new Int32Array(2 * keys.length);
    let room = 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as number;
      if (key >= keyCount) continue;
      const from = starts[key] as number;
      const end = firstAbove(totalRent, from, starts[key + 1] as number, maxTotalRent);
      ends[k] = end;
      room += end - from;
    }
    if (positions.length < room) positions = new Int32Array(2 * room);
    let length = 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as number;
      if (key >= keyCount) continue;
      const end = ends[k] as number;
      for (let i = starts[key] as number; i < end; i++) {
        if ((surface[i] as number) < minSurface || owner[i] === ownOwner) continue;
        if (filtered && !columns.meetsWishFilters(listing, homes[i] as number)) continue;
        positions[length++] = i;
      }
    }
    accepted.reservePacked(length);
    const found = accepted.packedStorage;
    const at = accepted.packedOffset;
    for (let j = 0; j < length; j++) found[at + j] = homes[positions[j] as number] as number;
    const bestMove = bestMoveAt(columns, a, offered, positions, length);
    accepted.commitPacked(a, length);
    columns.acceptedCount[a] = length;
    columns.bestAcceptedMove[a] = bestMove;
  }
}
