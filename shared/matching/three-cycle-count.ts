/**
 * Exact number of 3-cycles A → B → C → A through a start listing A, without enumerating them. Such
 * a cycle is one acceptance B → C from a partner B (A accepts B) to a wanter C (C accepts A): the
 * three are distinct and of three owners because every acceptance already excludes the same owner.
 * A dense Saint-Denis listing has hundreds of thousands of them, so they are counted by group:
 *
 * - a partner accepting few dwellings is counted directly, reading its acceptance list against the
 *   marks of the wanters (cheap on sparse markets);
 * - otherwise, per bucket of wanters the partner wishes, partners are pooled with those filtering
 *   dwellings the same way (`filterClass`: quartiers and needs) and the rent × surface conditions
 *   of the whole pool are counted at once by a `DominanceCounter` (wanters of a bucket are ranked
 *   once for all its pools). Pools ignore owners, so the few wanters owned by the partner's owner
 *   (the partner itself, when it is also a 2-way partner) are taken back out one by one.
 *
 * The property tests check these counts against the enumerated cycles and the brute force.
 */
import type { AcceptanceGraph } from './acceptance-graph';
import type { CompiledListing } from './compiled';
import { NO_WISH_FILTERS, meetsWishFilters } from './compiled';
import { DominanceCounter } from './dominance-count';
import type { WantersByBucket } from './wanters-by-bucket';

/** Up to this many accepted dwellings, reading the list beats joining a pool. Measured, not critical. */
export const DIRECT_COUNT_MAX_ACCEPTED = 48;

/** Would `partner` accept `wanter` if only they had different owners? */
function acceptsIgnoringOwner(partner: CompiledListing, wanter: CompiledListing): boolean {
  return (
    partner.wishedKeys.includes(wanter.offeredKey) &&
    wanter.totalRent <= partner.maxTotalRent &&
    wanter.surface >= partner.minSurface &&
    meetsWishFilters(partner, wanter)
  );
}

/**
 * Used once per query: `begin`, `addPartner` for each partner of the start (while its data is
 * still in cache from the proposal search), then `finish` for the total.
 */
export class ThreeCycleCounter {
  private readonly dominance = new DominanceCounter();
  private wanters: WantersByBucket | null = null;
  private total = 0;
  // One query per (pooled partner, bucket of wanters it wishes): flat arrays, sorted into pools at the end.
  private queries = 0;
  private queryGroup = new Int32Array(256);
  private queryClass = new Int32Array(256);
  private queryMaxRent = new Float64Array(256);
  private queryMinSurface = new Float64Array(256);
  /** Filter class → dense index (0: no filter) and a listing of that class to filter with. */
  private readonly classIndex = new Map<number, number>();
  private classMembers: (CompiledListing | null)[] = [null];

  /** `directMaxAccepted` is a tuning knob; tests set it to 0 and ∞ to check both paths. */
  constructor(private readonly directMaxAccepted = DIRECT_COUNT_MAX_ACCEPTED) {}

  /** Starts a count over these wanters; the graph's marks must be the same wanters (`markIncoming`). */
  begin(wanters: WantersByBucket): void {
    this.wanters = wanters;
    this.total = 0;
    this.queries = 0;
    this.classIndex.clear();
    this.classMembers = [null];
  }

  /** Adds the 3-cycles start → partner → wanter → start, given the dwellings the partner accepts. */
  addPartner(partner: CompiledListing, accepted: readonly number[], graph: AcceptanceGraph): void {
    if (accepted.length <= this.directMaxAccepted) {
      this.total += graph.countMarked(accepted);
      return;
    }
    const wanters = this.wanters as WantersByBucket;
    const filterClass = partner.filterClass === NO_WISH_FILTERS ? 0 : this.classOf(partner);
    for (const key of partner.wishedKeys) {
      const group = wanters.groupOf(key);
      if (group < 0) continue;
      this.ensureCapacity(this.queries + 1);
      const q = this.queries++;
      this.queryGroup[q] = group;
      this.queryClass[q] = filterClass;
      this.queryMaxRent[q] = partner.maxTotalRent;
      this.queryMinSurface[q] = partner.minSurface;
    }
    // Pools ignore owners: take back the wanters of the partner's owner (the partner itself, when 2-way).
    for (let j = wanters.firstWithOwner(partner.owner); j >= 0; j = wanters.nextSameOwner[j] as number) {
      if (acceptsIgnoringOwner(partner, wanters.listings[j] as CompiledListing)) this.total--;
    }
  }

  finish(): number {
    const wanters = this.wanters as WantersByBucket;
    const classes = this.classMembers.length;
    // Counting sort of the queries by (group, class): each run of equal keys is one pool.
    const pools = wanters.groups * classes;
    const poolStart = new Int32Array(pools + 1);
    for (let q = 0; q < this.queries; q++) {
      const pool = (this.queryGroup[q] as number) * classes + (this.queryClass[q] as number);
      poolStart[pool + 1] = (poolStart[pool + 1] as number) + 1;
    }
    for (let p = 0; p < pools; p++) poolStart[p + 1] = (poolStart[p + 1] as number) + (poolStart[p] as number);
    const order = new Int32Array(this.queries);
    const cursor = poolStart.slice(0, pools);
    for (let q = 0; q < this.queries; q++) {
      const pool = (this.queryGroup[q] as number) * classes + (this.queryClass[q] as number);
      const at = cursor[pool] as number;
      order[at] = q;
      cursor[pool] = at + 1;
    }

    const counter = this.dominance;
    for (let group = 0; group < wanters.groups; group++) {
      if (poolStart[group * classes] === poolStart[(group + 1) * classes]) continue;
      const from = wanters.groupStart[group] as number;
      const n = (wanters.groupStart[group + 1] as number) - from;
      counter.reserveDwellings(n);
      counter.rents.set(wanters.rentAt.subarray(from, from + n));
      counter.surfaces.set(wanters.surfaceAt.subarray(from, from + n));
      counter.rankDwellings(n);
      for (let c = 0; c < classes; c++) {
        const first = poolStart[group * classes + c] as number;
        const m = (poolStart[group * classes + c + 1] as number) - first;
        if (m === 0) continue;
        counter.reserveWishes(m);
        for (let i = 0; i < m; i++) {
          const q = order[first + i] as number;
          counter.maxRents[i] = this.queryMaxRent[q] as number;
          counter.minSurfaces[i] = this.queryMinSurface[q] as number;
        }
        const filtersLike = this.classMembers[c];
        this.total += filtersLike == null ? counter.count(m) : counter.count(m, (i) => meetsWishFilters(filtersLike, wanters.listings[from + i] as CompiledListing));
      }
    }
    return this.total;
  }

  private classOf(partner: CompiledListing): number {
    let index = this.classIndex.get(partner.filterClass);
    if (index === undefined) {
      index = this.classMembers.length;
      this.classIndex.set(partner.filterClass, index);
      this.classMembers.push(partner);
    }
    return index;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.queryGroup.length) return;
    const size = needed * 2;
    const grow = <T extends Int32Array | Float64Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.queryGroup = grow(this.queryGroup, new Int32Array(size));
    this.queryClass = grow(this.queryClass, new Int32Array(size));
    this.queryMaxRent = grow(this.queryMaxRent, new Float64Array(size));
    this.queryMinSurface = grow(this.queryMinSurface, new Float64Array(size));
  }
}
