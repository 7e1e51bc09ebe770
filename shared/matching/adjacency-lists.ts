/**
 * Each slot's list of slots (the dwellings a listing accepts) as an exact-length view on an
 * Int32Array with room to grow: four bytes an entry, where an array of numbers takes eight on a
 * 64-bit runtime, and nothing for the collector to trace. At 100,000 regional listings the lists
 * hold some 24 million entries: most of the index's memory.
 */
import { grownInto } from './typed-arrays';

const EMPTY = new Int32Array(0);
/** Entries per shared buffer of packed lists (4 MB). */
const PACKED_CHUNK = 1 << 20;

export class AdjacencyLists {
  private views: Int32Array[] = [];
  /** Entries the storage behind each view can hold. */
  private capacities = new Int32Array(0);
  private packed = EMPTY;
  private packedAt = 0;

  /** The slot's list; valid until the slot's list next changes. */
  of(slot: number): Int32Array {
    return this.views[slot] ?? EMPTY;
  }

  /** Makes `values[0 .. count)` the slot's list, in storage of exactly that size. */
  set(slot: number, values: Int32Array, count: number): void {
    this.ensureSlot(slot);
    this.views[slot] = values.slice(0, count);
    this.capacities[slot] = count;
  }

  /**
   * Room for a list of at most `room` entries made at once on a cold start, written in place:
   * entries go into `packedStorage` from `packedOffset`, then `commitPacked` makes them the slot's
   * list. Lists share large buffers rather than each owning one (an ArrayBuffer per list costs as
   * much as a hundred entries); a list that grows later moves to storage of its own.
   */
  reservePacked(room: number): void {
    if (this.packedAt + room > this.packed.length) {
      this.packed = new Int32Array(Math.max(PACKED_CHUNK, room));
      this.packedAt = 0;
    }
  }

  get packedStorage(): Int32Array {
    return this.packed;
  }

  get packedOffset(): number {
    return this.packedAt;
  }

  /** Makes the `count` entries written from `packedOffset` the slot's list. */
  commitPacked(slot: number, count: number): void {
    this.ensureSlot(slot);
    this.views[slot] = this.packed.subarray(this.packedAt, this.packedAt + count);
    this.packedAt += count;
    this.capacities[slot] = count;
  }

  push(slot: number, value: number): void {
    this.ensureSlot(slot);
    const view = this.of(slot);
    const length = view.length;
    let next: Int32Array;
    if (length < (this.capacities[slot] as number)) {
      next = new Int32Array(view.buffer, view.byteOffset, length + 1);
    } else {
      const storage = new Int32Array(Math.max(4, 2 * length));
      storage.set(view);
      this.capacities[slot] = storage.length;
      next = storage.subarray(0, length + 1);
    }
    next[length] = value;
    this.views[slot] = next;
  }

  /** Removes one occurrence of `value` (order is not kept: the last entry takes its place). */
  remove(slot: number, value: number): void {
    const view = this.of(slot);
    // Searched from the end: a listing that comes and goes (an edit, a quick withdrawal) was appended last.
    const at = view.lastIndexOf(value);
    if (at < 0) return;
    view[at] = view[view.length - 1] as number;
    this.views[slot] = new Int32Array(view.buffer, view.byteOffset, view.length - 1);
  }

  clear(slot: number): void {
    if (slot >= this.views.length) return;
    this.views[slot] = EMPTY;
    this.capacities[slot] = 0;
  }

  private ensureSlot(slot: number): void {
    while (this.views.length <= slot) this.views.push(EMPTY);
    if (this.capacities.length <= slot)
      this.capacities = grownInto(this.capacities, new Int32Array(Math.max(1024, 2 * (slot + 1))));
  }
}
