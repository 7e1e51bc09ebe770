/**
 * In-memory index of the active listings and the cycles between them ("Matches" in DESIGN.md).
 * Listings sit in buckets by the commune×typology they OFFER, and in a reverse index by each
 * commune×typology they WANT, so a listing's partners are found without scanning the market.
 * Each listing also keeps the slots of the dwellings it accepts (`accepted`), so 3-cycles are
 * counted with array reads instead of rule checks.
 */
import { AcceptanceGraph } from './acceptance-graph';
import type { CompiledListing } from './compiled';
import { Interner, compileListing } from './compiled';
import type { RankedCycle } from './cycles';
import { cycleKey } from './cycles';
import { buildProposal } from './explain';
import { cycleScore, moveScore, roundScore } from './score';
import { TopK } from './top-k';
import type { MatchCandidate, PlaceNames, ProposalsResult } from './types';

export const DEFAULT_PROPOSALS_PER_LISTING = 50;

/** One cycle, listingIds in move order starting with the smallest id. */
export interface CycleRecord extends RankedCycle {
  listingIds: string[];
}

type Found = RankedCycle & { cycle: CompiledListing[] };

export class MatchingIndex {
  private readonly interner = new Interner();
  private readonly graph = new AcceptanceGraph();

  constructor(private readonly names: PlaceNames) {}

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
    return this.graph.incoming(this.graph.listingAt(this.slot(listingId))).length;
  }

  /** The best `k` cycles through a listing (2-way preferred at equal score) and the counts of all of them. */
  proposalsFor(listingId: string, options: { k?: number } = {}): ProposalsResult {
    const startSlot = this.slot(listingId);
    const start = this.graph.listingAt(startSlot);
    const best = new TopK<Found>(options.k ?? DEFAULT_PROPOSALS_PER_LISTING);
    const intoStart = this.graph.markIncoming(start, (c) => moveScore(c, start));
    let bestIntoStart = 0;
    for (const [, score] of intoStart.entries()) bestIntoStart = Math.max(bestIntoStart, score);

    // Partners in order of the best cycle they could make, so the search stops early; counting
    // goes on with array reads only.
    const partners = this.graph.acceptedBy(startSlot).map((slot) => {
      const b = this.graph.listingAt(slot);
      const startIntoB = moveScore(start, b);
      return { slot, b, startIntoB, bound: startIntoB + b.maxMoveScore };
    });
    partners.sort((x, y) => y.bound - x.bound);

    let count2 = 0;
    let count3 = 0;
    for (const { slot, b, startIntoB, bound } of partners) {
      const bIntoStart = intoStart.get(slot);
      if (bIntoStart !== undefined) {
        count2++;
        const score = cycleScore([startIntoB, bIntoStart]);
        if (best.admits(score)) best.offer({ key: cycleKey([start.id, b.id]), size: 2, score, cycle: [start, b] });
      }
      const accepted = this.graph.acceptedBy(slot);
      if (!best.admits(roundScore((bound + bestIntoStart) / 3))) {
        count3 += this.graph.countMarked(accepted);
        continue;
      }
      for (let i = 0; i < accepted.length; i++) {
        const cSlot = accepted[i] as number;
        if (!intoStart.has(cSlot)) continue;
        count3++;
        const cIntoStart = intoStart.scoreAt(cSlot);
        if (!best.admits(roundScore((bound + cIntoStart) / 3))) continue;
        const c = this.graph.listingAt(cSlot);
        const score = cycleScore([startIntoB, moveScore(b, c), cIntoStart]);
        if (best.admits(score)) best.offer({ key: cycleKey([start.id, b.id, c.id]), size: 3, score, cycle: [start, b, c] });
      }
    }
    const proposals = best.sorted().map((found) => buildProposal(found.cycle, found.score, this.names));
    return { proposals, count2, count3 };
  }

  /** Counts of every cycle of the market (each cycle once), without scoring them. */
  countAll(): { count2: number; count3: number } {
    let count2 = 0;
    let count3 = 0;
    for (const slot of this.graph.slots()) {
      const start = this.graph.listingAt(slot);
      const intoStart = this.graph.markIncoming(start, () => 0);
      for (const b of this.graph.acceptedBy(slot)) {
        if (intoStart.has(b)) count2++;
        count3 += this.graph.countMarked(this.graph.acceptedBy(b));
      }
    }
    // Each 2-cycle was met from both ends, each 3-cycle from its three members.
    return { count2: count2 / 2, count3: count3 / 3 };
  }

  /** Every cycle of the market exactly once (walked from its smallest id), scored: for the optimiser and tests. */
  enumerateAll(visit: (cycle: CycleRecord) => void): void {
    for (const slot of this.graph.slots()) {
      const start = this.graph.listingAt(slot);
      const intoStart = this.graph.markIncoming(start, (c) => moveScore(c, start));
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
