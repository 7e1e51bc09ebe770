/**
 * Who accepts whom among the indexed listings, kept up to date on every add and remove. Listings
 * live in numbered slots so the hot loops read plain arrays; buckets by commune×typology find the
 * partners of a new or changed listing without scanning everybody.
 */
import type { CompiledListing } from './compiled';
import { acceptsWithinBucket } from './compiled';

/** Scores keyed by slot, valid until the next `markIncoming`: a generation stamp avoids clearing arrays. */
export class SlotMarks {
  constructor(
    private readonly stamps: Int32Array,
    private readonly scores: Float64Array,
    private readonly generation: number,
    private readonly marked: readonly number[],
  ) {}

  get(slot: number): number | undefined {
    return this.stamps[slot] === this.generation ? this.scores[slot] : undefined;
  }

  /** Score of a slot known to be marked. */
  scoreAt(slot: number): number {
    return this.scores[slot] as number;
  }

  has(slot: number): boolean {
    return this.stamps[slot] === this.generation;
  }

  /** The marked slots, in the order they were found. */
  get slots(): readonly number[] {
    return this.marked;
  }
}

function addTo(map: Map<number, Set<number>>, key: number, slot: number): void {
  let bucket = map.get(key);
  if (bucket === undefined) map.set(key, (bucket = new Set()));
  bucket.add(slot);
}

function removeFrom(map: Map<number, Set<number>>, key: number, slot: number): void {
  const bucket = map.get(key);
  bucket?.delete(slot);
  if (bucket?.size === 0) map.delete(key);
}

export class AcceptanceGraph {
  private readonly listings: (CompiledListing | undefined)[] = [];
  private readonly accepted: number[][] = [];
  private readonly slotById = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  /** Slots by the commune×typology of the dwelling they offer. */
  private readonly offered = new Map<number, Set<number>>();
  /** Slots by each commune×typology they want. */
  private readonly wanted = new Map<number, Set<number>>();
  private stamps = new Int32Array(1024);
  private scores = new Float64Array(1024);
  private generation = 0;

  get size(): number {
    return this.slotById.size;
  }

  slotOf(listingId: string): number | undefined {
    return this.slotById.get(listingId);
  }

  listingAt(slot: number): CompiledListing {
    return this.listings[slot] as CompiledListing;
  }

  *slots(): IterableIterator<number> {
    yield* this.slotById.values();
  }

  /** Slots of the dwellings the listing in `slot` accepts. */
  acceptedBy(slot: number): readonly number[] {
    return this.accepted[slot] ?? [];
  }

  add(listing: CompiledListing): void {
    const slot = this.freeSlots.pop() ?? this.listings.length;
    this.listings[slot] = listing;
    this.slotById.set(listing.id, slot);
    this.accepted[slot] = this.outgoing(listing);
    for (const c of this.incoming(listing)) (this.accepted[c] as number[]).push(slot);
    addTo(this.offered, listing.offeredKey, slot);
    for (const key of listing.wishedKeys) addTo(this.wanted, key, slot);
    this.ensureCapacity(slot + 1);
  }

  remove(listingId: string): boolean {
    const slot = this.slotById.get(listingId);
    if (slot === undefined) return false;
    const listing = this.listingAt(slot);
    for (const c of this.incoming(listing)) {
      const list = this.accepted[c] as number[];
      // Searched from the end: a listing that comes and goes (an edit, a quick withdrawal) was appended last.
      const at = list.lastIndexOf(slot);
      list[at] = list[list.length - 1] as number; // order does not matter: swap with the last and drop it
      list.pop();
    }
    removeFrom(this.offered, listing.offeredKey, slot);
    for (const key of listing.wishedKeys) removeFrom(this.wanted, key, slot);
    this.slotById.delete(listingId);
    this.listings[slot] = undefined;
    this.accepted[slot] = [];
    this.freeSlots.push(slot);
    return true;
  }

  /** Slots of the listings that accept the dwelling of `a`, from the reverse index. */
  incoming(a: CompiledListing): number[] {
    const found: number[] = [];
    const wanters = this.wanted.get(a.offeredKey);
    if (wanters !== undefined) for (const c of wanters) if (acceptsWithinBucket(this.listingAt(c), a)) found.push(c);
    return found;
  }

  /** Marks who accepts `start`, with a score each; replaces the previous marks. */
  markIncoming(start: CompiledListing, scoreOf: (c: CompiledListing) => number): SlotMarks {
    this.generation++;
    const marked = this.incoming(start);
    for (const c of marked) {
      this.stamps[c] = this.generation;
      this.scores[c] = scoreOf(this.listingAt(c));
    }
    return new SlotMarks(this.stamps, this.scores, this.generation, marked);
  }

  /** How many of `slots` carry the current marks: the 3-cycles through one partner, without building them. */
  countMarked(slots: readonly number[]): number {
    const stamps = this.stamps;
    const generation = this.generation;
    let count = 0;
    for (let i = 0; i < slots.length; i++) if (stamps[slots[i] as number] === generation) count++;
    return count;
  }

  /** Slots of the dwellings `a` accepts, from the buckets of what `a` wants. */
  private outgoing(a: CompiledListing): number[] {
    const found: number[] = [];
    for (const key of a.wishedKeys) {
      const bucket = this.offered.get(key);
      if (bucket !== undefined) for (const b of bucket) if (acceptsWithinBucket(a, this.listingAt(b))) found.push(b);
    }
    return found;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.stamps.length) return;
    const capacity = Math.max(needed, this.stamps.length * 2);
    const stamps = new Int32Array(capacity);
    stamps.set(this.stamps);
    const scores = new Float64Array(capacity);
    scores.set(this.scores);
    this.stamps = stamps;
    this.scores = scores;
  }
}
