/**
 * The best K chains offered one by one, in `compareChains` order, without building a chain that
 * cannot rank: an offer is first compared on tier, score and size with the K-th kept; its key
 * (a string) is made only when it ranks or ties there. A dense market offers a listing tens of
 * thousands of chains for ten places.
 */
import { type ChainRecord, chainKey, compareChains } from './chains';

export class TopChains {
  private readonly kept: ChainRecord[] = [];

  constructor(private readonly capacity: number) {}

  get full(): boolean {
    return this.kept.length >= this.capacity;
  }

  /** Whether a chain of this tier and score (at best) could still rank: a bound for skipping a whole branch. */
  couldRank(tier: number, score: number): boolean {
    if (!this.full) return true;
    const worst = this.kept[this.kept.length - 1] as ChainRecord;
    return tier > worst.tier || (tier === worst.tier && score >= worst.score);
  }

  offer(vacancyId: string, tier: number, score: number, listingIds: () => string[]): void {
    if (this.capacity <= 0) return;
    if (this.full) {
      const worst = this.kept[this.kept.length - 1] as ChainRecord;
      if (tier < worst.tier || (tier === worst.tier && score < worst.score)) return;
    }
    const ids = listingIds();
    const chain: ChainRecord = {
      key: chainKey(vacancyId, ids),
      vacancyId,
      listingIds: ids,
      size: ids.length,
      score,
      tier,
    };
    if (this.full && compareChains(chain, this.kept[this.kept.length - 1] as ChainRecord) >= 0)
      return;
    let at = this.kept.length;
    while (at > 0 && compareChains(chain, this.kept[at - 1] as ChainRecord) < 0) at--;
    this.kept.splice(at, 0, chain);
    if (this.kept.length > this.capacity) this.kept.pop();
  }

  result(): ChainRecord[] {
    return [...this.kept];
  }
}

/**
 * For each listing met in the chains offered (but one), the best of them through it, by
 * `compareChains`: what a change brings each listing it shares a chain with, at its best.
 */
export class BestChainWithEach {
  readonly best = new Map<string, ChainRecord>();

  constructor(private readonly except?: string) {}

  couldRank(): boolean {
    return true;
  }

  offer(vacancyId: string, tier: number, score: number, listingIds: () => string[]): void {
    const ids = listingIds();
    let chain: ChainRecord | undefined;
    const made = () =>
      (chain ??= {
        key: chainKey(vacancyId, ids),
        vacancyId,
        listingIds: ids,
        size: ids.length,
        score,
        tier,
      });
    for (const id of ids) {
      if (id === this.except) continue;
      const kept = this.best.get(id);
      if (kept !== undefined) {
        if (
          tier !== kept.tier
            ? tier < kept.tier
            : score !== kept.score
              ? score < kept.score
              : ids.length !== kept.size
                ? ids.length > kept.size
                : made().key >= kept.key
        )
          continue;
      }
      this.best.set(id, made());
    }
  }
}
