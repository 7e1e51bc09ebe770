/**
 * A growable list of slots in an Int32Array: buckets of the acceptance graph are walked on every
 * query, and a typed array walks faster than a Set and holds no pointers for the collector.
 * Order is not kept: a removal moves the last slot into the hole.
 */
import { grownInto } from './typed-arrays';

export class SlotList {
  items = new Int32Array(8);
  length = 0;

  push(slot: number): void {
    if (this.length === this.items.length) {
      this.items = grownInto(this.items, new Int32Array(this.items.length * 2));
    }
    this.items[this.length++] = slot;
  }

  /** Removes one occurrence of `slot`; false when absent. Searched from the end, where recent slots are. */
  remove(slot: number): boolean {
    const at = this.items.subarray(0, this.length).lastIndexOf(slot);
    if (at < 0) return false;
    this.items[at] = this.items[--this.length] as number;
    return true;
  }
}
