/**
 * The chains of a market for the nightly plan: a vacant dwelling V, A moving into V, B into A's
 * home, C into B's (1 to 3 movers), the last mover's home going back to its lessor. In the plan's
 * LP a vacancy is one more row (used at most once) and a chain a column over its vacancy and its
 * movers. Pricing needs the chains worth more than the prices of their rows: for a fixed number of
 * movers the chain's score is a sum over its moves, so the best chain through each listing and
 * each vacancy is a longest path of bounded length, found by a few passes over the acceptance
 * lists; those values bound a branch-and-bound walk that lists the paying chains themselves. Pure.
 */
import type { AcceptanceGraph } from './acceptance-graph';
import {
  MAX_CHAIN_MOVERS,
  chainKey,
  chainScore,
  chainScoreOfSum,
  priorityAdmits,
  priorityTier,
  vacancyAsCandidate,
  type VacancyCandidate,
} from './chains';
import { acceptsCompiled, compileListing, type CompiledListing, type Interner } from './compiled';
import { PRIORITY_TIER_SCORE, SCORE_WEIGHT, type PlanCycle } from './optimiser-column';
import { moveScore } from './score';

/** A chain's score is rounded to one decimal: the bounds leave room for rounding up. */
const ROUNDING_SLACK = SCORE_WEIGHT * 0.05 + 1e-9;

/** What a chain of `movers` gives up in score (the score of moves worth nothing, negated). */
const penaltyOf = (movers: number) => -chainScoreOfSum(0, movers);

interface CompiledVacancy {
  vacancy: VacancyCandidate;
  compiled: CompiledListing;
  /** Slots of the listings that may move in first, the score of each one's move, and its priority tier. */
  firstMovers: Int32Array;
  firstScores: Float64Array;
  firstTiers: Int32Array;
  /** What the tier adds to the weight of a chain this listing starts. */
  firstBonus: Float64Array;
}

export interface ChainPricing {
  columns: PlanCycle[];
  complete: boolean;
  /** Σ over vacancies of their price plus their share of the best chain through them: their part of the bound. */
  vacancyBound: number;
}

export interface ChainPricingOptions {
  perVacancy: number;
  epsilon: number;
  deadline: number;
  allowed: (key: string) => boolean;
}

export class MarketChains {
  readonly vacancies: readonly CompiledVacancy[];
  /**
   * Who accepts each slot's dwelling: `inList[inStart[s] .. inStart[s + 1])`, and the score of each
   * one's move into it at the same index (scored once: every pricing round walks them again).
   */
  private readonly inStart: Int32Array;
  private readonly inList: Int32Array;
  private readonly inScore: Float64Array;
  private readonly capacity: number;

  constructor(
    private readonly graph: AcceptanceGraph,
    vacancies: readonly VacancyCandidate[],
    interner: Interner,
  ) {
    this.capacity = graph.columns.capacity + 1;
    const slots = [...graph.slots()];
    this.vacancies = vacancies.map((vacancy) => {
      const compiled = compileListing(vacancyAsCandidate(vacancy), interner);
      const movers = slots.filter((s) => {
        const mover = graph.listingAt(s);
        return (
          acceptsCompiled(mover, compiled) && priorityAdmits(vacancy.priority, mover.candidate)
        );
      });
      const tiers = Int32Array.from(movers, (s) =>
        priorityTier(vacancy.priority, graph.listingAt(s).candidate),
      );
      return {
        vacancy,
        compiled,
        firstMovers: Int32Array.from(movers),
        firstScores: Float64Array.from(movers, (s) => moveScore(graph.listingAt(s), compiled)),
        firstTiers: tiers,
        firstBonus: Float64Array.from(tiers, (t) => SCORE_WEIGHT * PRIORITY_TIER_SCORE * t),
      };
    });
    const counts = new Int32Array(this.capacity + 1);
    if (this.vacancies.length > 0)
      for (const a of slots)
        for (const b of graph.acceptedBy(a)) counts[b + 1] = (counts[b + 1] as number) + 1;
    for (let s = 0; s < this.capacity; s++)
      counts[s + 1] = (counts[s + 1] as number) + (counts[s] as number);
    this.inStart = counts;
    this.inList = new Int32Array(counts[this.capacity] as number);
    this.inScore = new Float64Array(this.inList.length);
    const fill = counts.slice(0, this.capacity);
    if (this.vacancies.length > 0)
      for (const a of slots) {
        const accepted = graph.acceptedBy(a);
        const moves = graph.outgoingMoves(a);
        for (let i = 0; i < accepted.length; i++) {
          const at = fill[accepted[i] as number] as number;
          fill[accepted[i] as number] = at + 1;
          this.inList[at] = a;
          this.inScore[at] = moves[i] as number;
        }
      }
  }

