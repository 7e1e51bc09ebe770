/**
 * Counts the (dwelling, wish) pairs where the dwelling's rent is at most the wish's maximum and its
 * surface at least the wish's minimum — without looking at every pair. A wish that limits only
 * the rent (its minimum is below every surface), or only the surface, is one lookup in the counts
 * by rank (`ValueRanks`); that is most wishes, whose minimum is the occupancy norm. The others are
 * swept by rent rank while a Fenwick tree over surface ranks says how many dwellings seen so far
 * are large enough: O((n + m) log n) for n dwellings and m wishes instead of n × m.
 *
 * Usage: fill `rents`/`surfaces` after `reserveDwellings(n)` and call `setDwellings(n)` once per
 * set of dwellings; then, any number of times, fill `maxRents`/`minSurfaces` after
 * `reserveWishes(m)` and call `count(m)`, or fill `included` and call `count(m, true)` to count a
 * subset of the dwellings (those meeting a class of quartier and needs wishes) without ranking them
 * again. A handful of wishes is cheaper to compare with every dwelling: then nothing is ranked.
 */
import { ValueRanks } from './value-ranks';

/** Up to this many wishes, comparing each with every dwelling beats ranking (measured). */
const FEW_WISHES = 4;

export class DominanceCounter {
  /** 1 for the dwellings a `count(m, true)` includes. */
  included = new Uint8Array(64);
  maxRents = new Float64Array(64);
  minSurfaces = new Float64Array(64);

  private readonly rentRanks = new ValueRanks();
  private readonly surfaceRanks = new ValueRanks();
  private dwellings = 0;
  private ranked = false;
  private rentRankOf = new Int32Array(64);
  private surfaceRankOf = new Int32Array(64);
  /** Included dwellings whose rent (surface) rank is below r, at r. */
  private includedBelowRentRank = new Int32Array(65);
  private includedBelowSurfaceRank = new Int32Array(65);
  // The sweep: dwellings by rent rank, wishes by reach, as linked lists; the tree over surface ranks.
  private dwellingsAtRank = new Int32Array(65);
  private nextDwelling = new Int32Array(64);
  private wishesAtRank = new Int32Array(65);
  private nextWish = new Int32Array(64);
  private minSurfaceRankOf = new Int32Array(64);
  private fenwick = new Int32Array(65);

  get rents(): Float64Array {
    return this.rentRanks.values;
  }

  get surfaces(): Float64Array {
    return this.surfaceRanks.values;
  }

  reserveDwellings(n: number): void {
    this.rentRanks.reserve(n);
    this.surfaceRanks.reserve(n);
    if (n <= this.included.length) return;
    const size = Math.max(n, this.included.length * 2);
    this.included = new Uint8Array(size);
    this.rentRankOf = new Int32Array(size);
    this.surfaceRankOf = new Int32Array(size);
    this.includedBelowRentRank = new Int32Array(size + 1);
    this.includedBelowSurfaceRank = new Int32Array(size + 1);
    this.dwellingsAtRank = new Int32Array(size + 1);
    this.nextDwelling = new Int32Array(size);
    this.wishesAtRank = new Int32Array(size + 1);
    this.fenwick = new Int32Array(size + 1);
  }

  reserveWishes(m: number): void {
    if (m <= this.maxRents.length) return;
    const size = Math.max(m, this.maxRents.length * 2);
    this.maxRents = new Float64Array(size);
    this.minSurfaces = new Float64Array(size);
    this.nextWish = new Int32Array(size);
    this.minSurfaceRankOf = new Int32Array(size);
  }

  /** Takes the n dwellings filled in; they are ranked when a count first needs it. */
  setDwellings(n: number): void {
    this.dwellings = n;
    this.ranked = false;
  }

