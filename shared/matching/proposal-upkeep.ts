/**
 * What a listing change means for whom (docs/design.md "Domain rules", "Matches"): the stored
 * proposals are the union, over every listing, of its own best (every 2-way through it and its best
 * K 3-ways, `MatchingIndex.ownBest`), each cycle stored once and linked to all its participants. A
 * change of listing X (published, edited, engaged, withdrawn, expired) can change the own best of:
 * - X itself;
 * - the participants of the cycles stored through X: those cycles were, or may have been, among
 *   their best and are gone or changed, so they are refilled from the next best;
 * - every listing that a cycle through X now enters the best of (its K-th falls out).
 * Nobody else's best changes: a cycle that does not pass through X keeps its score. Refilling a
 * listing stores the cycles of its best not stored yet and retires the stored ones that are no
 * longer among the best of any participant (unless someone answered them: those stay).
 * Pure: the index is the market after the change; what is stored comes from the caller.
 */
import type { KeptCycle } from './best-cycles';
import { compareRanked, type RankedCycle } from './cycles';
import type { MatchingIndex } from './market-index';

/** A stored cycle as the upkeep sees it. `answered`: someone said yes or no, so it is kept whatever its rank. */
export interface StoredCycle {
  key: string;
  listingIds: readonly string[];
  answered: boolean;
}

/** What refilling one listing means: the cycles of its best to store, the stored ones to retire (by key). */
export interface RefillPlan {
  store: KeptCycle[];
  retire: string[];
}

/**
 * For each listing, a cycle that ranks no better than its K-th best 3-way, kept from one change
 * to the next: a cycle through a changed listing that ranks after it cannot enter that listing's
 * best, which spares a search for most of a dense listing's neighbours. Adding listings only
 * raises the K-th best, so a bound stays true until a neighbour leaves or changes (`forget`).
 */
export class BarBounds {
  private readonly bars = new Map<string, RankedCycle>();

  /** The listing's bound, if one is known: undefined also when it has fewer than K 3-ways (nothing is excluded then). */
  of(listingId: string): RankedCycle | undefined {
    return this.bars.get(listingId);
  }

  /** Records the K-th best 3-way of a listing's own best, just computed. */
  learn(listingId: string, own: readonly KeptCycle[], k: number): void {
    let threeWays = 0;
    for (const cycle of own) {
      if (cycle.size === 3 && ++threeWays === k) {
        this.bars.set(listingId, cycle);
        return;
      }
    }
    this.bars.delete(listingId);
  }

  /** Before a listing leaves the market or changes: the bounds of its neighbours may fall, and its own. */
  forget(index: MatchingIndex, listingId: string): void {
    if (!index.has(listingId)) return;
    this.bars.delete(listingId);
    for (const id of index.neighboursOf(listingId)) this.bars.delete(id);
  }
}

/** Each listing's own best, computed once per change however many refills ask for it. */
export class OwnBestMemo {
  private readonly memo = new Map<string, { cycles: KeptCycle[]; keys: Set<string> }>();

  constructor(
    readonly index: MatchingIndex,
    readonly k: number,
    readonly bounds: BarBounds = new BarBounds(),
  ) {}

  /** Keys of the listing's own best; empty when it is not in the market. */
  keysOf(listingId: string): Set<string> {
    return this.of(listingId).keys;
  }

  /** The listing's own best, best first; empty when it is not in the market. */
  cyclesOf(listingId: string): KeptCycle[] {
    return this.of(listingId).cycles;
  }

  private of(listingId: string): { cycles: KeptCycle[]; keys: Set<string> } {
    let own = this.memo.get(listingId);
    if (own === undefined) {
      const cycles = this.index.has(listingId) ? this.index.ownBest(listingId, this.k) : [];
      own = { cycles, keys: new Set(cycles.map((cycle) => cycle.key)) };
      if (this.index.has(listingId)) this.bounds.learn(listingId, cycles, this.k);
      this.memo.set(listingId, own);
    }
    return own;
  }

  /** Whether some participant keeps the cycle among its own best. */
  keptByAnyone(cycle: { key: string; listingIds: readonly string[] }): boolean {
    return cycle.listingIds.some((id) => this.keysOf(id).has(cycle.key));
  }
}

/**
 * The listings whose own best may have changed once the change of `changedId` is in the index:
 * the listing itself (if still in the market), the participants of `storedThroughChanged` (the
 * cycles stored through it before the change) and those a cycle through it now enters the best of.
 */
