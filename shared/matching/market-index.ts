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
import { BestCycles } from './best-cycles';
import { Interner, compileListing } from './compiled';
import type { RankedCycle } from './cycles';
import { ProposalBuilder } from './explain';
import { ProposalSearch } from './proposal-search';
import { cycleScore, moveScore } from './score';
import { ThreeCycleCounter } from './three-cycle-count';
import { WanterTrees } from './wanter-trees';
import { WantersByBucket } from './wanters-by-bucket';
import { WishedGroups } from './wished-groups';
import type { MatchCandidate, PlaceNames, ProposalsResult } from './types';

export const DEFAULT_PROPOSALS_PER_LISTING = 50;

/** One cycle, listingIds in move order starting with the smallest id. */
export interface CycleRecord extends RankedCycle {
  listingIds: string[];
}

export class MatchingIndex {
  private readonly interner = new Interner();
  private readonly graph = new AcceptanceGraph();
  // Scratch of the queries, reused so that a query allocates little (the index is single-threaded).
  private readonly wanters = new WantersByBucket();
  private readonly trees = new WanterTrees();
  private readonly wished = new WishedGroups();
  private readonly search = new ProposalSearch();
  private readonly best = new BestCycles();
  private readonly counter: ThreeCycleCounter;
  private readonly proposals: ProposalBuilder;

  /** `tuning` is for tests and benchmarks only. */
  constructor(
    names: PlaceNames,
    tuning: { directCountMaxAccepted?: number } = {},
  ) {
    this.counter = new ThreeCycleCounter(tuning.directCountMaxAccepted);
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
    this.graph.add(compileListing(candidate, this.interner));
  }

  remove(listingId: string): boolean {
    return this.graph.remove(listingId);
  }

  /** "Qui veut mon logement ?": how many listings would accept this listing's dwelling. */
  wantersCount(listingId: string): number {
    return this.graph.markIncoming(this.slot(listingId)).count;
  }

  /** The best `k` cycles through a listing (2-way preferred at equal score) and the counts of all of them. */
  proposalsFor(listingId: string, options: { k?: number } = {}): ProposalsResult {
    const startSlot = this.slot(listingId);
    const columns = this.graph.columns;
    const intoStart = this.graph.markIncoming(startSlot);
    this.wanters.build(intoStart, columns);
    const partners = this.graph.acceptedBy(startSlot);
    const best = this.best;
    best.reset(options.k ?? DEFAULT_PROPOSALS_PER_LISTING);
    this.trees.build(this.wanters);
    this.wished.begin(this.wanters, this.trees);
    this.search.begin(columns, startSlot, this.wanters, this.trees, this.wished, best);
    this.counter.begin(this.graph, this.wanters);
    const count2 = this.search.offerTwoCycles();
    const startIntoPartners = this.graph.outgoingMoves(startSlot);
    // One pass over the partners feeds both, while each partner's data is in cache.
    for (let p = 0; p < partners.length; p++) {
      const slot = partners[p] as number;
      const run = this.wished.runOf(slot, columns);
      this.search.addPartner(slot, startIntoPartners[p] as number, run);
      this.counter.addPartner(slot, this.wished.groups, run);
    }
    this.search.finish();
    const count3 = this.counter.finish();
    const proposals = best.sorted(columns, startSlot).map((cycle) => this.proposals.build(cycle, columns));
    return { proposals, count2, count3 };
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
          visit({ key: `${start.id}|${b.id}`, size: 2, score: cycleScore([startIntoB, bIntoStart]), listingIds: [start.id, b.id] });
        }
        for (const cSlot of this.graph.acceptedBy(bSlot)) {
          const cIntoStart = intoStart.get(cSlot);
          const c = this.graph.listingAt(cSlot);
          if (cIntoStart === undefined || c.id < start.id) continue;
          const listingIds = [start.id, b.id, c.id];
          visit({ key: listingIds.join('|'), size: 3, score: cycleScore([startIntoB, moveScore(b, c), cIntoStart]), listingIds });
        }
      }
    }
  }

  private slot(listingId: string): number {
    const slot = this.graph.slotOf(listingId);
    if (slot === undefined) throw new RangeError(`Listing ${listingId} is not in the matching index`);
    return slot;
  }
}
