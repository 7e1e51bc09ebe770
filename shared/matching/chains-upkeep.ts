/**
 * Whose own best chains a change may have changed (as `proposal-upkeep.ts` for cycles). A change
 * of listing X, or of vacancy V, can change the own best of:
 * - X itself;
 * - the movers of the chains stored through X or V: those were, or may have been, among their
 *   best and are gone or changed;
 * - every listing Y that a chain through X (or of V) now enters the best of. That chain is then
 *   Y's best through X, so Y is searched again only when that one ranks before Y's bar (its K-th
 *   best, `ChainBars`) or its bar is unknown, and refilled only if it is in Y's best. For a
 *   vacancy, whose chains are too many to build, a bound on Y's best of them stands for it.
 * Nobody else's best changes: a chain through neither keeps its score.
 */
import type { ChainRecord } from './chains';
import { boundReaches } from './chains-bounds';
import { compareChains } from './chains';
import type { ChainIndex } from './chains-index';

/** Each listing's own best chains, searched once per change however many refills ask for them. */
export class ChainOwnBest {
  private readonly memo = new Map<string, { chains: ChainRecord[]; keys: Set<string> }>();

  constructor(
    readonly index: ChainIndex,
    readonly k: number,
  ) {}

  of(listingId: string): ChainRecord[] {
    return this.entry(listingId).chains;
  }

  keeps(listingId: string, key: string): boolean {
    return this.entry(listingId).keys.has(key);
  }

  private entry(listingId: string) {
    let own = this.memo.get(listingId);
    if (own === undefined) {
      const chains = this.index.ownBestChains(listingId, this.k);
      own = { chains, keys: new Set(chains.map((chain) => chain.key)) };
      this.memo.set(listingId, own);
    }
    return own;
  }
}

export type ChainChange = { listingId: string } | { vacancyId: string };

/**
 * The listings to refill once `change` is in the index; `storedMovers`: the movers of the chains
 * stored through the changed listing or vacancy before the change.
 */
export function chainListingsToRefill(
  own: ChainOwnBest,
  change: ChainChange,
  storedMovers: Iterable<string>,
): string[] {
  const { index } = own;
  const refill = new Set<string>();
  for (const id of storedMovers) if (index.hasListing(id)) refill.add(id);
  if ('vacancyId' in change) {
    // A vacancy starts too many chains to build: a bound on each listing's best is enough for its bar.
    for (const [listingId, bound] of index.chainBoundsOfVacancy(change.vacancyId)) {
      if (refill.has(listingId)) continue;
      const bar = index.bars.of(listingId, own.k);
      if (bar !== undefined && !boundReaches(bound, bar)) continue;
      if (own.of(listingId).some((chain) => chain.vacancyId === change.vacancyId))
        refill.add(listingId);
    }
    return [...refill];
  }
  if (!index.hasListing(change.listingId)) return [...refill];
  refill.add(change.listingId);
  for (const [listingId, best] of index.bestChainWithEach(change.listingId)) {
    if (refill.has(listingId)) continue;
    const bar = index.bars.of(listingId, own.k);
    if (bar !== undefined && compareChains(best, bar) > 0) continue;
    if (own.keeps(listingId, best.key)) refill.add(listingId);
  }
  return [...refill];
}
