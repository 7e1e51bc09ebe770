/**
 * The best K 3-cycles through a start listing A, scoring only the few that can make it. A 3-cycle
 * A → B → C → A scores the mean of three moves; A's move into B is known per partner B, and the
 * wanters C of a bucket sit in a tree whose nodes hold the best dwelling attributes below them
 * (`WanterTrees`). `moveScoreInto` fed with a node's bests bounds B's move into any C below, so each
 * (partner, node) entry has a bound on the best cycle below it, and a child's bound is never above
 * its parent's.
 *
 * Best first: entries wait in a bucket queue by bound (`SearchQueue`); the search takes the entry of
 * highest bound and replaces it by its children (a leaf's few wanters are scored exactly and
 * offered), and stops when the highest bound cannot beat the K-th best kept. Bounds are refined
 * only when needed: a partner enters the queue as one entry under the cheapest bound — its best move into any
 * dwelling it accepts (`ListingColumns.bestAcceptedMove`, kept by the graph) with the best move
 * into the start among the wanters of the buckets it wishes (`WishedGroups`) — and only if that
 * entry comes out is it split into the roots of those buckets' trees. Most partners of a dense
 * listing never leave the queue, and a node whose rents or surfaces the partner cannot accept is
 * not entered at all.
 *
 * On dense CINOR markets it scores a few thousand cycles out of hundreds of thousands; counting
 * all of them is `ThreeCycleCounter`'s job. Pruning uses `BestCycles.admits`, which lets equal scores
 * through, so ties are broken as in the brute force.
 */
import { NO_WISH_FILTERS } from './compiled';
import type { BestCycles } from './best-cycles';
import type { ListingColumns } from './listing-columns';
import { threeWayScore, twoWayScore } from './score';
import { SearchQueue, scoreBin } from './search-queue';
import type { WanterTrees } from './wanter-trees';
import type { WantersByBucket } from './wanters-by-bucket';
import type { WishedGroups } from './wished-groups';

/**
 * `end` of a partner's entry not yet split into trees; its `position` is then its run of
 * `WishedGroups`. Other entries hold a group in `end` and a node of its tree in `position`.
 */
const WHOLE_PARTNER = -1;

export class ProposalSearch {
  private readonly queue = new SearchQueue();
  private trees: WanterTrees | null = null;
  private columns: ListingColumns | null = null;
  private startSlot = -1;
  private wanters: WantersByBucket | null = null;
  private wished: WishedGroups | null = null;
  private best: BestCycles | null = null;

  /** Starts a search for the cycles through the listing in `start`; `wanters` are the listings that accept it. */
  begin(
    columns: ListingColumns,
    start: number,
    wanters: WantersByBucket,
    trees: WanterTrees,
    wished: WishedGroups,
    best: BestCycles,
  ): void {
    this.columns = columns;
    this.trees = trees;
    this.startSlot = start;
    this.wanters = wanters;
    this.wished = wished;
    this.best = best;
    this.queue.clear();
  }

  /**
   * Offers every 2-cycle to `twoWays` (a listing keeps all of them, apart from its best 3-cycles)
   * and returns their number: the wanters the start accepts.
   */
  offerTwoCycles(twoWays: BestCycles): number {
    const columns = this.columns as ListingColumns;
    const wanters = this.wanters as WantersByBucket;
    const best = twoWays;
    const start = this.startSlot;
    const wished = this.wished as WishedGroups;
    const run = wished.runOf(start, columns);
    let count2 = 0;
    for (let i = 1; i <= (wished.groups[run] as number); i++) {
      const group = wished.groups[run + i] as number;
      for (
        let j = wanters.groupStart[group] as number;
        j < (wanters.groupStart[group + 1] as number);
        j++
      ) {
        const wanter = wanters.slots[j] as number;
        if (!columns.acceptsWithinBucket(start, wanter)) continue;
        count2++;
        const startIntoWanter = columns.moveScoreInto(
          start,
          wanters.rentAt[j] as number,
          wanters.surfaceAt[j] as number,
          wanters.featuresAt[j] as number,
          wanters.roomsAt[j] as number,
        );
        best.offer(twoWayScore(startIntoWanter, wanters.intoStart[j] as number), wanter, -1);
      }
    }
    return count2;
  }

  /** A listing the start accepts, with the score of the start's move into it; `run`: its `WishedGroups` run. */
  addPartner(partner: number, startIntoPartner: number, run: number): void {
    const wished = this.wished as WishedGroups;
    if (wished.groups[run] === 0) return;
    const bestMove = (this.columns as ListingColumns).bestAcceptedMove[partner] as number;
    const bound = threeWayScore(startIntoPartner, bestMove, wished.maxIntoStart[run] as number);
    if (!(this.best as BestCycles).admits(bound)) return;
    const entry = this.queue.add(partner, run, WHOLE_PARTNER, scoreBin(bound));
    this.queue.startIntoPartner[entry] = startIntoPartner;
    this.queue.partnerIntoBest[entry] = bestMove;
  }

