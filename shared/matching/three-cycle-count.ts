/**
 * Exact number of 3-cycles A → B → C → A through a start listing A, without enumerating them. Such
 * a cycle is one acceptance B → C from a partner B (A accepts B) to a wanter C (C accepts A): the
 * three are distinct and of three owners because every acceptance already excludes the same owner.
 * A dense Saint-Denis listing has hundreds of thousands of them, so they are counted by group:
 *
 * - a partner with quartier or needs wishes accepting few dwellings is counted directly, reading
 *   its acceptance list against the marks of the wanters (cheap on sparse markets);
 * - a partner without quartier or needs wishes whose minimum surface is below every surface of a
 *   bucket of wanters it wishes (most of them: the minimum is the occupancy norm) counts that
 *   bucket at once, from the bucket's counts by rent (`ValueRanks`, tabulated when first needed);
 * - otherwise, per bucket of wanters the partner wishes (its `WishedGroups` run), partners are
 *   pooled with those filtering dwellings the same way (`filterClass`: quartiers and needs) and the
 *   rent × surface conditions of the whole pool are counted at once by a `DominanceCounter`
 *   (wanters of a bucket are ranked once for all its pools; the partners' limits are read from
 *   the columns only then). Pools ignore owners, so the few wanters owned by the partner's owner
 *   (the partner itself, when it is also a 2-way partner) are taken back out one by one.
 *
 * The property tests check these counts against the enumerated cycles and the brute force.
 */
import type { AcceptanceGraph } from './acceptance-graph';
import type { CompiledListing } from './compiled';
import { NO_WISH_FILTERS } from './compiled';
import { DominanceCounter } from './dominance-count';
import type { ListingColumns } from './listing-columns';
import { ValueRanks } from './value-ranks';
import { grownInto } from './typed-arrays';
import type { WantersByBucket } from './wanters-by-bucket';

/** Up to this many accepted dwellings, reading the list beats joining a pool (measured on dense CINOR markets). */
export const DIRECT_COUNT_MAX_ACCEPTED = 8;

/** Is `group` among the groups of the `WishedGroups` run at `at`? */
function isInRun(groupRuns: Int32Array, at: number, group: number): boolean {
  for (let i = 1; i <= (groupRuns[at] as number); i++) if (groupRuns[at + i] === group) return true;
  return false;
}

/** Scratch arrays only grow, so that a query allocates nothing once they fit the largest one seen. */
function fitted(
  old: Int32Array<ArrayBuffer>,
  needed: number,
  keep = false,
): Int32Array<ArrayBuffer> {
  if (needed <= old.length) return old;
  const next = new Int32Array(2 * needed);
  return keep ? grownInto(old, next) : next;
}

/**
 * Used once per query: `begin`, `addPartner` for each partner of the start (while its data is
 * still in cache from the proposal search), then `finish` for the total.
 */
export class ThreeCycleCounter {
  private readonly dominance = new DominanceCounter();
  private graph: AcceptanceGraph | null = null;
  private wanters: WantersByBucket | null = null;
  private total = 0;
  // One query per (pooled partner, bucket of wanters it wishes), sorted into pools at the end.
  private queries = 0;
  private queryGroup = new Int32Array(256);
  private queryClass = new Int32Array(256);
  private queryPartner = new Int32Array(256);
  private poolStart = new Int32Array(64);
  private poolCursor = new Int32Array(64);
  private byPool = new Int32Array(256);
  /** Filter class → dense index (0: no filter), valid when its stamp is `generation`; a listing of each class to filter with. */
  private classStamp = new Int32Array(64);
  private classIndex = new Int32Array(64);
  private generation = 0;
  private readonly classMembers: (CompiledListing | null)[] = [null];
  /** Per group of wanters: counts by rent and the smallest surface, valid when its stamp is `generation`. */
  private readonly rentsByGroup: ValueRanks[] = [];
  private smallestSurface = new Float64Array(16);
  private groupStamp = new Int32Array(16);

