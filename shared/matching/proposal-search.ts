/**
 * The best K cycles through a start listing A, scoring only the few that can make it. A 3-cycle
 * A → B → C → A scores the mean of three moves; A's move into B is known per partner B, and the
 * wanters C of a bucket are sorted by their move into A with the best dwelling attributes ahead
 * of each position (`WantersByBucket`). `moveScoreInto` fed with those attributes bounds B's move
 * into any C still ahead, so each (partner, bucket) pair has a bound on the best cycle it has left,
 * which only falls as the pair advances.
 *
 * Best first: pairs wait in a bucket queue by that bound (one bin per one-decimal score, so push
 * and pop cost O(1)); the search takes a pair from the highest bin, looks at its next wanter and
 * puts it back at its new bound. It stops when the highest bound cannot beat the K-th best kept.
 * On dense CINOR markets it scores a few thousand cycles out of hundreds of thousands; counting
 * all of them is `ThreeCycleCounter`'s job. Pruning uses `TopK.admits`, which lets equal scores
 * through, so ties are broken by `compareRanked` exactly as in the brute force.
 */
import type { CompiledListing } from './compiled';
import { NO_WISH_FILTERS, meetsWishFilters } from './compiled';
import type { RankedCycle } from './cycles';
import { cycleKey } from './cycles';
import { moveScore, moveScoreInto, threeWayScore, twoWayScore } from './score';
import type { TopK } from './top-k';
import type { WantersByBucket } from './wanters-by-bucket';

export interface FoundCycle extends RankedCycle {
  cycle: CompiledListing[];
}

/** Cycle scores have one decimal between 0 and 100: bin = score × 10. */
const SCORE_BINS = 1001;

export class ProposalSearch {
  // One entry per (partner, bucket of wanters) pair: where it stands and its cached bound parts.
  private pairPartner: CompiledListing[] = [];
  private pairStartIntoPartner = new Float64Array(256);
  /** Bound of the partner's move into the wanters ahead; recomputed only where their attributes change. */
  private pairPartnerIntoBest = new Float64Array(256);
  private pairPosition = new Int32Array(256);
  // The partner's acceptance limits, copied so the walk reads the wanter side from typed arrays only.
  private pairOwner = new Int32Array(256);
  private pairMaxRent = new Float64Array(256);
  private pairMinSurface = new Float64Array(256);
  private pairHasWishFilters = new Uint8Array(256);
  private pairEnd = new Int32Array(256);
  private nextInBin = new Int32Array(256);
  private readonly firstInBin = new Int32Array(SCORE_BINS);

  private start: CompiledListing | null = null;
  private wanters: WantersByBucket | null = null;
  private best: TopK<FoundCycle> | null = null;
  private pairs = 0;
  private count2 = 0;

  /** Starts a search for the cycles through `start`; `wanters` are the listings that accept it. */
  begin(start: CompiledListing, wanters: WantersByBucket, best: TopK<FoundCycle>): void {
    this.start = start;
    this.wanters = wanters;
    this.best = best;
    this.pairs = 0;
    this.count2 = 0;
    this.firstInBin.fill(-1);
  }

  /** A listing `start` accepts; `partnerIntoStart` is its move's score when it accepts `start` too. */
  addPartner(partner: CompiledListing, partnerIntoStart: number | undefined): void {
    const start = this.start as CompiledListing;
    const wanters = this.wanters as WantersByBucket;
    const best = this.best as TopK<FoundCycle>;
    const startIntoPartner = moveScore(start, partner);
    if (partnerIntoStart !== undefined) {
      this.count2++;
      const score = twoWayScore(startIntoPartner, partnerIntoStart);
      if (best.admits(score)) best.offer({ key: cycleKey([start.id, partner.id]), size: 2, score, cycle: [start, partner] });
    }
    for (const key of partner.wishedKeys) {
      const group = wanters.groupOf(key);
      if (group < 0) continue;
      const pair = this.pairs++;
      this.ensureCapacity(pair + 1);
      this.pairPartner[pair] = partner;
      this.pairStartIntoPartner[pair] = startIntoPartner;
      this.pairOwner[pair] = partner.owner;
      this.pairMaxRent[pair] = partner.maxTotalRent;
      this.pairMinSurface[pair] = partner.minSurface;
      this.pairHasWishFilters[pair] = partner.filterClass === NO_WISH_FILTERS ? 0 : 1;
      this.pairPosition[pair] = wanters.groupStart[group] as number;
      this.pairEnd[pair] = wanters.groupStart[group + 1] as number;
      this.queue(pair, wanters, best);
    }
  }