  /** Offers to `best` every 3-cycle that may rank in it. */
  finish(): void {
    const best = this.best as BestCycles;
    for (let entry = this.queue.pop(best); entry >= 0; entry = this.queue.pop(best)) {
      if (this.queue.end[entry] === WHOLE_PARTNER) this.split(entry, best);
      else this.descend(entry, best);
    }
  }

  /** Replaces a partner's entry by the root of the tree of each group of wanters it wishes. */
  private split(entry: number, best: BestCycles): void {
    const runs = (this.wished as WishedGroups).groups;
    const run = this.queue.position[entry] as number;
    for (let i = 1; i <= (runs[run] as number); i++)
      this.enter(entry, runs[run + i] as number, 1, best);
  }

  /**
   * Offers the cycles of a leaf, or enters the two children of a node. Entries are passed by index,
   * never their scores: a double argument to a call the compiler does not inline is boxed.
   */
  private descend(entry: number, best: BestCycles): void {
    const group = this.queue.end[entry] as number;
    const node = this.queue.position[entry] as number;
    if (node >= ((this.trees as WanterTrees).leaves[group] as number)) {
      this.offerLeaf(entry, group, node, best);
      return;
    }
    this.enter(entry, group, 2 * node, best);
    this.enter(entry, group, 2 * node + 1, best);
  }

  /** Offers each cycle start → partner → wanter of the leaf's wanters that the entry's partner accepts and that may rank. */
  private offerLeaf(entry: number, group: number, leaf: number, best: BestCycles): void {
    const partner = this.queue.partner[entry] as number;
    const startIntoPartner = this.queue.startIntoPartner[entry] as number;
    const trees = this.trees as WanterTrees;
    const wanters = this.wanters as WantersByBucket;
    const columns = this.columns as ListingColumns;
    const maxRent = columns.maxTotalRent[partner] as number;
    const minSurface = columns.minSurface[partner] as number;
    const owner = columns.owner[partner] as number;
    const filtered = columns.filterClass[partner] !== NO_WISH_FILTERS;
    for (
      let j = trees.leafStart(group, leaf, wanters), end = trees.leafEnd(group, leaf, wanters);
      j < end;
      j++
    ) {
      const rent = wanters.rentAt[j] as number;
      const surface = wanters.surfaceAt[j] as number;
      if (rent > maxRent || surface < minSurface || wanters.ownerAt[j] === owner) continue;
      if (
        filtered &&
        !columns.meetsWishFilters(columns.listingAt(partner), wanters.slots[j] as number)
      )
        continue;
      const move = columns.moveScoreInto(
        partner,
        rent,
        surface,
        wanters.featuresAt[j] as number,
        wanters.roomsAt[j] as number,
      );
      const score = threeWayScore(startIntoPartner, move, wanters.intoStart[j] as number);
      best.offer(score, partner, wanters.slots[j] as number);
    }
  }

  /**
   * Queues node `node` of the group's tree for the partner of entry `parent`, unless nothing below
   * it can rank or be accepted; the parent's `partnerIntoBest` bounds the partner's move into any
   * dwelling below the node.
   */
  private enter(parent: number, group: number, node: number, best: BestCycles): void {
    const partner = this.queue.partner[parent] as number;
    const startIntoPartner = this.queue.startIntoPartner[parent] as number;
    const parentIntoBest = this.queue.partnerIntoBest[parent] as number;
    const trees = this.trees as WanterTrees;
    const columns = this.columns as ListingColumns;
    const at = trees.at(group, node);
    const maxIntoStart = trees.maxIntoStart[at] as number;
    if (maxIntoStart === Number.NEGATIVE_INFINITY) return; // an empty leaf, or a node of empty leaves
    // The parent's bound on the partner's move with this node's moves into the start: often enough to stop here.
    if (!best.admits(threeWayScore(startIntoPartner, parentIntoBest, maxIntoStart))) return;
    const minRent = trees.minRent[at] as number;
    const maxSurface = trees.maxSurface[at] as number;
    // Below this node, every rent is at least `minRent` and every surface at most `maxSurface`.
    if (
      minRent > (columns.maxTotalRent[partner] as number) ||
      maxSurface < (columns.minSurface[partner] as number)
    )
      return;
    // Capped by the parent's: bounds must not rise on the way down.
    const intoBest = Math.min(
      parentIntoBest,
      columns.moveScoreInto(
        partner,
        minRent,
        maxSurface,
        trees.features[at] as number,
        trees.minRooms[at] as number,
      ),
    );
    const bound = threeWayScore(startIntoPartner, intoBest, maxIntoStart);
    if (!best.admits(bound)) return;
    const entry = this.queue.add(partner, node, group, scoreBin(bound));
    this.queue.startIntoPartner[entry] = startIntoPartner;
    this.queue.partnerIntoBest[entry] = intoBest;
  }
}