  /** `directMaxAccepted` is a tuning knob; tests set it to 0 and ∞ to check both paths. */
  constructor(private readonly directMaxAccepted = DIRECT_COUNT_MAX_ACCEPTED) {}

  /** Starts a count over these wanters; the graph's marks must be the same wanters (`markIncoming`). */
  begin(graph: AcceptanceGraph, wanters: WantersByBucket): void {
    this.graph = graph;
    this.wanters = wanters;
    this.total = 0;
    this.queries = 0;
    this.generation++;
    this.classMembers.length = 1;
  }

  /**
   * Adds the 3-cycles start → partner → wanter → start (slots); the groups of wanters the partner
   * wishes are listed in `groupRuns` at `groupsAt`, their count first (`WishedGroups`).
   */
  addPartner(partner: number, groupRuns: Int32Array, groupsAt: number): void {
    const graph = this.graph as AcceptanceGraph;
    const columns = graph.columns;
    const filtered = columns.filterClass[partner] !== NO_WISH_FILTERS;
    // A partner without filters is counted from rent tables, cheaper than reading even a short list.
    if (filtered && (columns.acceptedCount[partner] as number) <= this.directMaxAccepted) {
      this.total += graph.countMarked(graph.acceptedBy(partner));
      return;
    }
    const wanters = this.wanters as WantersByBucket;
    const maxRent = columns.maxTotalRent[partner] as number;
    const minSurface = columns.minSurface[partner] as number;
    for (let i = 1; i <= (groupRuns[groupsAt] as number); i++) {
      const group = groupRuns[groupsAt + i] as number;
      if (!filtered) {
        const rents = this.rentsOf(group, wanters);
        if (minSurface <= (this.smallestSurface[group] as number)) {
          this.total += rents.atMostCount(maxRent);
          continue;
        }
      }
      this.addQuery(group, this.classOf(partner, columns), partner);
    }
    // Pools ignore owners: take back the wanters of the partner's owner (the partner itself, when 2-way).
    for (
      let j = wanters.firstWithOwner(columns.owner[partner] as number);
      j >= 0;
      j = wanters.nextSameOwner[j] as number
    ) {
      const wanter = wanters.slots[j] as number;
      if (wanter === partner) this.total -= columns.acceptsOwnDwelling[partner] as number;
      else if (
        isInRun(groupRuns, groupsAt, wanters.groupAt[j] as number) &&
        columns.acceptsIgnoringOwner(partner, wanter)
      )
        this.total--;
    }
  }

  /** Counts the partner in the group's pool of its filter class, at `finish`. */
  private addQuery(group: number, filterClass: number, partner: number): void {
    const needed = this.queries + 1;
    this.queryGroup = fitted(this.queryGroup, needed, true);
    this.queryClass = fitted(this.queryClass, needed, true);
    this.queryPartner = fitted(this.queryPartner, needed, true);
    this.queryGroup[this.queries] = group;
    this.queryClass[this.queries] = filterClass;
    this.queryPartner[this.queries++] = partner;
  }

