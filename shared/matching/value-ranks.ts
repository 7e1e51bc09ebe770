/**
 * How many of a set of values lie below or at a given value, asked thousands of times per query
 * (a partner's rent limit against a group's rents). Whole numbers in a range not much wider than
 * the set — euros, square metres — are answered from a table of counts by value, without sorting
 * or searching; other values from a sorted copy and a binary search. Both give the same counts.
 *
 * Usage: write `values[0 .. n)` (after `reserve(n)`), call `build(n)`, then ask.
 */
import { FloatOrder } from './float-order';

/** A table by value is used while its length stays within this many entries per value, plus a constant. */
const TABLE_ENTRIES_PER_VALUE = 8;
const TABLE_ENTRIES_FREE = 1024;

export class ValueRanks {
  values = new Float64Array(64);
  private n = 0;
  private smallest = 0;
  private largest = 0;
  /** When `byTable`: `atMost[k]` values are ≤ smallest + k. Otherwise: the values in ascending order. */
  private byTable = false;
  private atMost = new Int32Array(64);
  private sorted = new Float64Array(64);
  private readonly sorter = new FloatOrder();

  reserve(n: number): void {
    if (n <= this.values.length) return;
    const size = Math.max(n, 2 * this.values.length);
    this.values = new Float64Array(size);
    this.sorted = new Float64Array(size);
  }

  build(n: number): void {
    this.n = n;
    let smallest = Number.POSITIVE_INFINITY;
    let largest = Number.NEGATIVE_INFINITY;
    let whole = true;
    for (let i = 0; i < n; i++) {
      const value = this.values[i] as number;
      smallest = Math.min(smallest, value);
      largest = Math.max(largest, value);
      whole &&= Number.isInteger(value);
    }
    this.smallest = smallest;
    this.largest = largest;
    const span = largest - smallest + 1;
    this.byTable = n > 0 && whole && span <= TABLE_ENTRIES_PER_VALUE * n + TABLE_ENTRIES_FREE;
    if (this.byTable) this.tabulate(span);
    else this.sort();
  }

  /** How many values are ≤ v. */
  atMostCount(v: number): number {
    if (v < this.smallest) return 0;
    if (v >= this.largest) return this.n;
    if (this.byTable) return this.atMost[Math.floor(v) - this.smallest] as number; // whole values: ≤ v is ≤ ⌊v⌋
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** How many values are < v. */
  belowCount(v: number): number {
    if (v <= this.smallest) return 0;
    if (v > this.largest) return this.n;
    if (this.byTable) return this.atMost[Math.ceil(v) - 1 - this.smallest] as number; // whole values: < v is ≤ ⌈v⌉ − 1
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Rank of the i-th value: equal values share the rank of the first of them in ascending order. */
  rankOf(i: number): number {
    return this.belowCount(this.values[i] as number);
  }

  private tabulate(span: number): void {
    if (this.atMost.length < span)
      this.atMost = new Int32Array(Math.max(span, 2 * this.atMost.length));
    const atMost = this.atMost;
    atMost.fill(0, 0, span);
    for (let i = 0; i < this.n; i++) {
      const k = (this.values[i] as number) - this.smallest;
      atMost[k] = (atMost[k] as number) + 1;
    }
    for (let k = 1; k < span; k++) atMost[k] = (atMost[k] as number) + (atMost[k - 1] as number);
  }

  private sort(): void {
    const n = this.n;
    this.sorter.reserve(n);
    this.sorter.keys.set(this.values.subarray(0, n));
    const order = this.sorter.sort(n);
    for (let k = 0; k < n; k++) this.sorted[k] = this.values[order[k] as number] as number;
  }
}
