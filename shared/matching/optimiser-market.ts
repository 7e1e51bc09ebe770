/**
 * Every cycle of a market, walked from the acceptance graph, for the nightly plan: the 2-cycles to
 * start from, and the pricing step of column generation (the cycles whose households are worth more
 * than the dual prices of their listings). Chains started by vacant dwellings are priced beside
 * them (`optimiser-chains.ts`). Pure; built once per night from the active listings and vacancies.
 */
import { AcceptanceGraph } from './acceptance-graph';
import { Interner, compileListing } from './compiled';
import { cycleKey } from './cycles';
import { ProposalBuilder } from './explain';
import type { VacancyCandidate } from './chains';
import { MarketChains } from './optimiser-chains';
import { MAX_PLAN_SCORE, SCORE_WEIGHT, planWeight, type PlanCycle } from './optimiser-column';
import { cycleScore, moveScore } from './score';
import type { MatchCandidate, PlaceNames, Proposal } from './types';

export { SCORE_WEIGHT, planWeight, type PlanCycle } from './optimiser-column';

export interface Pricing {
  /** Columns with a positive reduced cost, at most `perStart` per start listing (and a few times that per vacancy), best first. */
  columns: PlanCycle[];
  /** Every cycle (and chain) was examined (or pruned by its dual prices): the bound below is valid. */
  complete: boolean;
  /** Σ duals + Σ per row of the largest (reduced cost ÷ rows) of a column through it: an upper bound of the LP over all columns. */
  bound: number;
}

export class MarketCycles {
  private readonly graph = new AcceptanceGraph();
  private readonly ids: string[] = [];
  /** The listings in an order the solver numbers its rows by; the vacancies' rows follow. */
  readonly listingIds: readonly string[];
  readonly rowOf = new Map<string, number>();
  readonly vacancyRowOf = new Map<string, number>();
  private readonly rowOfSlot: Int32Array;
  private readonly chains: MarketChains;

  /** `excluded` holds the keys of cycles and chains never to choose (declined or closed proposals). */
  constructor(
    candidates: readonly MatchCandidate[],
    private readonly excluded: ReadonlySet<string> = new Set(),
    vacancies: readonly VacancyCandidate[] = [],
  ) {
    const interner = new Interner();
    for (const candidate of candidates) this.graph.add(compileListing(candidate, interner));
    this.listingIds = candidates.map((c) => c.id);
    this.listingIds.forEach((id, row) => this.rowOf.set(id, row));
    vacancies.forEach((v, i) => this.vacancyRowOf.set(v.id, candidates.length + i));
    this.rowOfSlot = new Int32Array(this.graph.columns.capacity + 1);
    for (const id of this.listingIds)
      this.rowOfSlot[this.graph.slotOf(id) as number] = this.rowOf.get(id) as number;
    this.chains = new MarketChains(this.graph, vacancies, interner);
  }

  /** Rows of the LP: one per listing, then one per vacancy. */
  get rowCount(): number {
    return this.listingIds.length + this.vacancyRowOf.size;
  }

  get vacancyCount(): number {
    return this.vacancyRowOf.size;
  }

  /** The LP rows a column uses: its listings, and its vacancy for a chain. */
  rowsOf(column: PlanCycle): number[] {
    const rows = column.listingIds.map((id) => this.rowOf.get(id) as number);
    if (column.vacancyId !== undefined)
      rows.push(this.vacancyRowOf.get(column.vacancyId) as number);
    return rows;
  }

  /** The proposal of a chosen cycle (not a chain: chains are explained by their own builder), explained to each participant, as the matcher would have stored it. */
  proposalOf(cycle: PlanCycle, names: PlaceNames): Proposal {
    const slots = cycle.listingIds.map((id) => this.graph.slotOf(id) as number);
    return new ProposalBuilder(names).build({ ...cycle, slots }, this.graph.columns);
  }

