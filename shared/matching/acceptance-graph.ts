/**
 * Who accepts whom among the indexed listings, kept up to date on every add and remove. Listings
 * live in numbered slots whose hot fields are columns (`ListingColumns`); buckets by
 * commune×typology find the partners of a new or changed listing without scanning everybody.
 */
import type { CompiledListing } from './compiled';
import { ListingColumns } from './listing-columns';
import { AdjacencyLists } from './adjacency-lists';
import { buildAcceptedLists } from './bulk-build';
import { SlotList } from './slot-list';

function addTo(map: Map<number, SlotList>, key: number, slot: number): void {
  let bucket = map.get(key);
  if (bucket === undefined) map.set(key, (bucket = new SlotList()));
  bucket.push(slot);
}

function removeFrom(map: Map<number, SlotList>, key: number, slot: number): void {
  const bucket = map.get(key);
  bucket?.remove(slot);
  if (bucket?.length === 0) map.delete(key);
}

/**
 * The listings accepting one start listing, each with the score of its move into the start's home;
 * valid until the next `markIncoming`. A generation stamp per slot says who is marked without
 * clearing arrays between queries.
 */
export class IncomingMarks {
  stamps = new Int32Array(0);
  scores = new Float64Array(0);
  generation = 0;
  /** The marked slots, in the order they were found: `slots[0 .. count)`. */
  slots = new Int32Array(64);
  count = 0;

  has(slot: number): boolean {
    return this.stamps[slot] === this.generation;
  }

  /** Score of the slot's move into the start, or undefined when it does not accept the start. */
  get(slot: number): number | undefined {
    return this.stamps[slot] === this.generation ? this.scores[slot] : undefined;
  }
}

export class AcceptanceGraph {
  readonly columns = new ListingColumns();
  readonly marks = new IncomingMarks();
  private readonly accepted = new AdjacencyLists();
  /** Slots ever used: new ones are numbered from here when none is free. */
  private slotsUsed = 0;
  private readonly slotById = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  /** Slots by the commune×typology of the dwelling they offer. */
  private readonly offered = new Map<number, SlotList>();
  /** Slots by each commune×typology they want. */
  private readonly wanted = new Map<number, SlotList>();
  /**
   * Bumped by every add and remove. Adding a listing scores its moves into the dwellings it accepts
   * and the moves of those accepting it into its own, the very scores a query of it starts from:
   * they are kept, and stand while the version has not moved (a listing is queried as soon as it
   * is published).
   */
  private version = 0;
  private marksOf = -1;
  private marksVersion = -1;
  private outgoingScores = new Float64Array(256);
  private outgoingOf = -1;
  private outgoingVersion = -1;

  get size(): number {
    return this.slotById.size;
  }

  slotOf(listingId: string): number | undefined {
    return this.slotById.get(listingId);
  }

  listingAt(slot: number): CompiledListing {
    return this.columns.listings[slot] as CompiledListing;
  }

  *slots(): IterableIterator<number> {
    yield* this.slotById.values();
  }

  /** Slots of the dwellings the listing in `slot` accepts. */
  acceptedBy(slot: number): Int32Array {
    return this.accepted.of(slot);
  }

