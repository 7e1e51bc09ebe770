/**
 * Counts the (dwelling, wish) pairs where the dwelling's rent is at most the wish's maximum and its
 * surface at least the wish's minimum — without looking at every pair. Dwellings and wishes are
 * swept by rent rank while a Fenwick tree over surface ranks says how many dwellings seen so far
 * are large enough: O((n + m) log n) for n dwellings and m wishes instead of n × m. This is what
 * makes exact 3-cycle counts cheap on dense markets.
 *
 * Usage: fill `rents`/`surfaces` after `reserveDwellings(n)` and call `rankDwellings(n)` once per
 * set of dwellings; then, any number of times, fill `maxRents`/`minSurfaces` after
 * `reserveWishes(m)` and call `count(m, included)` — `included` picks a subset of the dwellings
 * (those meeting a class of quartier and needs wishes) without sorting them again.
 */

function lowerBound(sorted: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class DominanceCounter {
  rents = new Float64Array(64);
  surfaces = new Float64Array(64);
  maxRents = new Float64Array(64);
  minSurfaces = new Float64Array(64);

  private dwellings = 0;
  private sortedRents = new Float64Array(64);
  private sortedSurfaces = new Float64Array(64);
  private rentRankOf = new Int32Array(64);
  private surfaceRankOf = new Int32Array(64);
  /** Linked lists by rent rank: dwellings whose rent ranks r, wishes that afford ranks below r. */
  private dwellingsAtRank = new Int32Array(65);
  private nextDwelling = new Int32Array(64);
  private wishesAtRank = new Int32Array(65);
  private nextWish = new Int32Array(64);
  private minSurfaceRankOf = new Int32Array(64);
  private fenwick = new Int32Array(65);

  reserveDwellings(n: number): void {
    if (n <= this.rents.length) return;
    const size = Math.max(n, this.rents.length * 2);
    this.rents = new Float64Array(size);
    this.surfaces = new Float64Array(size);
    this.sortedRents = new Float64Array(size);
    this.sortedSurfaces = new Float64Array(size);
    this.rentRankOf = new Int32Array(size);
    this.surfaceRankOf = new Int32Array(size);
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

  /** Ranks the n dwellings filled in; equal values share the rank of their first occurrence. */
  rankDwellings(n: number): void {
    this.dwellings = n;
    const sortedRents = this.sortedRents.subarray(0, n);
    sortedRents.set(this.rents.subarray(0, n));
    sortedRents.sort();
    const sortedSurfaces = this.sortedSurfaces.subarray(0, n);
    sortedSurfaces.set(this.surfaces.subarray(0, n));
    sortedSurfaces.sort();
    for (let i = 0; i < n; i++) {
      this.rentRankOf[i] = lowerBound(this.sortedRents, n, this.rents[i] as number);
      this.surfaceRankOf[i] = lowerBound(this.sortedSurfaces, n, this.surfaces[i] as number);
    }
  }

  /** Σ over the m wishes of the included dwellings with rent ≤ maxRent and surface ≥ minSurface. */
  count(m: number, included: (dwelling: number) => boolean = () => true): number {
    const n = this.dwellings;
    if (n === 0 || m === 0) return 0;
    this.dwellingsAtRank.fill(-1, 0, n + 1);
    this.wishesAtRank.fill(-1, 0, n + 1);
    this.fenwick.fill(0, 0, n + 1);
    for (let i = 0; i < n; i++) {
      if (!included(i)) continue;
      const rank = this.rentRankOf[i] as number;
      this.nextDwelling[i] = this.dwellingsAtRank[rank] as number;
      this.dwellingsAtRank[rank] = i;
    }
    for (let q = 0; q < m; q++) {
      // The dwellings wish q affords are exactly those whose rent rank is below `reach`.
      const maxRent = this.maxRents[q] as number;
      const reach = maxRent === Number.POSITIVE_INFINITY ? n : upperBound(this.sortedRents, n, maxRent);
      if (reach === 0) continue;
      this.minSurfaceRankOf[q] = lowerBound(this.sortedSurfaces, n, this.minSurfaces[q] as number);
      this.nextWish[q] = this.wishesAtRank[reach] as number;
      this.wishesAtRank[reach] = q;
    }
    let total = 0;
    let inserted = 0;
    for (let rank = 0; rank <= n; rank++) {
      for (let q = this.wishesAtRank[rank] as number; q >= 0; q = this.nextWish[q] as number) {
        total += inserted - this.countSurfaceRanksBelow(this.minSurfaceRankOf[q] as number);
      }
      for (let i = this.dwellingsAtRank[rank] as number; i >= 0; i = this.nextDwelling[i] as number) {
        this.addSurfaceRank(this.surfaceRankOf[i] as number, n + 1);
        inserted++;
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