export function listingsToRefill(
  memo: OwnBestMemo,
  changedId: string,
  storedThroughChanged: readonly StoredCycle[],
): string[] {
  const { index } = memo;
  const refill = new Set<string>();
  if (index.has(changedId)) refill.add(changedId);
  for (const cycle of storedThroughChanged)
    for (const id of cycle.listingIds) if (index.has(id)) refill.add(id);
  if (!index.has(changedId)) return [...refill];
  for (const [participant, best] of index.bestThreeWayWithEach(changedId)) {
    if (refill.has(participant)) continue;
    const bar = memo.bounds.of(participant);
    if (bar !== undefined && compareRanked(best, bar) > 0) continue;
    // The best cycle it shares with X enters its best exactly when some cycle through X does.
    if (memo.keysOf(participant).has(best.key)) refill.add(participant);
  }
  return [...refill];
}

/**
 * The cycles whose stored state refilling `listingId` after the change of `changedId` may alter,
 * when it is not the changed listing. Every cycle of its own best was stored before the change
 * (the upkeep's invariant), and only cycles through the changed listing moved in its ranking, so:
 * - the cycles of its best through the changed listing may be new;
 * - when cycles through the changed listing left its best (at most the 3-ways of
 *   `storedThroughChanged` through it), as many of its last 3-ways may have entered from below;
 * - the 3-ways pushed out of its best are the first ones ranked after its K-th that do not pass
 *   through the changed listing, as many as the 3-ways through it now in its best.
 * A stored cycle through the changed listing is the changed listing's own refill's to retire (it
 * reads them all). Reading these few instead of every cycle stored through a listing keeps a
 * refill small when a popular listing is in thousands of cycles.
 */
export function cyclesToReadForRefill(
  memo: OwnBestMemo,
  listingId: string,
  changedId: string,
  storedThroughChanged: readonly StoredCycle[],
): Array<{ key: string; listingIds: readonly string[] }> {
  const through = (cycle: { listingIds: readonly string[] }) =>
    cycle.listingIds.includes(changedId);
  const own = memo.cyclesOf(listingId);
  const read = new Map<string, { key: string; listingIds: readonly string[] }>();
  for (const cycle of own) if (through(cycle)) read.set(cycle.key, cycle);
  const left = storedThroughChanged.filter(
    (cycle) => cycle.listingIds.length === 3 && cycle.listingIds.includes(listingId),
  ).length;
  if (left > 0) {
    const others = own.filter((cycle) => cycle.size === 3 && !through(cycle));
    for (const cycle of others.slice(-left)) read.set(cycle.key, cycle);
  }
  const entered = own.filter((cycle) => cycle.size === 3 && through(cycle)).length;
  if (entered === 0 || !Number.isFinite(memo.k)) return [...read.values()];
  for (let extra = entered; ; extra *= 2) {
    const longer = memo.index.ownBest(listingId, memo.k + extra);
    const after = longer.filter((cycle) => cycle.size === 3).slice(memo.k);
    const pushedOut = after.filter((cycle) => !through(cycle));
    // Enough of them, or none left to find.
    if (pushedOut.length >= entered || after.length < extra) {
      for (const cycle of pushedOut.slice(0, entered)) read.set(cycle.key, cycle);
      return [...read.values()];
    }
  }
}

/**
 * Refilling a listing: store its own best not stored yet; retire each unanswered stored cycle
 * through it that no participant keeps among its best any more. `storedThrough`: the live
 * cycles stored through it. One that no longer holds is in nobody's best and is retired too; one
 * whose participant is away (withdrawn, engaged…) is left to the caller, which suspends it.
 * `among`: when only these cycles were read (`cyclesToReadForRefill`), only they may be stored.
 */
export function refillPlan(
  memo: OwnBestMemo,
  listingId: string,
  storedThrough: readonly StoredCycle[],
  among?: ReadonlySet<string>,
): RefillPlan {
  const { index } = memo;
  const own = memo.cyclesOf(listingId);
  const stored = new Set(storedThrough.map((cycle) => cycle.key));
  const store = own.filter(
    (cycle) => !stored.has(cycle.key) && (among === undefined || among.has(cycle.key)),
  );
  const retire = storedThrough
    .filter(
      (cycle) =>
        !cycle.answered &&
        cycle.listingIds.every((id) => index.has(id)) &&
        !memo.keptByAnyone(cycle),
    )
    .map((cycle) => cycle.key);
  return { store, retire };
}

/** The listings whose counts (2-way, 3-way, wanters) a change may have changed: the listing and its neighbours before and after. */
export function listingsToRecount(
  index: MatchingIndex,
  changedId: string,
  neighboursBefore: readonly string[],
): string[] {
  const recount = new Set(neighboursBefore);
  if (index.has(changedId)) {
    recount.add(changedId);
    for (const id of index.neighboursOf(changedId)) recount.add(id);
  }
  return [...recount].filter((id) => index.has(id));
}
