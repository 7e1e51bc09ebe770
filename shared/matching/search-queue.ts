/**
 * The entries of the proposal search (`ProposalSearch`) and the bucket queue that hands them out
 * best bound first. A bound is a cycle score, one decimal between 0 and 100, so the queue has one
 * bin per possible bound and pushing or popping costs O(1). Entries live in flat typed arrays,
 * reused from one query to the next.
 *
 * An entry's bound may only fall: an entry pushed while the queue is being emptied goes to the bin
 * being emptied or a lower one, so popping walks the bins downwards once.
 */
import { grownInto } from './typed-arrays';

/** Cycle scores have one decimal between 0 and 100: bin = score × 10. */
export const SCORE_BINS = 1001;

/** The bin of a score or bound (0 to 100, one decimal): Math.round without a call, as it is never negative. */
export function scoreBin(score: number): number {
  return (score * 10 + 0.5) | 0;
}

export class SearchQueue {
  // Per entry: the partner (slot), the start's move into it, the cached bound of its move into the
  // wanters ahead, and where it stands (`position` up to `end`, whose meaning the search defines).
  partner = new Int32Array(256);
  startIntoPartner = new Float64Array(256);
  partnerIntoBest = new Float64Array(256);
  position = new Int32Array(256);
  end = new Int32Array(256);
  private next = new Int32Array(256);
  private readonly firstInBin = new Int32Array(SCORE_BINS);
  private entries = 0;
  /** Highest bin that may hold entries. */
  private top = SCORE_BINS - 1;

  clear(): void {
    this.entries = 0;
    this.top = SCORE_BINS - 1;
    this.firstInBin.fill(-1);
  }

  /**
   * Queues a new entry in the bin of its bound (`scoreBin`) and returns it; the caller then writes
   * its `startIntoPartner` and `partnerIntoBest`. Only integers cross the call: a double argument
   * to a call the compiler does not inline is boxed, and the search queues thousands of entries.
   */
  add(partner: number, position: number, end: number, bin: number): number {
    if (this.entries === this.end.length) this.grow(2 * this.entries);
    const entry = this.entries++;
    this.partner[entry] = partner;
    this.position[entry] = position;
    this.end[entry] = end;
    this.next[entry] = this.firstInBin[bin] as number;
    this.firstInBin[bin] = entry;
    return entry;
  }

  /** The entry of highest bound, or -1 when none is left whose bound `best` admits. */
  pop(best: { admits(bound: number): boolean }): number {
    while (this.top >= 0 && this.firstInBin[this.top] === -1) this.top--;
    if (this.top < 0 || !best.admits(this.top / 10)) return -1; // top / 10 is the very bound
    const entry = this.firstInBin[this.top] as number;
    this.firstInBin[this.top] = this.next[entry] as number;
    return entry;
  }

  private grow(size: number): void {
    this.partner = grownInto(this.partner, new Int32Array(size));
    this.startIntoPartner = grownInto(this.startIntoPartner, new Float64Array(size));
    this.partnerIntoBest = grownInto(this.partnerIntoBest, new Float64Array(size));
    this.position = grownInto(this.position, new Int32Array(size));
    this.end = grownInto(this.end, new Int32Array(size));
    this.next = grownInto(this.next, new Int32Array(size));
  }
}