  private cycle(slots: readonly number[], score: number): PlanCycle {
    const listingIds = slots.map((s) => this.graph.listingAt(s).id);
    const key = cycleKey(listingIds);
    return { key, size: slots.length, score, listingIds: key.split('|') };
  }

  /** Each listing's best `perListing` 2-cycles (all of them when Infinity), each cycle once. */
  twoCycles(perListing = Number.POSITIVE_INFINITY): PlanCycle[] {
    const byKey = new Map<string, PlanCycle>();
    for (const a of this.graph.slots()) {
      const into = this.graph.markIncoming(a);
      const out = this.graph.acceptedBy(a);
      const moves = this.graph.outgoingMoves(a);
      const found: PlanCycle[] = [];
      for (let i = 0; i < out.length; i++) {
        const b = out[i] as number;
        const back = into.get(b);
        if (back === undefined) continue;
        const cycle = this.cycle([a, b], cycleScore([moves[i] as number, back]));
        if (!this.excluded.has(cycle.key)) found.push(cycle);
      }
      found.sort((x, y) => y.score - x.score);
      for (const cycle of found.slice(0, perListing)) byKey.set(cycle.key, cycle);
    }
    return [...byKey.values()];
  }

  /** How many listings belong to at least one cycle: a bound no plan of cycles can pass, whatever its method. */
  listingsInCycles(): number {
    const marks = new Uint8Array(this.graph.columns.capacity + 1);
    this.markListingsInCycles(marks);
    return marks.reduce((count, m) => count + m, 0);
  }

  /** How many listings belong to at least one cycle or chain: a bound no plan can pass. */
  listingsInCyclesOrChains(): number {
    const marks = new Uint8Array(this.graph.columns.capacity + 1);
    this.markListingsInCycles(marks);
    this.chains.markListingsInChains(marks);
    return marks.reduce((count, m) => count + m, 0);
  }

  private markListingsInCycles(marks: Uint8Array): void {
    for (const a of this.graph.slots()) {
      const into = this.graph.markIncoming(a);
      const out = this.graph.acceptedBy(a);
      let found = false;
      for (let i = 0; i < out.length && !found; i++) {
        const b = out[i] as number;
        if (into.has(b)) found = this.allowed([a, b]);
        const next = this.graph.acceptedBy(b);
        for (let j = 0; j < next.length && !found; j++) {
          const c = next[j] as number;
          if (c !== a && into.has(c)) found = this.allowed([a, b, c]);
        }
      }
      if (found) marks[a] = 1;
    }
  }

  private allowed(slots: readonly number[]): boolean {
    return (
      this.excluded.size === 0 ||
      !this.excluded.has(cycleKey(slots.map((s) => this.graph.listingAt(s).id)))
    );
  }

