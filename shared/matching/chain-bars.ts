/**
 * Each listing's bar: the K-th of its own best chains, kept from one change to the next, so that a
 * chain through a changed listing or vacancy that ranks after it is known not to enter that
 * listing's best without searching them again (as `BarBounds` does for cycles). A bar holds while
 * the K chains it was learnt from all exist: new listings and vacancies only add chains, which
 * raises the true K-th above the bar; so a bar is forgotten only when a listing or a vacancy of one
 * of those K chains changes or leaves.
 */
import type { ChainRecord } from './chains';

interface Bar {
  k: number;
  /** The K-th best chain; undefined when the listing had fewer than K (then any chain may enter). */
  kth: ChainRecord | undefined;
  listingIds: string[];
  vacancyIds: string[];
}

function link(map: Map<string, Set<string>>, member: string, holder: string): void {
  let holders = map.get(member);
  if (holders === undefined) map.set(member, (holders = new Set()));
  holders.add(holder);
}

function unlink(map: Map<string, Set<string>>, member: string, holder: string): void {
  const holders = map.get(member);
  holders?.delete(holder);
  if (holders?.size === 0) map.delete(member);
}

export class ChainBars {
  private readonly bars = new Map<string, Bar>();
  /** Whose bar rests on a chain through this listing, or of this vacancy. */
  private readonly byListing = new Map<string, Set<string>>();
  private readonly byVacancy = new Map<string, Set<string>>();

  /** The chain a new chain must rank before to enter the listing's best `k`; undefined when unknown or fewer than `k`. */
  of(listingId: string, k: number): ChainRecord | undefined {
    const bar = this.bars.get(listingId);
    return bar?.k === k ? bar.kth : undefined;
  }

  /** Records the listing's own best `k`, just computed. */
  learn(listingId: string, own: readonly ChainRecord[], k: number): void {
    this.drop(listingId);
    const listingIds = [...new Set(own.flatMap((chain) => chain.listingIds))];
    const vacancyIds = [...new Set(own.map((chain) => chain.vacancyId))];
    this.bars.set(listingId, {
      k,
      kth: own.length >= k ? own[k - 1] : undefined,
      listingIds,
      vacancyIds,
    });
    for (const id of listingIds) link(this.byListing, id, listingId);
    for (const id of vacancyIds) link(this.byVacancy, id, listingId);
  }

  /** Before a listing changes or leaves: its own bar, and those resting on a chain through it. */
  forgetListing(listingId: string): void {
    this.drop(listingId);
    for (const holder of [...(this.byListing.get(listingId) ?? [])]) this.drop(holder);
  }

  /** Before a vacancy changes or leaves: the bars resting on one of its chains. */
  forgetVacancy(vacancyId: string): void {
    for (const holder of [...(this.byVacancy.get(vacancyId) ?? [])]) this.drop(holder);
  }

  get size(): number {
    return this.bars.size;
  }

  private drop(listingId: string): void {
    const bar = this.bars.get(listingId);
    if (bar === undefined) return;
    this.bars.delete(listingId);
    for (const id of bar.listingIds) unlink(this.byListing, id, listingId);
    for (const id of bar.vacancyIds) unlink(this.byVacancy, id, listingId);
  }
}