  /**
   * Listings in at least one chain: first movers; those who accept a first mover's home; and those
   * who accept such a second mover's home, unless the only first mover before it is their own.
   */
  markListingsInChains(marks: Uint8Array): void {
    const NONE = -1;
    const SEVERAL = -2;
    /** By second mover: the owner of the one first mover it can follow, or NONE or SEVERAL. */
    const firstOwner = new Int32Array(this.capacity).fill(NONE);
    const owner = (slot: number) => this.graph.listingAt(slot).owner;
    const firsts = new Set<number>();
    for (const v of this.vacancies) for (const s of v.firstMovers) firsts.add(s);
    for (const a of firsts) {
      marks[a] = 1;
      for (let i = this.inStart[a] as number; i < (this.inStart[a + 1] as number); i++) {
        const b = this.inList[i] as number;
        const seen = firstOwner[b] as number;
        firstOwner[b] = seen === NONE || seen === owner(a) ? owner(a) : SEVERAL;
      }
    }
    for (const b of this.graph.slots()) {
      const before = firstOwner[b] as number;
      if (before === NONE) continue;
      marks[b] = 1;
      for (let i = this.inStart[b] as number; i < (this.inStart[b + 1] as number); i++) {
        const c = this.inList[i] as number;
        if (before === SEVERAL || owner(c) !== before) marks[c] = 1;
      }
    }
  }

  /**
   * The chains whose households are worth more than the prices of their vacancy and movers, at
   * most `perVacancy` per vacancy, best first. `dual` and `vacancyDual` are the prices (≥ 0) by
   * slot and by vacancy; `bestShare` (by slot) is raised to each listing's share of the best
   * chain through it, as the cycle pricing does for cycles, so that the sum makes a bound.
   */
  price(
    dual: Float64Array,
    vacancyDual: Float64Array,
    bestShare: Float64Array,
    options: ChainPricingOptions,
  ): ChainPricing {
    if (this.vacancies.length === 0) return { columns: [], complete: true, vacancyBound: 0 };
    const paths = this.longestPaths(dual, vacancyDual);
    const { d21, d31, d32, p11, p12, p13, p22, p32, p33 } = paths;
    for (const s of this.graph.slots()) {
      const share = Math.max(
        ((p11[s] as number) + ROUNDING_SLACK) / 2,
        ((p12[s] as number) + (d21[s] as number) + ROUNDING_SLACK) / 3,
        ((p22[s] as number) + ROUNDING_SLACK) / 3,
        ((p13[s] as number) + (d32[s] as number) + ROUNDING_SLACK) / 4,
        ((p32[s] as number) + (d31[s] as number) + ROUNDING_SLACK) / 4,
        ((p33[s] as number) + ROUNDING_SLACK) / 4,
      );
      if (share > (bestShare[s] as number)) bestShare[s] = share;
    }
    const columns: PlanCycle[] = [];
    let vacancyBound = 0;
    let complete = true;
    this.vacancies.forEach((v, index) => {
      const y = vacancyDual[index] as number;
      let share = 0;
      const suffixes = [null, d21, d32] as const;
      for (let k = 1; k <= MAX_CHAIN_MOVERS; k++) {
        const suffix = suffixes[k - 1] ?? null;
        const base = -y - SCORE_WEIGHT * penaltyOf(k);
        for (let i = 0; i < v.firstMovers.length; i++) {
          const a = v.firstMovers[i] as number;
          const value =
            base +
            1 -
            (dual[a] as number) +
            (SCORE_WEIGHT * (v.firstScores[i] as number)) / k +
            (v.firstBonus[i] as number) +
            (suffix === null ? 0 : (suffix[a] as number));
          share = Math.max(share, (value + ROUNDING_SLACK) / (k + 1));
        }
      }
      vacancyBound += y + share;
      if (!complete || performance.now() > options.deadline) {
        complete = false;
        return;
      }
      if (share > 0) columns.push(...this.walk(v, y, dual, paths, options));
    });
    return { columns, complete, vacancyBound };
  }

