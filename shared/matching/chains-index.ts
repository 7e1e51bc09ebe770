/**
 * In-memory index of the active listings and vacancies for chains (`chains.ts`). Listings sit in
 * buckets by the commune×typology they offer and by each they want, vacancies by the one they
 * offer, so the moves into a dwelling or out of a household are found without scanning the
 * market. Moves are decided by the compiled rules (`acceptsWithinBucket`, which `accepts` must agree
 * with) and scored by `moveScore`, as for cycles.
 */
import type { CompiledListing } from './compiled';
import { Interner, acceptsWithinBucket, compileListing } from './compiled';
import {
  type ChainRecord,
  type VacancyCandidate,
  DEFAULT_CHAINS_PER_LISTING,
  chainKey,
  chainScoreOfSum,
  compareChains,
  priorityAdmits,
  priorityTier,
  vacancyAsCandidate,
} from './chains';
import { ChainBars } from './chain-bars';
import { type ChainBound, vacancyChainBounds } from './chains-bounds';
import { BestChainWithEach, TopChains } from './chains-top';
import { type IndexedVacancy, type Move, MoveMemo, addTo, removeFrom } from './chains-moves';
import { moveScore } from './score';
import type { MatchCandidate } from './types';

export class ChainIndex {
  private readonly interner = new Interner();
  private readonly listings = new Map<string, CompiledListing>();
  private readonly vacancies = new Map<string, IndexedVacancy>();
  /** Listing ids by the commune×typology they offer, and by each they want. */
  private readonly offered = new Map<number, Set<string>>();
  private readonly wanting = new Map<number, Set<string>>();
  private readonly vacanciesByKey = new Map<number, Set<string>>();
  private readonly memo = new MoveMemo();
  /** Each listing's K-th best chain, learnt by `ownBestChains` (`chain-bars.ts`). */
  readonly bars = new ChainBars();

  get vacancyCount(): number {
    return this.vacancies.size;
  }

  hasListing(id: string): boolean {
    return this.listings.has(id);
  }

  hasVacancy(id: string): boolean {
    return this.vacancies.has(id);
  }

  listing(id: string): MatchCandidate | undefined {
    return this.listings.get(id)?.candidate;
  }

  vacancy(id: string): VacancyCandidate | undefined {
    return this.vacancies.get(id)?.vacancy;
  }

  upsertListing(candidate: MatchCandidate): void {
    this.removeListing(candidate.id);
    const compiled = compileListing(candidate, this.interner);
    this.listings.set(candidate.id, compiled);
    addTo(this.offered, compiled.offeredKey, compiled.id);
    for (const key of compiled.wishedKeys) addTo(this.wanting, key, compiled.id);
    this.memo.clear();
  }

  removeListing(id: string): boolean {
    const compiled = this.listings.get(id);
    if (compiled === undefined) return false;
    this.bars.forgetListing(id);
    this.listings.delete(id);
    removeFrom(this.offered, compiled.offeredKey, id);
    for (const key of compiled.wishedKeys) removeFrom(this.wanting, key, id);
    this.memo.clear();
    return true;
  }

  upsertVacancy(vacancy: VacancyCandidate): void {
    this.removeVacancy(vacancy.id);
    const compiled = compileListing(vacancyAsCandidate(vacancy), this.interner);
    this.vacancies.set(vacancy.id, { vacancy, compiled });
    addTo(this.vacanciesByKey, compiled.offeredKey, vacancy.id);
    this.memo.clear();
  }

  removeVacancy(id: string): boolean {
    const indexed = this.vacancies.get(id);
    if (indexed === undefined) return false;
    this.bars.forgetVacancy(id);
    this.vacancies.delete(id);
    removeFrom(this.vacanciesByKey, indexed.compiled.offeredKey, id);
    this.memo.clear();
    return true;
  }

