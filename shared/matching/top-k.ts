/** Keeps the best K cycles seen so far in a binary heap whose root is the worst one kept. */
import type { RankedCycle } from './cycles';
import { compareRanked } from './cycles';

export class TopK<T extends RankedCycle> {
  private readonly heap: T[] = [];
  /** Scores below this cannot be kept: −∞ until full, then the worst kept score (+∞ when K is 0). */
  private admitsFrom: number;

  /** `compare` must order items as `compareRanked` does; it may be cheaper for a kind of item. */
  constructor(
    readonly capacity: number,
    private readonly compare: (x: T, y: T) => number = compareRanked,
  ) {
    this.admitsFrom = capacity <= 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  get size(): number {
    return this.heap.length;
  }

  get full(): boolean {
    return this.heap.length >= this.capacity;
  }

  /** Lowest score still kept; candidates below it can be skipped without building them. */
  get worstScore(): number {
    return this.heap[0]?.score ?? Number.NEGATIVE_INFINITY;
  }

  /** Would a cycle with this score possibly be kept? Equal scores may still win on the tie-break. */
  admits(score: number): boolean {
    return score >= this.admitsFrom; // one comparison: the search asks this for every bound
  }

  offer(item: T): void {
    if (this.capacity <= 0) return;
    if (!this.full) {
      this.heap.push(item);
      this.siftUp(this.heap.length - 1);
    } else if (this.compare(item, this.heap[0] as T) < 0) {
      this.heap[0] = item;
      this.siftDown(0);
    }
    if (this.full) this.admitsFrom = this.worstScore;
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }

  // The root must be the item that ranks LAST, so "smaller" in heap order means "ranks after".
  private before(i: number, j: number): boolean {
    return this.compare(this.heap[i] as T, this.heap[j] as T) > 0;
  }

  private swap(i: number, j: number): void {
    const tmp = this.heap[i] as T;
    this.heap[i] = this.heap[j] as T;
    this.heap[j] = tmp;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < this.heap.length && this.before(left, top)) top = left;
      if (right < this.heap.length && this.before(right, top)) top = right;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }
}