  add(listing: CompiledListing): void {
    const slot = this.freeSlots.pop() ?? this.slotsUsed++;
    this.version++;
    this.columns.set(slot, listing);
    this.slotById.set(listing.id, slot);
    const columns = this.columns;
    const found = this.outgoing(slot);
    this.accepted.set(slot, Int32Array.from(found), found.length);
    const accepted = this.acceptedBy(slot);
    columns.acceptedCount[slot] = accepted.length;
    const moves = this.outgoingMoves(slot);
    let bestMove = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < accepted.length; i++) bestMove = Math.max(bestMove, moves[i] as number);
    columns.bestAcceptedMove[slot] = bestMove;
    const marks = this.markIncoming(slot);
    for (let i = 0; i < marks.count; i++) {
      const c = marks.slots[i] as number;
      this.accepted.push(c, slot);
      columns.acceptedCount[c] = (columns.acceptedCount[c] as number) + 1;
      columns.bestAcceptedMove[c] = Math.max(
        columns.bestAcceptedMove[c] as number,
        marks.scores[c] as number,
      );
    }
    addTo(this.offered, listing.offeredKey, slot);
    for (const key of listing.wishedKeys) addTo(this.wanted, key, slot);
  }

  /**
   * Adds listings of distinct ids to an empty graph (a cold start): all of them go into their slots
   * and buckets first, then each one's list of accepted dwellings is found once and made at its
   * final size (`buildAcceptedLists`). Adding them one by one finds each edge twice (from each end) and grows every list
   * by pushes, which leaves as much garbage as the lists themselves.
   */
  addAll(listings: readonly CompiledListing[]): void {
    if (this.slotById.size > 0 || this.slotsUsed > 0)
      throw new Error('addAll needs an empty graph');
    const ids = new Set<string>();
    for (const listing of listings) {
      if (ids.has(listing.id)) throw new Error(`Listing ${listing.id} given twice`);
      ids.add(listing.id);
    }
    this.version++;
    this.slotsUsed = listings.length;
    const columns = this.columns;
    columns.reserve(listings.length);
    for (let slot = 0; slot < listings.length; slot++) {
      const listing = listings[slot] as CompiledListing;
      columns.set(slot, listing);
      this.slotById.set(listing.id, slot);
      addTo(this.offered, listing.offeredKey, slot);
      for (const key of listing.wishedKeys) addTo(this.wanted, key, slot);
    }
    buildAcceptedLists(columns, listings.length, this.accepted);
  }

  /**
   * Leaves `bestAcceptedMove` of the listings that accepted this one as it was: still above each of
   * their moves, only less tight, until they are upserted again (finding the next best would mean
   * rescoring every list this listing leaves).
   */
  remove(listingId: string): boolean {
    const slot = this.slotById.get(listingId);
    if (slot === undefined) return false;
    const listing = this.listingAt(slot);
    // The marks of a listing just queried (as on a quick withdrawal or an edit) are reused, not rescanned.
    const marks = this.markIncoming(slot);
    this.version++;
    for (let i = 0; i < marks.count; i++) {
      const c = marks.slots[i] as number;
      this.accepted.remove(c, slot);
      this.columns.acceptedCount[c] = (this.columns.acceptedCount[c] as number) - 1;
    }
    removeFrom(this.offered, listing.offeredKey, slot);
    for (const key of listing.wishedKeys) removeFrom(this.wanted, key, slot);
    this.slotById.delete(listingId);
    this.columns.clear(slot);
    this.accepted.clear(slot);
    this.freeSlots.push(slot);
    return true;
  }

  /**
   * The score of the start's move into each of `acceptedBy(start)`, at the same index; valid until
   * the next call.
   */
  outgoingMoves(start: number): Float64Array {
    if (start === this.outgoingOf && this.outgoingVersion === this.version)
      return this.outgoingScores;
    const accepted = this.acceptedBy(start);
    if (this.outgoingScores.length < accepted.length)
      this.outgoingScores = new Float64Array(2 * accepted.length);
    this.columns.scoreMovesFrom(start, accepted, this.outgoingScores);
    this.outgoingOf = start;
    this.outgoingVersion = this.version;
    return this.outgoingScores;
  }

  /**
   * Marks who accepts the listing in `start`, with the score of each one's move into it. Its own
   * slot is never marked (same owner), so marks made while adding it, before it is in the
   * buckets, are the same.
   */
  markIncoming(start: number): IncomingMarks {
    const marks = this.marks;
    if (start === this.marksOf && this.marksVersion === this.version) return marks;
    this.marksOf = start;
    this.marksVersion = this.version;
    const columns = this.columns;
    if (marks.stamps.length < columns.capacity) {
      marks.stamps = new Int32Array(columns.capacity); // new stamps are 0, a generation never used
      marks.scores = new Float64Array(columns.capacity);
    }
    const generation = ++marks.generation;
    marks.count = 0;
    const wanters = this.wanted.get(columns.offeredKey[start] as number);
    if (wanters === undefined) return marks;
    if (marks.slots.length < wanters.length) marks.slots = new Int32Array(wanters.items.length);
    for (let i = 0; i < wanters.length; i++) {
      const c = wanters.items[i] as number;
      if (!columns.acceptsWithinBucket(c, start)) continue;
      marks.stamps[c] = generation;
      marks.slots[marks.count++] = c;
    }
    columns.scoreMovesInto(start, marks.slots, marks.count, marks.scores);
    return marks;
  }

  /** How many of `slots` carry the current marks: the 3-cycles through one partner, without building them. */
  countMarked(slots: ArrayLike<number>): number {
    const stamps = this.marks.stamps;
    const generation = this.marks.generation;
    let count = 0;
    for (let i = 0; i < slots.length; i++) if (stamps[slots[i] as number] === generation) count++;
    return count;
  }

  /** Slots of the dwellings the listing in `slot` accepts, from the buckets of what it wants. */
  private outgoing(slot: number): number[] {
    const found: number[] = [];
    for (const key of this.listingAt(slot).wishedKeys) {
      const bucket = this.offered.get(key);
      if (bucket === undefined) continue;
      for (let i = 0; i < bucket.length; i++) {
        const b = bucket.items[i] as number;
        if (this.columns.acceptsWithinBucket(slot, b)) found.push(b);
      }
    }
    return found;
  }
}
