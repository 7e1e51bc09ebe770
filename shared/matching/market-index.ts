/**
 * In-memory index of the active listings and the cycles between them ("Matches" in docs/design.md).
 * Listings sit in buckets by the commune×typology they OFFER, and in a reverse index by each
 * commune×typology they WANT, so a listing's partners are found without scanning the market.
 * Each listing also keeps the slots of the dwellings it accepts, and its hot fields are copied into
 * slot-indexed columns (`ListingColumns`). A query groups the listings that accept the start
 * (`WantersByBucket`) into trees of score bounds (`WanterTrees`), maps each partner's wishes to
 * those groups (`WishedGroups`), then finds the best K cycles with score bounds (`ProposalSearch`)
 * and counts all 3-cycles without enumerating them (`ThreeCycleCounter`).
 */
import { AcceptanceGraph } from './acceptance-graph';
import { BestCycles, type KeptCycle } from './best-cycles';
import { BestSharedThreeWay } from './best-shared-three-way';
import { CandidateCompactor } from './compact-candidate';
import { Interner, compileListing, type CompiledListing } from './compiled';
import { compareRanked, type CycleRecord } from './cycles';
import { ProposalBuilder } from './explain';
import { ProposalSearch } from './proposal-search';
import { sharedBySlot, type ListingCounts } from './shared-counts';
import { cycleScore, moveScore } from './score';
import { ThreeCycleCounter } from './three-cycle-count';
import { WanterTrees } from './wanter-trees';
import { WantersByBucket } from './wanters-by-bucket';
import { WishedGroups } from './wished-groups';
import type { MatchCandidate, PlaceNames, Proposal, ProposalsResult } from './types';
import { WideningCounter } from './widen';
import type { Widening } from './widen-change';

export type { CycleRecord };

export const DEFAULT_PROPOSALS_PER_LISTING = 50;

export class MatchingIndex {
  private readonly interner = new Interner();
  private readonly compactor = new CandidateCompactor();
  private readonly graph = new AcceptanceGraph();
  // Scratch of the queries, reused so that a query allocates little (the index is single-threaded).
  private readonly wanters = new WantersByBucket();
  private readonly trees = new WanterTrees();
  private readonly wished = new WishedGroups();
  private readonly search = new ProposalSearch();
  private readonly best = new BestCycles();
  private readonly twoWays = new BestCycles();
  private readonly counter: ThreeCycleCounter;
  private readonly sharedThreeWays = new BestSharedThreeWay();
  private readonly proposals: ProposalBuilder;
  private readonly widening: WideningCounter;

  /** `tuning` is for tests and benchmarks only. */
  constructor(names: PlaceNames, tuning: { directCountMaxAccepted?: number } = {}) {
    this.counter = new ThreeCycleCounter(tuning.directCountMaxAccepted);
    this.widening = new WideningCounter(tuning.directCountMaxAccepted);
    this.proposals = new ProposalBuilder(names);
  }

  get size(): number {
    return this.graph.size;
  }

  has(listingId: string): boolean {
    return this.graph.slotOf(listingId) !== undefined;
  }

  /** Adds a listing, or replaces it when its id is already indexed (a changed listing). */
  upsert(candidate: MatchCandidate): void {
    this.remove(candidate.id);
    this.graph.add(compileListing(this.compactor.compact(candidate), this.interner));
  }

  /**
   * Fills an empty index with listings of distinct ids at once (a cold start): the same index as
   * `upsert` of each, built in a fraction of the time and garbage (`AcceptanceGraph.addAll`).
   */
  addAll(candidates: Iterable<MatchCandidate>): void {
    const compiled: CompiledListing[] = [];
    for (const candidate of candidates)
      compiled.push(compileListing(this.compactor.compact(candidate), this.interner));
    this.graph.addAll(compiled);
  }

  remove(listingId: string): boolean {
    return this.graph.remove(listingId);
  }