  /** Offers to `best` every 3-cycle that may rank in it; returns the number of 2-cycles. */
  finish(): number {
    const start = this.start as CompiledListing;
    const wanters = this.wanters as WantersByBucket;
    const best = this.best as TopK<FoundCycle>;
    for (let bin = SCORE_BINS - 1; bin >= 0; ) {
      const pair = this.firstInBin[bin] as number;
      if (pair === -1) {
        bin--;
        continue;
      }
      if (!best.admits(bin / 10)) break; // bin / 10 is the very bound, and every other pair's is lower
      this.firstInBin[bin] = this.nextInBin[pair] as number;
      this.offerNextWanter(start, pair, wanters, best);
      const next = (this.pairPosition[pair] as number) + 1;
      this.pairPosition[pair] = next;
      if (next < (this.pairEnd[pair] as number)) this.queue(pair, wanters, best);
    }
    this.start = null;
    this.best = null;
    return this.count2;
  }

  /** Puts a pair in the bin of its bound at its current position, unless the bound cannot make it. */
  private queue(pair: number, wanters: WantersByBucket, best: TopK<FoundCycle>): void {
    const position = this.pairPosition[pair] as number;
    if (wanters.dwellingBoundChangesAt[position] === 1) {
      const partner = this.pairPartner[pair] as CompiledListing;
      this.pairPartnerIntoBest[pair] = moveScoreInto(
        partner,
        wanters.minRentFrom[position] as number,
        wanters.maxSurfaceFrom[position] as number,
        wanters.featuresFrom[position] as number,
        wanters.minRoomsFrom[position] as number,
      );
    }
    const bound = threeWayScore(this.pairStartIntoPartner[pair] as number, this.pairPartnerIntoBest[pair] as number, wanters.maxIntoStartFrom[position] as number);
    if (!best.admits(bound)) return;
    const bin = Math.round(bound * 10);
    this.nextInBin[pair] = this.firstInBin[bin] as number;
    this.firstInBin[bin] = pair;
  }

  private offerNextWanter(start: CompiledListing, pair: number, wanters: WantersByBucket, best: TopK<FoundCycle>): void {
    const j = this.pairPosition[pair] as number;
    // `acceptsWithinBucket` on the copied values; the objects are read only for quartiers and needs.
    const accepted =
      this.pairOwner[pair] !== wanters.ownerAt[j] &&
      (wanters.rentAt[j] as number) <= (this.pairMaxRent[pair] as number) &&
      (wanters.surfaceAt[j] as number) >= (this.pairMinSurface[pair] as number) &&
      (this.pairHasWishFilters[pair] === 0 || meetsWishFilters(this.pairPartner[pair] as CompiledListing, wanters.listings[j] as CompiledListing));
    if (!accepted) return;
    const partner = this.pairPartner[pair] as CompiledListing;
    const partnerIntoWanter = moveScoreInto(partner, wanters.rentAt[j] as number, wanters.surfaceAt[j] as number, wanters.featuresAt[j] as number, wanters.roomsAt[j] as number);
    const score = threeWayScore(this.pairStartIntoPartner[pair] as number, partnerIntoWanter, wanters.intoStart[j] as number);
    if (best.admits(score)) {
      const wanter = wanters.listings[j] as CompiledListing;
      best.offer({ key: cycleKey([start.id, partner.id, wanter.id]), size: 3, score, cycle: [start, partner, wanter] });
    }
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.pairEnd.length) return;
    const size = needed * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.pairStartIntoPartner = grow(this.pairStartIntoPartner, new Float64Array(size));
    this.pairPartnerIntoBest = grow(this.pairPartnerIntoBest, new Float64Array(size));
    this.pairPosition = grow(this.pairPosition, new Int32Array(size));
    this.pairOwner = grow(this.pairOwner, new Int32Array(size));
    this.pairMaxRent = grow(this.pairMaxRent, new Float64Array(size));
    this.pairMinSurface = grow(this.pairMinSurface, new Float64Array(size));
    this.pairHasWishFilters = grow(this.pairHasWishFilters, new Uint8Array(size));
    this.pairEnd = grow(this.pairEnd, new Int32Array(size));
    this.nextInBin = grow(this.nextInBin, new Int32Array(size));
  }
}