  /** A listing's own chains: its best `k` by `compareChains`, without building the others; learns its bar. */
  ownBestChains(listingId: string, k: number = DEFAULT_CHAINS_PER_LISTING): ChainRecord[] {
    const start = this.listings.get(listingId);
    if (start === undefined) return [];
    const top = new TopChains(k);
    if (this.vacancies.size > 0) this.offerChainsThrough(start, top);
    const own = top.result();
    this.bars.learn(listingId, own, k);
    return own;
  }

  /** For each listing sharing a chain with this one, the best chain through both. */
  bestChainWithEach(listingId: string): Map<string, ChainRecord> {
    const start = this.listings.get(listingId);
    const sink = new BestChainWithEach(listingId);
    if (start !== undefined && this.vacancies.size > 0) this.offerChainsThrough(start, sink);
    return sink.best;
  }

  /** For each listing in a chain of the vacancy, how well its chains of it can rank at best (`chains-bounds.ts`). */
  chainBoundsOfVacancy(vacancyId: string): Map<string, ChainBound> {
    const indexed = this.vacancies.get(vacancyId);
    if (indexed === undefined) return new Map();
    const firsts = this.firstMoversOf(indexed).map((first) => ({
      ...first,
      tier: priorityTier(indexed.vacancy.priority, first.to.candidate),
    }));
    return vacancyChainBounds(firsts, (home) => this.wantersOf(home));
  }

  /** Offers every chain through `start` to `top`, skipping branches it says cannot rank. */
  private offerChainsThrough(start: CompiledListing, top: TopChains | BestChainWithEach): void {
    const offerFrom = (movers: CompiledListing[], moves: number[]) => {
      const first = movers[0] as CompiledListing;
      for (const vacancy of this.vacanciesOf(first)) {
        let sum = vacancy.score; // summed in move order, as `chainScore` does
        for (const move of moves) sum += move;
        top.offer(
          vacancy.to.vacancy.id,
          priorityTier(vacancy.to.vacancy.priority, first.candidate),
          chainScoreOfSum(sum, movers.length),
          () => movers.map((m) => m.id),
        );
      }
    };
    // The listing first.
    const own = this.vacanciesOf(start);
    if (own.length > 0) {
      const bestFirst = Math.max(...own.map((v) => v.score));
      const bestTier = Math.max(
        ...own.map((v) => priorityTier(v.to.vacancy.priority, start.candidate)),
      );
      offerFrom([start], []);
      for (const second of this.wantersOf(start)) {
        if (second.to.owner === start.owner) continue;
        offerFrom([start, second.to], [second.score]);
        const thirds = this.wantersOf(second.to);
        // No third mover can lift this pair above the chains kept: skip them all.
        if (!top.couldRank(bestTier, chainScoreOfSum(bestFirst + second.score + 100, 3))) continue;
        for (const third of thirds) {
          if (third.to === start || third.to.owner === start.owner) continue;
          offerFrom([start, second.to, third.to], [second.score, third.score]);
        }
      }
    }
    // The listing second.
    for (const first of this.acceptedBy(start)) {
      if (this.vacanciesOf(first.to).length === 0) continue;
      offerFrom([first.to, start], [first.score]);
      for (const third of this.wantersOf(start)) {
        if (third.to === first.to || third.to.owner === first.to.owner) continue;
        offerFrom([first.to, start, third.to], [first.score, third.score]);
      }
    }
    // The listing third.
    for (const second of this.acceptedBy(start)) {
      for (const first of this.acceptedBy(second.to)) {
        if (first.to === start || first.to.owner === start.owner) continue;
        if (this.vacanciesOf(first.to).length === 0) continue;
        offerFrom([first.to, second.to, start], [first.score, second.score]);
      }
    }
  }

