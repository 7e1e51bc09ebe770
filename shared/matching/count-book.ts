/**
 * Each listing's counts (2-way, 3-way, wanters) as a matcher instance last knew them, moved by
 * difference when a listing changes (`shared-counts.ts`): a publication in a dense market changes
 * the counts of a couple of thousand neighbours, and recounting each one walks its own market.
 * A listing whose count is not known yet (a new instance) is counted once in full. Counts that a
 * change seen elsewhere may have moved are forgotten (`forgetAround`), and counted again when needed.
 */
import type { MatchingIndex } from './market-index';
import type { ListingCounts } from './shared-counts';

/** What a listing shares with its neighbours, before a change, to take the difference with after. */
export type SharedCounts = ReadonlyMap<string, ListingCounts>;

const NOTHING_SHARED: SharedCounts = new Map();

/** What `listingId` shares with its neighbours in the index as it is; nothing when it is not in it. */
export function sharedCountsOf(index: MatchingIndex, listingId: string): SharedCounts {
  return index.has(listingId) ? index.sharedCounts(listingId) : NOTHING_SHARED;
}

export class CountBook {
  private readonly known = new Map<string, ListingCounts>();

  /** The listing's counts: as known, or counted now (and known from then on). */
  countsOf(index: MatchingIndex, listingId: string): ListingCounts {
    let counts = this.known.get(listingId);
    if (counts === undefined) this.known.set(listingId, (counts = index.countsFor(listingId)));
    return { ...counts };
  }

  /**
   * Once the change of `changedId` is in the index: the listings whose counts it changed, with
   * their new counts (the changed listing's own always, counted in full, while it is in the market).
   * `before`: what it shared with its neighbours before the change (`sharedCountsOf`).
   */
  applyChange(
    index: MatchingIndex,
    changedId: string,
    before: SharedCounts,
  ): Map<string, ListingCounts> {
    const after = sharedCountsOf(index, changedId);
    const changed = new Map<string, ListingCounts>();
    this.known.delete(changedId);
    if (index.has(changedId)) changed.set(changedId, this.countsOf(index, changedId));
    const moved = (id: string, from: ListingCounts | undefined, to: ListingCounts | undefined) => {
      if (id === changedId) return;
      const d2 = (to?.count2 ?? 0) - (from?.count2 ?? 0);
      const d3 = (to?.count3 ?? 0) - (from?.count3 ?? 0);
      const dw = (to?.wanters ?? 0) - (from?.wanters ?? 0);
      if (d2 === 0 && d3 === 0 && dw === 0) return;
      if (!index.has(id)) return void this.known.delete(id);
      const counts = this.known.get(id);
      if (counts === undefined) {
        // Not known before: counted in full in the market as it is now, which includes the change.
        changed.set(id, this.countsOf(index, id));
        return;
      }
      counts.count2 += d2;
      counts.count3 += d3;
      counts.wanters += dw;
      changed.set(id, { ...counts });
    };
    for (const [id, shared] of after) moved(id, before.get(id), shared);
    for (const [id, shared] of before) if (!after.has(id)) moved(id, shared, undefined);
    return changed;
  }

  /**
   * Before and after a change this instance did not follow by difference (seen by another
   * instance, or a change already applied when its record came again): the counts of the listing
   * and of its neighbours may have moved.
   */
  forgetAround(index: MatchingIndex, listingId: string): void {
    this.known.delete(listingId);
    if (!index.has(listingId)) return;
    for (const id of index.neighboursOf(listingId)) this.known.delete(id);
  }

  /** Listings whose counts may have moved without this book being told by how much. */
  forget(listingIds: Iterable<string>): void {
    for (const id of listingIds) this.known.delete(id);
  }
}
