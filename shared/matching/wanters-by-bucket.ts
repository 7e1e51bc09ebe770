/**
 * The listings that accept the start listing A — the C of every 3-cycle A → B → C → A — grouped by
 * the commune×typology bucket of their dwelling (B reaches a C only through a bucket B wishes), and
 * within a group sorted by how much C gains moving into A's home, best first (so that the nodes of
 * `WanterTrees` hold wanters of similar gains, and their bounds are tight).
 *
 * Arrays are reused from one query to the next: a query allocates nothing once they have grown.
 */
import type { IncomingMarks } from './acceptance-graph';
import { FloatOrder } from './float-order';
import type { ListingColumns } from './listing-columns';
import { grownInto } from './typed-arrays';

/**
 * Sort keys pack the group and (100 − score) in tenths: 0.1 of one move is 0.03 of a cycle's score,
 * order enough for tight tree bounds (the trees keep exact maxima), and small keys sort in two passes.
 */
const SCORE_STEPS = 1024;

export class WantersByBucket {
  /** Number of wanters and of groups in the current build. */
  count = 0;
  groups = 0;
  /** Position → slot and the score of its move into the start's home (`moveScore(C, A)`). */
  slots = new Int32Array(64);
  intoStart = new Float64Array(64);
  /** Position → what the dwelling offers, copied out of the listing so hot loops read contiguous memory. */
  rentAt = new Float64Array(64);
  surfaceAt = new Float64Array(64);
  featuresAt = new Int32Array(64);
  roomsAt = new Int32Array(64);
  ownerAt = new Int32Array(64);
  /** Position → its group. */
  groupAt = new Int32Array(64);
  /** Group → first position; `groupStart[groups] === count`. */
  groupStart = new Int32Array(65);
  /** Next position whose listing has the same owner, or -1: owners are rare duplicates, walked as chains. */
  nextSameOwner = new Int32Array(64);

  private readonly sorter = new FloatOrder();
  private order: Int32Array = new Int32Array(0);
  private unsortedSlots = new Int32Array(64);
  private unsortedScores = new Float64Array(64);
  private unsortedGroups = new Int32Array(64);
  // Interned key or owner → group or first position, valid when its stamp equals `generation`.
  private keyStamp = new Int32Array(256);
  private groupOfKey = new Int32Array(256);
  private ownerStamp = new Int32Array(256);
  private firstOfOwner = new Int32Array(256);
  private generation = 0;

  /** Group of the wanters whose dwelling is in bucket `key`, or -1 when none is. */
  groupOf(key: number): number {
    return key < this.keyStamp.length && this.keyStamp[key] === this.generation
      ? (this.groupOfKey[key] as number)
      : -1;
  }

  /** First position of a wanter owned by `owner`, or -1; then follow `nextSameOwner`. */
  firstWithOwner(owner: number): number {
    return owner < this.ownerStamp.length && this.ownerStamp[owner] === this.generation
      ? (this.firstOfOwner[owner] as number)
      : -1;
  }

  /** Regroups the marked listings (those accepting the start, with their move's score) for a new query. */
  build(marks: IncomingMarks, columns: ListingColumns): void {
    const n = marks.count;
    this.generation++;
    this.ensureCapacity(n);
    this.count = n;
    this.groups = 0;
    for (let i = 0; i < n; i++) {
      const slot = marks.slots[i] as number;
      const key = columns.offeredKey[slot] as number;
      this.unsortedSlots[i] = slot;
      this.unsortedScores[i] = marks.scores[slot] as number;
      this.ensureIdCapacity(Math.max(key, columns.owner[slot] as number) + 1);
      if (this.keyStamp[key] !== this.generation) {
        this.keyStamp[key] = this.generation;
        this.groupOfKey[key] = this.groups++;
      }
      this.unsortedGroups[i] = this.groupOfKey[key] as number;
    }
    this.sortByGroupThenScore(n);
    this.fillPositions(n, columns);
  }

  private sortByGroupThenScore(n: number): void {
    const sorter = this.sorter;
    sorter.reserve(n);
    for (let i = 0; i < n; i++) {
      const steps = Math.min(
        SCORE_STEPS - 1,
        Math.max(0, Math.floor((100 - (this.unsortedScores[i] as number)) * 10)),
      );
      sorter.keys[i] = (this.unsortedGroups[i] as number) * SCORE_STEPS + steps;
    }
    this.order = sorter.sort(n);
  }

  private fillPositions(n: number, columns: ListingColumns): void {
    let group = -1;
    for (let j = 0; j < n; j++) {
      const i = this.order[j] as number;
      const slot = this.unsortedSlots[i] as number;
      this.slots[j] = slot;
      this.intoStart[j] = this.unsortedScores[i] as number;
      this.rentAt[j] = columns.totalRent[slot] as number;
      this.surfaceAt[j] = columns.surface[slot] as number;
      this.featuresAt[j] = columns.featureMask[slot] as number;
      this.roomsAt[j] = columns.rooms[slot] as number;
      const owner = columns.owner[slot] as number;
      this.ownerAt[j] = owner;
      const g = this.unsortedGroups[i] as number;
      this.groupAt[j] = g;
      while (group < g) this.groupStart[++group] = j;
      this.nextSameOwner[j] =
        this.ownerStamp[owner] === this.generation ? (this.firstOfOwner[owner] as number) : -1;
      this.ownerStamp[owner] = this.generation;
      this.firstOfOwner[owner] = j;
    }
    this.groupStart[this.groups] = n;
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
    this.groupAt = new Int32Array(size);
    this.groupStart = new Int32Array(size + 1);
    this.nextSameOwner = new Int32Array(size);
    this.unsortedSlots = new Int32Array(size);
    this.unsortedScores = new Float64Array(size);
    this.unsortedGroups = new Int32Array(size);
  }

  /** Interned ids grow with the market; stamps of new ids start at 0, which no generation uses. */
  private ensureIdCapacity(needed: number): void {
    if (needed <= this.keyStamp.length) return;
    const size = Math.max(needed, this.keyStamp.length * 2);
    this.keyStamp = grownInto(this.keyStamp, new Int32Array(size));
    this.groupOfKey = grownInto(this.groupOfKey, new Int32Array(size));
    this.ownerStamp = grownInto(this.ownerStamp, new Int32Array(size));
    this.firstOfOwner = grownInto(this.firstOfOwner, new Int32Array(size));
  }
}