  /** Every chain through the listing, best first. */
  chainsThrough(listingId: string): ChainRecord[] {
    const start = this.listings.get(listingId);
    if (start === undefined || this.vacancies.size === 0) return [];
    const found: ChainRecord[] = [];
    this.startingWith([start], 0, found);
    // The listing second: someone moves into a vacancy and the listing into that one's home.
    for (const first of this.acceptedBy(start)) {
      if (this.vacanciesOf(first.to).length === 0) continue;
      this.startingWith([first.to, start], first.score, found);
    }
    // The listing third.
    for (const second of this.acceptedBy(start)) {
      for (const first of this.acceptedBy(second.to)) {
        if (first.to === start || first.to.owner === start.owner) continue;
        this.withVacancies([first.to, second.to, start], first.score, second.score, found);
      }
    }
    return found.sort(compareChains);
  }

  /** Every chain the vacancy starts, best first. */
  chainsOfVacancy(vacancyId: string): ChainRecord[] {
    const indexed = this.vacancies.get(vacancyId);
    if (indexed === undefined) return [];
    const found: ChainRecord[] = [];
    for (const first of this.firstMoversOf(indexed)) {
      const tier = priorityTier(indexed.vacancy.priority, first.to.candidate);
      this.extend(indexed.vacancy.id, tier, [first.to], first.score, (movers, sum) =>
        found.push(this.record(vacancyId, tier, movers, sum)),
      );
    }
    return found.sort(compareChains);
  }

  /**
   * Every listing that may share a chain with this one (itself excluded), from the moves alone:
   * whose own best chains a change of this listing can alter. A superset (owners are not checked),
   * never a subset, found without building the chains.
   */
  chainNeighboursOf(listingId: string): Set<string> {
    const found = new Set<string>();
    const start = this.listings.get(listingId);
    if (start === undefined || this.vacancies.size === 0) return found;
    const wanters = this.wantersOf(start);
    if (this.vacanciesOf(start).length > 0)
      for (const second of wanters) {
        found.add(second.to.id);
        for (const third of this.wantersOf(second.to)) found.add(third.to.id);
      }
    let second = false;
    for (const first of this.acceptedBy(start)) {
      if (this.vacanciesOf(first.to).length > 0) {
        found.add(first.to.id);
        second = true;
      }
      for (const before of this.acceptedBy(first.to)) {
        if (before.to === start || this.vacanciesOf(before.to).length === 0) continue;
        found.add(first.to.id);
        found.add(before.to.id);
      }
    }
    if (second) for (const third of wanters) found.add(third.to.id);
    found.delete(listingId);
    return found;
  }

  /** Every listing that may be in a chain of the vacancy (a superset, found without building the chains). */
  participantsOfVacancy(vacancyId: string): Set<string> {
    const ids = new Set<string>();
    const indexed = this.vacancies.get(vacancyId);
    if (indexed === undefined) return ids;
    for (const first of this.firstMoversOf(indexed)) {
      ids.add(first.to.id);
      for (const second of this.wantersOf(first.to)) {
        ids.add(second.to.id);
        for (const third of this.wantersOf(second.to)) ids.add(third.to.id);
      }
    }
    return ids;
  }

  /** Chains whose first movers are `prefix` (already a valid start), extended by wanters; `prefix` first mover's vacancies. */
  private startingWith(prefix: CompiledListing[], prefixScore: number, found: ChainRecord[]): void {
    const first = prefix[0] as CompiledListing;
    for (const vacancy of this.vacanciesOf(first)) {
      const tier = priorityTier(vacancy.to.vacancy.priority, first.candidate);
      const vacancyId = vacancy.to.vacancy.id;
      this.extend(vacancyId, tier, prefix, vacancy.score + prefixScore, (movers, sum) =>
        found.push(this.record(vacancyId, tier, movers, sum)),
      );
    }
  }

  /** Records the three movers from each vacancy the first accepts, given the second and third moves' scores. */
  private withVacancies(
    movers: CompiledListing[],
    secondMove: number,
    thirdMove: number,
    found: ChainRecord[],
  ): void {
    const first = movers[0] as CompiledListing;
    for (const vacancy of this.vacanciesOf(first)) {
      const tier = priorityTier(vacancy.to.vacancy.priority, first.candidate);
      // Summed in move order, as `chainScore` does: float sums depend on it.
      const sum = vacancy.score + secondMove + thirdMove;
      found.push(this.record(vacancy.to.vacancy.id, tier, movers, sum));
    }
  }