  /**
   * The pricing step: cycles with weight − Σ duals of their listings > `epsilon` (a negative
   * `epsilon` also returns cycles that cost the LP a little, those that may close an integrality gap). Each cycle is
   * walked once, from the first of its listings in the visiting order (lowest dual first, so that
   * a time budget is spent where cycles are most likely to pay); partners are visited by rising
   * dual so that the walk stops as soon as no cycle can pay. Chains are priced first (a few passes
   * over the acceptance lists, where one pass over the 3-cycles of a large market takes minutes),
   * unless `chains` is false (by default, unless `twoWayOnly`).
   */
  price(
    duals: Float64Array,
    options: {
      perStart?: number;
      epsilon?: number;
      budgetMs?: number;
      twoWayOnly?: boolean;
      chains?: boolean;
      /** Chains priced per vacancy and round; 4 × `perStart` unless set. */
      perVacancy?: number;
    } = {},
  ): Pricing {
    const maxSize = options.twoWayOnly === true ? 2 : 3;
    const perStart = options.perStart ?? 8;
    const epsilon = options.epsilon ?? 1e-9;
    const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
    const graph = this.graph;
    const slots = [...graph.slots()];
    const dual = new Float64Array(graph.columns.capacity + 1);
    for (const s of slots) dual[s] = Math.max(0, duals[this.rowOfSlot[s] as number] as number);
    // Each listing's accepted dwellings by rising dual, so the inner walk can stop early.
    const byDual = new Map<number, Int32Array>();
    for (const s of slots)
      byDual.set(
        s,
        Int32Array.from(graph.acceptedBy(s)).sort(
          (x, y) => (dual[x] as number) - (dual[y] as number),
        ),
      );
    const visited = new Uint8Array(graph.columns.capacity + 1);
    const bestShare = new Float64Array(graph.columns.capacity + 1);
    const order = slots.sort((x, y) => (dual[x] as number) - (dual[y] as number));
    const columns: PlanCycle[] = [];
    const best3 = maxSize + SCORE_WEIGHT * MAX_PLAN_SCORE;
    let complete = true;
    let vacancyBound = 0;
    if (options.chains ?? maxSize === 3) {
      const vacancyDual = new Float64Array(this.vacancyRowOf.size);
      for (const [, row] of this.vacancyRowOf)
        vacancyDual[row - this.listingIds.length] = Math.max(0, duals[row] ?? 0);
      const chains = this.chains.price(dual, vacancyDual, bestShare, {
        perVacancy: options.perVacancy ?? 4 * perStart,
        epsilon,
        deadline,
        allowed: (key) => this.excluded.size === 0 || !this.excluded.has(key),
      });
      columns.push(...chains.columns);
      complete = chains.complete;
      vacancyBound = chains.vacancyBound;
    }
    const share = (members: readonly number[], gain: number) => {
      if (gain <= 0) return;
      for (const m of members)
        bestShare[m] = Math.max(bestShare[m] as number, gain / members.length);
    };
    for (const a of order) {
      if (performance.now() > deadline) {
        complete = false;
        break;
      }
      visited[a] = 1;
      const ya = dual[a] as number;
      const into = graph.markIncoming(a);
      const out = byDual.get(a) as Int32Array;
      const found: { gain: number; slots: number[]; score: number }[] = [];
      for (let i = 0; i < out.length; i++) {
        const b = out[i] as number;
        const yab = ya + (dual[b] as number);
        if (yab >= best3 - epsilon) break;
        if (visited[b] === 1) continue;
        const la = graph.listingAt(a);
        const lb = graph.listingAt(b);
        const ab = moveScore(la, lb);
        const back = into.get(b);
        if (back !== undefined) {
          const score = cycleScore([ab, back]);
          const gain = planWeight({ size: 2, score }) - yab;
          if (gain > epsilon && this.allowed([a, b])) {
            found.push({ gain, slots: [a, b], score });
            share([a, b], gain);
          }
        }
        if (maxSize === 2) continue;
        const next = byDual.get(b) as Int32Array;
        const limit = best3 - epsilon - yab;
        for (let j = 0; j < next.length; j++) {
          const c = next[j] as number;
          if ((dual[c] as number) >= limit) break;
          if (visited[c] === 1 || c === a) continue;
          const ca = into.get(c);
          if (ca === undefined) continue;
          const score = cycleScore([ab, moveScore(lb, graph.listingAt(c)), ca]);
          const gain = planWeight({ size: 3, score }) - yab - (dual[c] as number);
          if (gain > epsilon && this.allowed([a, b, c])) {
            found.push({ gain, slots: [a, b, c], score });
            share([a, b, c], gain);
          }
        }
      }
      found.sort((x, y) => y.gain - x.gain);
      for (const f of found.slice(0, perStart)) columns.push(this.cycle(f.slots, f.score));
    }
    let bound = vacancyBound;
    for (const s of graph.slots()) bound += (dual[s] as number) + (bestShare[s] as number);
    return { columns, complete, bound };
  }
}
