/**
 * The counts a listing shows ("37 échanges directs, 2 140 à trois, 12 foyers intéressés") kept by
 * difference. The change of a listing X adds or removes exactly the cycles through X, and X is a
 * wanter of exactly the dwellings it accepts: so a neighbour's counts move by what it shares with
 * X after the change minus what it shared before. One walk over X's partners and theirs gives
 * what X shares with everyone, where recounting each neighbour would walk each one's market.
 */
import type { AcceptanceGraph } from './acceptance-graph';

export interface ListingCounts {
  count2: number;
  count3: number;
  wanters: number;
}

/** What one listing shares with each neighbour, by slot: cycles through both, and 1 in `wanters` when it accepts the neighbour's dwelling. */
export function sharedBySlot(
  graph: AcceptanceGraph,
  startSlot: number,
): Map<number, ListingCounts> {
  const shared = new Map<number, ListingCounts>();
  const of = (slot: number): ListingCounts => {
    let counts = shared.get(slot);
    if (counts === undefined) shared.set(slot, (counts = { count2: 0, count3: 0, wanters: 0 }));
    return counts;
  };
  const partners = graph.acceptedBy(startSlot);
  // The partners' lists are walked while the marks hold who accepts the start.
  const intoStart = graph.markIncoming(startSlot);
  for (let i = 0; i < intoStart.count; i++) of(intoStart.slots[i] as number);
  const stamps = intoStart.stamps;
  const generation = intoStart.generation;
  for (let p = 0; p < partners.length; p++) {
    const b = partners[p] as number;
    const atB = of(b);
    atB.wanters = 1;
    if (stamps[b] === generation) atB.count2 = 1;
    const next = graph.acceptedBy(b);
    let throughB = 0;
    for (let j = 0; j < next.length; j++) {
      const c = next[j] as number;
      if (stamps[c] !== generation || c === startSlot) continue;
      throughB++;
      (shared.get(c) as ListingCounts).count3++;
    }
    atB.count3 += throughB;
  }
  return shared;
}