  /** "Qui veut mon logement ?": how many listings would accept this listing's dwelling. */
  wantersCount(listingId: string): number {
    return this.graph.markIncoming(this.slot(listingId)).count;
  }

  /**
   * A listing's own proposals: every 2-way cycle through it and its best `k` 3-way cycles (a 3-way
   * ranks below a 2-way of equal appeal, `THREE_WAY_PENALTY`), best first, with the counts of all.
   */
  proposalsFor(listingId: string, options: { k?: number } = {}): ProposalsResult {
    const startSlot = this.slot(listingId);
    const { kept, count2, count3 } = this.searchOwnBest(
      startSlot,
      options.k ?? DEFAULT_PROPOSALS_PER_LISTING,
      true,
    );
    const columns = this.graph.columns;
    return { proposals: kept.map((cycle) => this.proposals.build(cycle, columns)), count2, count3 };
  }

  /** The cycles of `proposalsFor`, without explanations nor counts: what the proposal upkeep compares. */
  ownBest(listingId: string, k: number = DEFAULT_PROPOSALS_PER_LISTING): KeptCycle[] {
    return this.searchOwnBest(this.slot(listingId), k, false).kept;
  }

  /** "37 échanges directs, 2 140 à trois, 12 foyers intéressés", without searching the best. */
  countsFor(listingId: string): { count2: number; count3: number; wanters: number } {
    const startSlot = this.slot(listingId);
    const columns = this.graph.columns;
    const intoStart = this.graph.markIncoming(startSlot);
    let count2 = 0;
    for (const partner of this.graph.acceptedBy(startSlot)) if (intoStart.has(partner)) count2++;
    this.wanters.build(intoStart, columns);
    this.trees.build(this.wanters);
    this.wished.begin(this.wanters, this.trees);
    this.counter.begin(this.graph, this.wanters);
    for (const partner of this.graph.acceptedBy(startSlot))
      this.counter.addPartner(partner, this.wished.groups, this.wished.runOf(partner, columns));
    return { count2, count3: this.counter.finish(), wanters: intoStart.count };
  }

  /** "Ce qui élargirait vos propositions": each single change of the wishes adding cycles, best first (`widen.ts`). */
  widenFor(listingId: string): Widening[] {
    return this.widening.count(this.graph, this.slot(listingId));
  }

  /** What this listing shares with each of its neighbours (`sharedBySlot`), by listing id: how a change of it moves their counts. */
  sharedCounts(listingId: string): Map<string, ListingCounts> {
    const shared = new Map<string, ListingCounts>();
    for (const [slot, counts] of sharedBySlot(this.graph, this.slot(listingId)))
      shared.set(this.graph.listingAt(slot).id, counts);
    return shared;
  }

  /** The proposal, explained, of a cycle given by its listings in move order from the smallest id. */
  proposalOf(cycle: CycleRecord): Proposal {
    const slots = cycle.listingIds.map((id) => this.slot(id));
    return this.proposals.build({ ...cycle, slots }, this.graph.columns);
  }

  /** The listings this one accepts or that accept it: the only ones whose cycles and counts it can change. */
  neighboursOf(listingId: string): string[] {
    const slot = this.slot(listingId);
    const found = new Set<number>(this.graph.acceptedBy(slot));
    const intoStart = this.graph.markIncoming(slot);
    for (let i = 0; i < intoStart.count; i++) found.add(intoStart.slots[i] as number);
    return [...found].map((s) => this.graph.listingAt(s).id);
  }

  /**
   * For each listing sharing a 3-way cycle with this one, the best-ranked such cycle
   * (`compareRanked`): whether it enters that listing's own best says whether its proposals change.
   */
  bestThreeWayWithEach(listingId: string): Map<string, CycleRecord> {
    return this.sharedThreeWays.of(this.graph, this.slot(listingId));
  }

