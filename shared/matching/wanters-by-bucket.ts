/**
 * The listings that accept the start listing A — the C of every 3-cycle A → B → C → A — grouped by
 * the commune×typology bucket of their dwelling (B reaches a C only through a bucket B wishes), and
 * within a group sorted by how much C gains moving into A's home, best first.
 *
 * For every position j, the best attributes of the group's dwellings from j to the group's end
 * (lowest rent, largest surface, all features, fewest rooms, highest gain for C): fed to
 * `moveScoreInto`, they bound the score of every cycle still ahead, so the search for the best
 * proposals stops walking a group as soon as the bound cannot beat the K-th best.
 *
 * Arrays are reused from one query to the next: a query allocates nothing once they have grown.
 */
import type { CompiledListing } from './compiled';

/** Positions and groups are packed into one float64 sort key when they fit in 20 and 16 bits. */
const POSITION_BITS = 2 ** 20;
const SCORE_STEPS = 2 ** 17; // (100 − score) in thousandths: order only, the suffix maximum keeps bounds exact
const GROUP_BITS = 2 ** 16;

export class WantersByBucket {
  /** Number of wanters and of groups in the current build. */
  count = 0;
  groups = 0;
  /** Position → slot, listing and the score of its move into the start's home (`moveScore(C, A)`). */
  slots = new Int32Array(64);
  listings: CompiledListing[] = [];
  intoStart = new Float64Array(64);
  /** Position → what the dwelling offers, copied out of the listing so hot loops read contiguous memory. */
  rentAt = new Float64Array(64);
  surfaceAt = new Float64Array(64);
  featuresAt = new Int32Array(64);
  roomsAt = new Int32Array(64);
  ownerAt = new Int32Array(64);
  /** Group → first position; `groupStart[groups] === count`. */
  groupStart = new Int32Array(65);
  /** Best attributes from a position to the end of its group. */
  minRentFrom = new Float64Array(64);
  maxSurfaceFrom = new Float64Array(64);
  featuresFrom = new Int32Array(64);
  minRoomsFrom = new Int32Array(64);
  maxIntoStartFrom = new Float64Array(64);
  /**
   * 1 where the dwelling attributes above differ from the previous position's (or a group starts).
   * They change at few positions (a running extreme from the end), so a search walking a group
   * recomputes a partner's best move only there.
   */
  dwellingBoundChangesAt = new Uint8Array(64);
  /** Next position whose listing has the same owner, or -1: owners are rare duplicates, walked as chains. */
  nextSameOwner = new Int32Array(64);

  private sortKeys = new Float64Array(64);
  private order = new Int32Array(64);
  private unsorted: CompiledListing[] = [];
  private unsortedSlots = new Int32Array(64);
  private unsortedScores = new Float64Array(64);
  // Interned key or owner id → group or first position, valid when its stamp equals `generation`.
  private keyStamp = new Int32Array(256);
  private groupOfKey = new Int32Array(256);
  private ownerStamp = new Int32Array(256);
  private firstOfOwner = new Int32Array(256);
  private generation = 0;

  /** Group of the wanters whose dwelling is in bucket `key`, or -1 when none is. */
  groupOf(key: number): number {
    return key < this.keyStamp.length && this.keyStamp[key] === this.generation ? (this.groupOfKey[key] as number) : -1;
  }

  /** First position of a wanter owned by `owner`, or -1; then follow `nextSameOwner`. */
  firstWithOwner(owner: number): number {
    return owner < this.ownerStamp.length && this.ownerStamp[owner] === this.generation ? (this.firstOfOwner[owner] as number) : -1;
  }

  /** Regroups `wanterSlots` (with the score of each one's move into the start) for a new query. */
  build(wanterSlots: readonly number[], scoreOf: (slot: number) => number, listingAt: (slot: number) => CompiledListing): void {
    const n = wanterSlots.length;
    this.generation++;
    this.ensureCapacity(n);
    this.count = n;
    this.groups = 0;
    for (let i = 0; i < n; i++) {
      const slot = wanterSlots[i] as number;
      const listing = listingAt(slot);
      this.unsorted[i] = listing;
      this.unsortedSlots[i] = slot;
      this.unsortedScores[i] = scoreOf(slot);
      this.ensureIdCapacity(Math.max(listing.offeredKey, listing.owner) + 1);
      if (this.keyStamp[listing.offeredKey] !== this.generation) {
        this.keyStamp[listing.offeredKey] = this.generation;
        this.groupOfKey[listing.offeredKey] = this.groups++;
      }
    }
    this.sortByGroupThenScore(n);
    this.fillPositions(n);
    this.fillSuffixBounds();
  }