  finish(): number {
    const wanters = this.wanters as WantersByBucket;
    const columns = (this.graph as AcceptanceGraph).columns;
    const classes = this.classMembers.length;
    const pools = wanters.groups * classes;
    const poolStart = (this.poolStart = fitted(this.poolStart, pools + 1));
    const cursor = (this.poolCursor = fitted(this.poolCursor, pools));
    const byPool = (this.byPool = fitted(this.byPool, this.queries));
    // Counting sort of the queries by pool (group, class).
    poolStart.fill(0, 0, pools + 1);
    for (let q = 0; q < this.queries; q++) {
      const pool = (this.queryGroup[q] as number) * classes + (this.queryClass[q] as number);
      poolStart[pool + 1] = (poolStart[pool + 1] as number) + 1;
    }
    for (let p = 0; p < pools; p++)
      poolStart[p + 1] = (poolStart[p + 1] as number) + (poolStart[p] as number);
    cursor.set(poolStart.subarray(0, pools));
    for (let q = 0; q < this.queries; q++) {
      const pool = (this.queryGroup[q] as number) * classes + (this.queryClass[q] as number);
      byPool[cursor[pool] as number] = q;
      cursor[pool] = (cursor[pool] as number) + 1;
    }

    const counter = this.dominance;
    for (let group = 0; group < wanters.groups; group++) {
      if (poolStart[group * classes] === poolStart[(group + 1) * classes]) continue;
      const from = wanters.groupStart[group] as number;
      const n = (wanters.groupStart[group + 1] as number) - from;
      counter.reserveDwellings(n);
      counter.rents.set(wanters.rentAt.subarray(from, from + n));
      counter.surfaces.set(wanters.surfaceAt.subarray(from, from + n));
      counter.setDwellings(n);
      for (let c = 0; c < classes; c++) {
        const first = poolStart[group * classes + c] as number;
        const m = (poolStart[group * classes + c + 1] as number) - first;
        if (m === 0) continue;
        counter.reserveWishes(m);
        for (let i = 0; i < m; i++) {
          const partner = this.queryPartner[byPool[first + i] as number] as number;
          counter.maxRents[i] = columns.maxTotalRent[partner] as number;
          counter.minSurfaces[i] = columns.minSurface[partner] as number;
        }
        const filtersLike = this.classMembers[c];
        if (filtersLike == null) {
          this.total += counter.count(m);
          continue;
        }
        for (let i = 0; i < n; i++)
          counter.included[i] = columns.meetsWishFilters(
            filtersLike,
            wanters.slots[from + i] as number,
          )
            ? 1
            : 0;
        this.total += counter.count(m, true);
      }
    }
    return this.total;
  }

  /** The group's counts by rent, tabulated on first use in this count, with its smallest surface. */
  private rentsOf(group: number, wanters: WantersByBucket): ValueRanks {
    if (group >= this.groupStamp.length) {
      const size = 2 * (group + 1);
      this.groupStamp = fitted(this.groupStamp, size, true);
      this.smallestSurface = grownInto(this.smallestSurface, new Float64Array(size));
    }
    while (this.rentsByGroup.length <= group) this.rentsByGroup.push(new ValueRanks());
    const rents = this.rentsByGroup[group] as ValueRanks;
    if (this.groupStamp[group] === this.generation) return rents;
    const from = wanters.groupStart[group] as number;
    const n = (wanters.groupStart[group + 1] as number) - from;
    rents.reserve(n);
    rents.values.set(wanters.rentAt.subarray(from, from + n));
    rents.build(n);
    let smallest = Number.POSITIVE_INFINITY;
    for (let i = from; i < from + n; i++)
      smallest = Math.min(smallest, wanters.surfaceAt[i] as number);
    this.smallestSurface[group] = smallest;
    this.groupStamp[group] = this.generation;
    return rents;
  }

  /** Dense index of the partner's filter class in this count: 0 without filters, then in order of appearance. */
  private classOf(partner: number, columns: ListingColumns): number {
    const filterClass = columns.filterClass[partner] as number;
    if (filterClass === NO_WISH_FILTERS) return 0;
    if (filterClass >= this.classStamp.length) {
      // Interned ids grow with the market; stamps of new ids start at 0, which no generation uses.
      this.classStamp = fitted(this.classStamp, filterClass + 1, true);
      this.classIndex = fitted(this.classIndex, filterClass + 1, true);
    }
    if (this.classStamp[filterClass] === this.generation)
      return this.classIndex[filterClass] as number;
    const index = this.classMembers.length;
    this.classStamp[filterClass] = this.generation;
    this.classIndex[filterClass] = index;
    this.classMembers.push(columns.listingAt(partner));
    return index;
  }
}