  /** Emits `movers` and every longer chain made by wanters of the last mover's home. */
  private extend(
    vacancyId: string,
    tier: number,
    movers: CompiledListing[],
    moveSum: number,
    emit: (movers: CompiledListing[], moveSum: number) => void,
  ): void {
    emit(movers, moveSum);
    if (movers.length === 3) return;
    const last = movers[movers.length - 1] as CompiledListing;
    for (const next of this.wantersOf(last)) {
      if (movers.some((m) => m === next.to || m.owner === next.to.owner)) continue;
      this.extend(vacancyId, tier, [...movers, next.to], moveSum + next.score, emit);
    }
  }

  private record(
    vacancyId: string,
    tier: number,
    movers: readonly CompiledListing[],
    moveSum: number,
  ): ChainRecord {
    const listingIds = movers.map((m) => m.id);
    return {
      key: chainKey(vacancyId, listingIds),
      vacancyId,
      listingIds,
      size: movers.length,
      score: chainScoreOfSum(moveSum, movers.length),
      tier,
    };
  }

  /** Who would move into this listing's home, with each move's score. */
  private wantersOf(home: CompiledListing): Move<CompiledListing>[] {
    let moves = this.memo.wanters.get(home.id);
    if (moves !== undefined) return moves;
    moves = [];
    for (const id of this.wanting.get(home.offeredKey) ?? []) {
      const mover = this.listings.get(id) as CompiledListing;
      if (mover !== home && acceptsWithinBucket(mover, home))
        moves.push({ to: mover, score: moveScore(mover, home) });
    }
    this.memo.wanters.set(home.id, moves);
    return moves;
  }

  /** The homes this listing's household would move into, with each move's score. */
  private acceptedBy(mover: CompiledListing): Move<CompiledListing>[] {
    let moves = this.memo.accepted.get(mover.id);
    if (moves !== undefined) return moves;
    moves = [];
    for (const key of mover.wishedKeys) {
      for (const id of this.offered.get(key) ?? []) {
        const home = this.listings.get(id) as CompiledListing;
        if (home !== mover && acceptsWithinBucket(mover, home))
          moves.push({ to: home, score: moveScore(mover, home) });
      }
    }
    this.memo.accepted.set(mover.id, moves);
    return moves;
  }

  /** The vacancies this household may move into (rules and priority), with each move's score. */
  private vacanciesOf(mover: CompiledListing): Move<IndexedVacancy>[] {
    let moves = this.memo.vacancies.get(mover.id);
    if (moves !== undefined) return moves;
    moves = [];
    for (const key of mover.wishedKeys) {
      for (const id of this.vacanciesByKey.get(key) ?? []) {
        const indexed = this.vacancies.get(id) as IndexedVacancy;
        if (
          acceptsWithinBucket(mover, indexed.compiled) &&
          priorityAdmits(indexed.vacancy.priority, mover.candidate)
        )
          moves.push({ to: indexed, score: moveScore(mover, indexed.compiled) });
      }
    }
    this.memo.vacancies.set(mover.id, moves);
    return moves;
  }

  private firstMoversOf(indexed: IndexedVacancy): Move<CompiledListing>[] {
    const moves: Move<CompiledListing>[] = [];
    for (const id of this.wanting.get(indexed.compiled.offeredKey) ?? []) {
      const mover = this.listings.get(id) as CompiledListing;
      if (
        acceptsWithinBucket(mover, indexed.compiled) &&
        priorityAdmits(indexed.vacancy.priority, mover.candidate)
      )
        moves.push({ to: mover, score: moveScore(mover, indexed.compiled) });
    }
    return moves;
  }
}
