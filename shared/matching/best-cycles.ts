/**
 * The best K cycles a proposal search offers (`ProposalSearch`), kept as slots and scores in typed
 * arrays, with a tally by score bin. Scores have one decimal, so the top 50 of a dense listing
 * span a handful of bins and share scores by the dozen: a heap ordered as `compareRanked` spent
 * most of its time breaking ties on ids, for cycles most of which were then pushed out. Here an
 * offer is counted in its bin; the bar is the lowest bin that K cycles still reach, and cycles
 * below it are dropped. Ties are broken once, at the end, among the few cycles left at or above
 * the bar: the result is exactly the first K by `compareRanked`.
 */
import type { RankedCycle } from './cycles';
import { compareRanked } from './cycles';
import type { ListingColumns } from './listing-columns';
import { SCORE_BINS, scoreBin } from './search-queue';
import { grownInto } from './typed-arrays';

/** A cycle that made the best K: its listings' ids and slots in move order from the smallest id, as its key. */
export interface KeptCycle extends RankedCycle {
  listingIds: string[];
  slots: number[];
}

/** The kept cycle of these slots in move order, rotated so that the smallest id comes first (`canonicalRotation`). */
function keptCycle(
  columns: ListingColumns,
  score: number,
  first: number,
  second: number,
  third: number,
): KeptCycle {
  const a = columns.ids[first] as string;
  const b = columns.ids[second] as string;
  if (third < 0) {
    return a < b
      ? { key: `${a}|${b}`, size: 2, score, listingIds: [a, b], slots: [first, second] }
      : { key: `${b}|${a}`, size: 2, score, listingIds: [b, a], slots: [second, first] };
  }
  const c = columns.ids[third] as string;
  // Each still moves into the next: a → b → c → a.
  if (a < b && a < c)
    return {
      key: `${a}|${b}|${c}`,
      size: 3,
      score,
      listingIds: [a, b, c],
      slots: [first, second, third],
    };
  if (b < c)
    return {
      key: `${b}|${c}|${a}`,
      size: 3,
      score,
      listingIds: [b, c, a],
      slots: [second, third, first],
    };
  return {
    key: `${c}|${a}|${b}`,
    size: 3,
    score,
    listingIds: [c, a, b],
    slots: [third, first, second],
  };
}

export class BestCycles {
  private capacity = 0;
  private scores = new Float64Array(256);
  private partners = new Int32Array(256);
  /** The wanter of a 3-cycle, or -1 for a 2-cycle (start ⇄ partner). */
  private wanters = new Int32Array(256);
  private count = 0;
  private readonly bins = new Int32Array(SCORE_BINS);
  /** Offers below this bin cannot rank: at least K kept cycles score above them. */
  private lowestBin = 0;
  private atOrAboveLowest = 0;
  /** `lowestBin` as a score bound, so that `admits` is one comparison. */
  private admitsFrom = Number.NEGATIVE_INFINITY;

  /** Starts over, to keep the best `capacity` cycles. */
  reset(capacity: number): void {
    this.capacity = capacity;
    this.count = 0;
    this.bins.fill(0);
    this.lowestBin = 0;
    this.atOrAboveLowest = 0;
    this.admitsFrom = capacity <= 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /** Could a cycle of this score (or a bound of that value) still rank? Equal scores may win on the tie-break. */
  admits(score: number): boolean {
    return score >= this.admitsFrom;
  }

  /** Offers the cycle start → partner (→ wanter) of this score; `wanter` -1 for a 2-cycle. */
  offer(score: number, partner: number, wanter: number): void {
    if (!this.admits(score)) return;
    const bin = scoreBin(score);
    if (this.count === this.scores.length) this.grow(2 * this.count);
    this.scores[this.count] = score;
    this.partners[this.count] = partner;
    this.wanters[this.count++] = wanter;
    this.bins[bin] = (this.bins[bin] as number) + 1;
    this.atOrAboveLowest++;
    const before = this.lowestBin;
    while (this.atOrAboveLowest - (this.bins[this.lowestBin] as number) >= this.capacity) {
      this.atOrAboveLowest -= this.bins[this.lowestBin] as number;
      this.lowestBin++;
    }
    if (this.lowestBin === before) return;
    // Scores have one decimal: the bin's lower edge (half a step below) admits exactly its scores.
    this.admitsFrom = (this.lowestBin - 0.5) / 10;
    if (this.count > 4 * this.capacity + 64) this.dropBelowBar();
  }

  /** The best K cycles through the listing in slot `start`, best first (`compareRanked`). */
  sorted(columns: ListingColumns, start: number): KeptCycle[] {
    const kept: KeptCycle[] = [];
    for (let i = 0; i < this.count; i++) {
      const score = this.scores[i] as number;
      if (!this.admits(score)) continue;
      kept.push(
        keptCycle(columns, score, start, this.partners[i] as number, this.wanters[i] as number),
      );
    }
    return kept.sort(compareRanked).slice(0, this.capacity);
  }

  private dropBelowBar(): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (!this.admits(this.scores[i] as number)) continue;
      this.scores[kept] = this.scores[i] as number;
      this.partners[kept] = this.partners[i] as number;
      this.wanters[kept++] = this.wanters[i] as number;
    }
    this.count = kept;
  }

  private grow(size: number): void {
    this.scores = grownInto(this.scores, new Float64Array(size));
    this.partners = grownInto(this.partners, new Int32Array(size));
    this.wanters = grownInto(this.wanters, new Int32Array(size));
  }
}