  /**
   * Best values of chain parts, by slot (−∞ when none), with each move worth 1 − the mover's price
   * + its score ÷ the chain's movers. `dKj`: the best j moves after the slot's household leaves, in
   * a chain of k movers; `pKd`: the best first d moves of a chain of k movers, the vacancy's price
   * and the penalty included, ending with the slot's household moving. Paths may repeat a listing
   * (A → B → A): an upper bound, which the walk then checks.
   */
  private longestPaths(dual: Float64Array, vacancyDual: Float64Array) {
    const n = this.capacity;
    const array = () => new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    const [d21, d31, d32, p11, p12, p13, p22, p32, p33] = Array.from({ length: 9 }, array) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const gain = (slot: number) => 1 - (dual[slot] as number);
    this.vacancies.forEach((v, index) => {
      const y = vacancyDual[index] as number;
      for (let i = 0; i < v.firstMovers.length; i++) {
        const a = v.firstMovers[i] as number;
        const score = SCORE_WEIGHT * (v.firstScores[i] as number);
        const at = -y + gain(a) + (v.firstBonus[i] as number);
        p11[a] = Math.max(p11[a] as number, at - SCORE_WEIGHT * penaltyOf(1) + score);
        p12[a] = Math.max(p12[a] as number, at - SCORE_WEIGHT * penaltyOf(2) + score / 2);
        p13[a] = Math.max(p13[a] as number, at - SCORE_WEIGHT * penaltyOf(3) + score / 3);
      }
    });
    const graph = this.graph;
    const { inStart, inList, inScore } = this;
    for (let pass = 1; pass <= 2; pass++) {
      for (const home of graph.slots()) {
        for (let i = inStart[home] as number; i < (inStart[home + 1] as number); i++) {
          const mover = inList[i] as number;
          const score = SCORE_WEIGHT * (inScore[i] as number);
          const move2 = gain(mover) + score / 2;
          const move3 = gain(mover) + score / 3;
          if (pass === 1) {
            d21[home] = Math.max(d21[home] as number, move2);
            d31[home] = Math.max(d31[home] as number, move3);
            p22[mover] = Math.max(p22[mover] as number, (p12[home] as number) + move2);
            p32[mover] = Math.max(p32[mover] as number, (p13[home] as number) + move3);
          } else {
            d32[home] = Math.max(d32[home] as number, move3 + (d31[mover] as number));
            p33[mover] = Math.max(p33[mover] as number, (p32[home] as number) + move3);
          }
        }
      }
    }
    return { d21, d31, d32, p11, p12, p13, p22, p32, p33 };
  }

  /** The paying chains of one vacancy, best first, by a walk the longest paths bound. */
  private walk(
    v: CompiledVacancy,
    y: number,
    dual: Float64Array,
    paths: ReturnType<MarketChains['longestPaths']>,
    options: ChainPricingOptions,
  ): PlanCycle[] {
    const graph = this.graph;
    const { inStart, inList, inScore } = this;
    const top: { gain: number; chain: PlanCycle }[] = [];
    const threshold = () =>
      top.length < options.perVacancy
        ? options.epsilon
        : Math.max(options.epsilon, (top[top.length - 1] as { gain: number }).gain);
    const consider = (movers: readonly number[], moves: readonly number[], first: number) => {
      const score = chainScore(moves);
      const tier = v.firstTiers[first] as number;
      let gain = movers.length + SCORE_WEIGHT * score + (v.firstBonus[first] as number) - y;
      for (const m of movers) gain -= dual[m] as number;
      if (gain <= threshold()) return;
      const listingIds = movers.map((m) => graph.listingAt(m).id);
      const key = chainKey(v.vacancy.id, listingIds);
      if (!options.allowed(key)) return;
      const chain: PlanCycle = {
        key,
        size: movers.length,
        score,
        listingIds,
        vacancyId: v.vacancy.id,
        tier,
      };
      let at = top.length;
      while (at > 0 && (top[at - 1] as { gain: number }).gain < gain) at--;
      top.splice(at, 0, { gain, chain });
      if (top.length > options.perVacancy) top.pop();
    };
    const gain = (slot: number) => 1 - (dual[slot] as number);
    const suffixes = [null, paths.d21, paths.d32] as const;
    // Longest chains and most promising first movers first: the best chains found early raise the
    // threshold the others must pass.
    for (let k = MAX_CHAIN_MOVERS; k >= 1; k--) {
      const base = -y - SCORE_WEIGHT * penaltyOf(k) + ROUNDING_SLACK;
      const suffix = suffixes[k - 1] ?? null;
      const bounds = Array.from(v.firstMovers, (a, i) => {
        const value =
          base +
          gain(a) +
          (SCORE_WEIGHT * (v.firstScores[i] as number)) / k +
          (v.firstBonus[i] as number);
        return { i, value, bound: value + (suffix === null ? 0 : (suffix[a] as number)) };
      }).sort((x, y) => y.bound - x.bound);
      for (const { i, value: b1, bound } of bounds) {
        if (bound <= threshold()) break;
        const a = v.firstMovers[i] as number;
        const moveA = v.firstScores[i] as number;
        if (k === 1) {
          consider([a], [moveA], i);
          continue;
        }
        const ownerA = graph.listingAt(a).owner;
        for (let j = inStart[a] as number; j < (inStart[a + 1] as number); j++) {
          const b = inList[j] as number;
          const moveB = inScore[j] as number;
          const b2 = b1 + gain(b) + (SCORE_WEIGHT * moveB) / k;
          if (b2 + (k === 3 ? (paths.d31[b] as number) : 0) <= threshold()) continue;
          if (k === 2) {
            consider([a, b], [moveA, moveB], i);
            continue;
          }
          for (let m = inStart[b] as number; m < (inStart[b + 1] as number); m++) {
            const c = inList[m] as number;
            const moveC = inScore[m] as number;
            if (b2 + gain(c) + (SCORE_WEIGHT * moveC) / k <= threshold()) continue;
            // One household moves once: B differs from A and C from B by the acceptance rules.
            if (graph.listingAt(c).owner === ownerA) continue;
            consider([a, b, c], [moveA, moveB, moveC], i);
          }
        }
      }
    }
    return top.map((t) => t.chain);
  }
}