  /** Σ over the m wishes of the included dwellings with rent ≤ maxRent and surface ≥ minSurface. */
  count(m: number, onlyIncluded = false): number {
    const n = this.dwellings;
    if (n === 0 || m === 0) return 0;
    if (m <= FEW_WISHES) return this.countOneByOne(m, onlyIncluded);
    if (!this.ranked) this.rankDwellings(n);
    if (onlyIncluded) this.tallyIncluded(n);
    this.wishesAtRank.fill(-1, 0, n + 1);
    let total = 0;
    let sweepTo = 0;
    for (let q = 0; q < m; q++) {
      // The dwellings wish q affords are those whose rent rank is below `reach`; those large enough, from `surfaceRank`.
      const reach = this.rentRanks.atMostCount(this.maxRents[q] as number);
      if (reach === 0) continue;
      const surfaceRank = this.surfaceRanks.belowCount(this.minSurfaces[q] as number);
      if (surfaceRank === 0) {
        total += onlyIncluded ? (this.includedBelowRentRank[reach] as number) : reach;
      } else if (reach === n) {
        total += onlyIncluded
          ? (this.includedBelowRentRank[n] as number) -
            (this.includedBelowSurfaceRank[surfaceRank] as number)
          : n - surfaceRank;
      } else {
        this.minSurfaceRankOf[q] = surfaceRank;
        this.nextWish[q] = this.wishesAtRank[reach] as number;
        this.wishesAtRank[reach] = q;
        sweepTo = Math.max(sweepTo, reach);
      }
    }
    return sweepTo === 0 ? total : total + this.sweep(n, sweepTo, onlyIncluded);
  }

  private rankDwellings(n: number): void {
    this.rentRanks.build(n);
    this.surfaceRanks.build(n);
    for (let i = 0; i < n; i++) {
      this.rentRankOf[i] = this.rentRanks.rankOf(i);
      this.surfaceRankOf[i] = this.surfaceRanks.rankOf(i);
    }
    this.ranked = true;
  }

  /** The wishes linked at their reach, answered by inserting dwellings in rent order into the tree. */
  private sweep(n: number, sweepTo: number, onlyIncluded: boolean): number {
    this.dwellingsAtRank.fill(-1, 0, sweepTo);
    this.fenwick.fill(0, 0, n + 1);
    for (let i = 0; i < n; i++) {
      const rank = this.rentRankOf[i] as number;
      if (rank >= sweepTo || (onlyIncluded && this.included[i] === 0)) continue;
      this.nextDwelling[i] = this.dwellingsAtRank[rank] as number;
      this.dwellingsAtRank[rank] = i;
    }
    let total = 0;
    let inserted = 0;
    for (let rank = 0; rank <= sweepTo; rank++) {
      for (let q = this.wishesAtRank[rank] as number; q >= 0; q = this.nextWish[q] as number) {
        total += inserted - this.countSurfaceRanksBelow(this.minSurfaceRankOf[q] as number);
      }
      if (rank === sweepTo) break;
      for (
        let i = this.dwellingsAtRank[rank] as number;
        i >= 0;
        i = this.nextDwelling[i] as number
      ) {
        this.addSurfaceRank(this.surfaceRankOf[i] as number, n + 1);
        inserted++;
      }
    }
    return total;
  }

  private tallyIncluded(n: number): void {
    const byRent = this.includedBelowRentRank;
    const bySurface = this.includedBelowSurfaceRank;
    byRent.fill(0, 0, n + 1);
    bySurface.fill(0, 0, n + 1);
    for (let i = 0; i < n; i++) {
      if (this.included[i] === 0) continue;
      const rentRank = (this.rentRankOf[i] as number) + 1;
      const surfaceRank = (this.surfaceRankOf[i] as number) + 1;
      byRent[rentRank] = (byRent[rentRank] as number) + 1;
      bySurface[surfaceRank] = (bySurface[surfaceRank] as number) + 1;
    }
    for (let r = 0; r < n; r++) {
      byRent[r + 1] = (byRent[r + 1] as number) + (byRent[r] as number);
      bySurface[r + 1] = (bySurface[r + 1] as number) + (bySurface[r] as number);
    }
  }

  private countOneByOne(m: number, onlyIncluded: boolean): number {
    const rents = this.rentRanks.values;
    const surfaces = this.surfaceRanks.values;
    let total = 0;
    for (let q = 0; q < m; q++) {
      const maxRent = this.maxRents[q] as number;
      const minSurface = this.minSurfaces[q] as number;
      for (let i = 0; i < this.dwellings; i++) {
        if (
          (rents[i] as number) <= maxRent &&
          (surfaces[i] as number) >= minSurface &&
          (!onlyIncluded || this.included[i] === 1)
        )
          total++;
      }
    }
    return total;
  }

  private addSurfaceRank(rank: number, size: number): void {
    for (let i = rank + 1; i < size; i += i & -i) this.fenwick[i] = (this.fenwick[i] as number) + 1;
  }

  private countSurfaceRanksBelow(rank: number): number {
    let sum = 0;
    for (let i = rank; i > 0; i -= i & -i) sum += this.fenwick[i] as number;
    return sum;
  }
}