  /** Every 2-way cycle through the start and its best `k` 3-way cycles, best first; counts only when asked. */
  private searchOwnBest(
    startSlot: number,
    k: number,
    withCounts: boolean,
  ): { kept: KeptCycle[]; count2: number; count3: number } {
    const columns = this.graph.columns;
    const intoStart = this.graph.markIncoming(startSlot);
    this.wanters.build(intoStart, columns);
    const partners = this.graph.acceptedBy(startSlot);
    const best = this.best;
    best.reset(k);
    this.twoWays.reset(Number.MAX_SAFE_INTEGER);
    this.trees.build(this.wanters);
    this.wished.begin(this.wanters, this.trees);
    this.search.begin(columns, startSlot, this.wanters, this.trees, this.wished, best);
    if (withCounts) this.counter.begin(this.graph, this.wanters);
    const count2 = this.search.offerTwoCycles(this.twoWays);
    const startIntoPartners = this.graph.outgoingMoves(startSlot);
    // One pass over the partners feeds both, while each partner's data is in cache.
    for (let p = 0; p < partners.length; p++) {
      const slot = partners[p] as number;
      const run = this.wished.runOf(slot, columns);
      this.search.addPartner(slot, startIntoPartners[p] as number, run);
      if (withCounts) this.counter.addPartner(slot, this.wished.groups, run);
    }
    this.search.finish();
    const count3 = withCounts ? this.counter.finish() : 0;
    const kept = [
      ...this.twoWays.sorted(columns, startSlot),
      ...best.sorted(columns, startSlot),
    ].sort(compareRanked);
    return { kept, count2, count3 };
  }

  /** Counts of every cycle of the market (each cycle once), without scoring them. */
  countAll(): { count2: number; count3: number } {
    let count2 = 0;
    let count3 = 0;
    const columns = this.graph.columns;
    for (const slot of this.graph.slots()) {
      const intoStart = this.graph.markIncoming(slot);
      const partners = this.graph.acceptedBy(slot);
      this.wanters.build(intoStart, columns);
      this.trees.build(this.wanters);
      this.wished.begin(this.wanters, this.trees);
      this.counter.begin(this.graph, this.wanters);
      for (const b of partners) {
        if (intoStart.has(b)) count2++;
        const run = this.wished.runOf(b, columns);
        this.counter.addPartner(b, this.wished.groups, run);
      }
      count3 += this.counter.finish();
    }
    // Each 2-cycle was met from both ends, each 3-cycle from its three members.
    return { count2: count2 / 2, count3: count3 / 3 };
  }

  /** Every cycle of the market exactly once (walked from its smallest id), scored: for the optimiser and tests. */
  enumerateAll(visit: (cycle: CycleRecord) => void): void {
    for (const slot of this.graph.slots()) {
      const start = this.graph.listingAt(slot);
      const intoStart = this.graph.markIncoming(slot);
      for (const bSlot of this.graph.acceptedBy(slot)) {
        const b = this.graph.listingAt(bSlot);
        if (b.id < start.id) continue;
        const startIntoB = moveScore(start, b);
        const bIntoStart = intoStart.get(bSlot);
        if (bIntoStart !== undefined) {
          visit({
            key: `${start.id}|${b.id}`,
            size: 2,
            score: cycleScore([startIntoB, bIntoStart]),
            listingIds: [start.id, b.id],
          });
        }
        for (const cSlot of this.graph.acceptedBy(bSlot)) {
          const cIntoStart = intoStart.get(cSlot);
          const c = this.graph.listingAt(cSlot);
          if (cIntoStart === undefined || c.id < start.id) continue;
          const listingIds = [start.id, b.id, c.id];
          visit({
            key: listingIds.join('|'),
            size: 3,
            score: cycleScore([startIntoB, moveScore(b, c), cIntoStart]),
            listingIds,
          });
        }
      }
    }
  }

  private slot(listingId: string): number {
    const slot = this.graph.slotOf(listingId);
    if (slot === undefined)
      throw new RangeError(`Listing ${listingId} is not in the matching index`);
    return slot;
  }
}