  private sortByGroupThenScore(n: number): void {
    const order = this.order;
    const groupOf = (i: number) => this.groupOfKey[(this.unsorted[i] as CompiledListing).offeredKey] as number;
    if (n < POSITION_BITS && this.groups < GROUP_BITS) {
      // A typed-array sort of packed keys is several times faster than a comparator sort.
      const keys = this.sortKeys.subarray(0, n);
      for (let i = 0; i < n; i++) {
        const steps = Math.min(SCORE_STEPS - 1, Math.floor((100 - (this.unsortedScores[i] as number)) * 1000));
        keys[i] = (groupOf(i) * SCORE_STEPS + Math.max(0, steps)) * POSITION_BITS + i;
      }
      keys.sort();
      for (let i = 0; i < n; i++) order[i] = (keys[i] as number) % POSITION_BITS;
      return;
    }
    const indices = Array.from({ length: n }, (_, i) => i);
    indices.sort((x, y) => groupOf(x) - groupOf(y) || (this.unsortedScores[y] as number) - (this.unsortedScores[x] as number));
    for (let i = 0; i < n; i++) order[i] = indices[i] as number;
  }

  private fillPositions(n: number): void {
    let group = -1;
    for (let j = 0; j < n; j++) {
      const i = this.order[j] as number;
      const listing = this.unsorted[i] as CompiledListing;
      this.listings[j] = listing;
      this.slots[j] = this.unsortedSlots[i] as number;
      this.intoStart[j] = this.unsortedScores[i] as number;
      this.rentAt[j] = listing.totalRent;
      this.surfaceAt[j] = listing.surface;
      this.featuresAt[j] = listing.featureMask;
      this.roomsAt[j] = listing.rooms;
      this.ownerAt[j] = listing.owner;
      const g = this.groupOfKey[listing.offeredKey] as number;
      while (group < g) this.groupStart[++group] = j;
      const owner = listing.owner;
      this.nextSameOwner[j] = this.ownerStamp[owner] === this.generation ? (this.firstOfOwner[owner] as number) : -1;
      this.ownerStamp[owner] = this.generation;
      this.firstOfOwner[owner] = j;
    }
    this.groupStart[this.groups] = n;
  }

  private fillSuffixBounds(): void {
    for (let g = 0; g < this.groups; g++) {
      const first = this.groupStart[g] as number;
      const last = (this.groupStart[g + 1] as number) - 1;
      let minRent = Number.POSITIVE_INFINITY;
      let maxSurface = Number.NEGATIVE_INFINITY;
      let features = 0;
      let minRooms = Number.MAX_SAFE_INTEGER;
      let maxIntoStart = Number.NEGATIVE_INFINITY;
      for (let j = last; j >= first; j--) {
        minRent = Math.min(minRent, this.rentAt[j] as number);
        maxSurface = Math.max(maxSurface, this.surfaceAt[j] as number);
        features |= this.featuresAt[j] as number;
        minRooms = Math.min(minRooms, this.roomsAt[j] as number);
        maxIntoStart = Math.max(maxIntoStart, this.intoStart[j] as number);
        if (j < last) {
          const same = minRent === this.minRentFrom[j + 1] && maxSurface === this.maxSurfaceFrom[j + 1] && features === this.featuresFrom[j + 1] && minRooms === this.minRoomsFrom[j + 1];
          this.dwellingBoundChangesAt[j + 1] = same ? 0 : 1;
        }
        this.minRentFrom[j] = minRent;
        this.maxSurfaceFrom[j] = maxSurface;
        this.featuresFrom[j] = features;
        this.minRoomsFrom[j] = minRooms;
        this.maxIntoStartFrom[j] = maxIntoStart;
      }
      this.dwellingBoundChangesAt[first] = 1;
    }
  }

  private ensureCapacity(n: number): void {
    if (n <= this.slots.length) return;
    const size = Math.max(n, this.slots.length * 2);
    this.slots = new Int32Array(size);
    this.intoStart = new Float64Array(size);
    this.rentAt = new Float64Array(size);
    this.surfaceAt = new Float64Array(size);
    this.featuresAt = new Int32Array(size);
    this.roomsAt = new Int32Array(size);
    this.ownerAt = new Int32Array(size);
    this.groupStart = new Int32Array(size + 1);
    this.minRentFrom = new Float64Array(size);
    this.maxSurfaceFrom = new Float64Array(size);
    this.featuresFrom = new Int32Array(size);
    this.minRoomsFrom = new Int32Array(size);
    this.maxIntoStartFrom = new Float64Array(size);
    this.dwellingBoundChangesAt = new Uint8Array(size);
    this.nextSameOwner = new Int32Array(size);
    this.sortKeys = new Float64Array(size);
    this.order = new Int32Array(size);
    this.unsortedSlots = new Int32Array(size);
    this.unsortedScores = new Float64Array(size);
  }

  /** Interned ids grow with the market; stamps of new ids start at 0, which no generation uses. */
  private ensureIdCapacity(needed: number): void {
    if (needed <= this.keyStamp.length) return;
    const size = Math.max(needed, this.keyStamp.length * 2);
    const grow = (old: Int32Array) => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.keyStamp = grow(this.keyStamp);
    this.groupOfKey = grow(this.groupOfKey);
    this.ownerStamp = grow(this.ownerStamp);
    this.firstOfOwner = grow(this.firstOfOwner);
  }
}
