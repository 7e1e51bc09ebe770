/**
 * Complementary suppression for the `cinor` role, over a whole calendar year at once (every period
 * CINOR may ask for lies inside one year, and they overlap: a quarter is the sum of its months).
 *
 * Primary cells: quartier and flow counts from 1 to 4. Each primary cell is then protected by a
 * *move*: one listing (or stock unit, decision, move…) of its quartier is moved, in one month, to
 * another quartier. The move changes a known set of cells — the two quartiers in every period
 * holding that month, their communes when they differ, the flows and row totals the unit belongs
 * to — and leaves every other cell, every row total, commune total, CINOR total and period sum as
 * it was. All the cells it changes are masked. So the published figures fit two markets that
 * differ on every masked cell of the move: no combination of published cells, of this period and
 * of the periods overlapping it, can tell the masked value (each masked cell can move by one).
 * Among candidate moves the one masking the fewest new cells wins, and a primary cell already
 * changed by an earlier move needs none of its own.
 */
import type { Figure } from '../schemas/stats';
import { monthsBetween, presetPeriod, type PresetKind } from './period';
import {
  FLOW_FIELD,
  cellId,
  cellsOfPublication,
  parseCellId,
  type Publication,
} from './publication';
import { CINOR_SCOPE, parseScope, scopes } from './scopes';

export type MaskKind = 'primary' | 'secondary';
export type MaskPattern = Map<string, MaskKind>;

/** Counts additive over space: a commune's is the sum of its quartiers', CINOR's of its communes'. */
const ADDITIVE =
  /^(activeListings|newListings|offeredByTypology\..*|motives\..*|movesIn|movesOut|overOccupationResolved|underOccupationResolved|chainMoves|dwellingsReleased)$/;
const LISTING_UNIT = /^(newListings|offeredByTypology\..*|motives\..*)$/;

/** One unit (a listing, a decision, a move…) added or removed in a month: the cells it counts in at quartier or flow level. */
interface UnitDelta {
  month: string;
  parts: Array<[scope: string, field: string]>;
  sign: 1 | -1;
}

interface Move {
  cells: string[];
}

const number = (value: Figure | undefined) => (typeof value === 'number' ? value : 0);

export function isPrimary(scope: string, value: number): boolean {
  const kind = parseScope(scope)?.kind;
  return (kind === 'quartier' || kind === 'flow') && value >= 1 && value <= 4;
}

const weights = new Map<string, number>();

/** Masking a year's quartier cell costs more than a month's, a commune's more than a quartier's. */
function weightOf(id: string): number {
  let weight = weights.get(id);
  if (weight === undefined) {
    const { period, scope } = parseCellId(id);
    const kind = parseScope(scope)?.kind;
    weight =
      monthsBetween(period.from, period.to).length *
      (kind === 'cinor' ? 16 : kind === 'commune' ? 4 : 1);
    if (weights.size > 200_000) weights.clear();
    weights.set(id, weight);
  }
  return weight;
}

class YearTable {
  readonly values = new Map<string, number>();
  /** Fields present at `month|scope` (breakdown keys vary by row). */
  private readonly fields = new Map<string, string[]>();
  readonly quartiers: string[] = [];
  readonly communeOf = new Map<string, string>();
  /** Flows of each month with at least one move: [from, to]. */
  readonly flows = new Map<string, Array<[string, string]>>();

  constructor(publications: readonly Publication[]) {
    for (const publication of publications) {
      for (const [id, value] of cellsOfPublication(publication)) {
        this.values.set(id, number(value));
        const { period, scope, field } = parseCellId(id);
        if (period.from !== period.to) continue;
        const key = `${period.from}|${scope}`;
        this.fields.set(key, [...(this.fields.get(key) ?? []), field]);
        const parsed = parseScope(scope);
        if (parsed?.kind === 'flow' && number(value) > 0)
          this.flows.set(period.from, [
            ...(this.flows.get(period.from) ?? []),
            [parsed.id, parsed.to!],
          ]);
      }
      for (const row of publication.quartiers) {
        if (this.communeOf.has(row.quartierId)) continue;
        this.communeOf.set(row.quartierId, row.communeCode);
        this.quartiers.push(row.quartierId);
      }
    }
  }

  base(month: string, scope: string, field: string): number {
    return this.values.get(cellId({ from: month, to: month }, scope, field)) ?? 0;
  }

  fieldsAt(month: string, scope: string): string[] {
    return this.fields.get(`${month}|${scope}`) ?? [];
  }
}

const KINDS: PresetKind[] = ['month', 'quarter', 'semester', 'year'];
/** Partner quartiers tried per month: enough to find a cheap move, few enough to answer fast. */
const PARTNERS = 2;

const lifts = new Map<string, string[]>();

/** The cells of `field` at `scope` that a change in `month` touches (the stock: its month's end only). */
function lift(month: string, scope: string, field: string): string[] {
  const key = `${month}|${scope}|${field}`;
  let cells = lifts.get(key);
  if (!cells) {
    cells =
      field === 'activeListings'
        ? [cellId({ from: month, to: month }, scope, field)]
        : KINDS.map((kind) => cellId(presetPeriod(kind, month), scope, field));
    if (lifts.size > 200_000) lifts.clear();
    lifts.set(key, cells);
  }
  return cells;
}

/** The published cells a set of unit changes alters: their sums over periods, communes and CINOR, net of each other. */
function supportOf(table: YearTable, deltas: UnitDelta[]): string[] {
  const net = new Map<string, number>();
  for (const { month, parts, sign } of deltas) {
    for (const [scope, field] of parts) {
      const parsed = parseScope(scope);
      const commune = parsed?.kind === 'quartier' ? table.communeOf.get(parsed.id) : undefined;
      const rolled =
        commune !== undefined && ADDITIVE.test(field)
          ? [scope, scopes.commune(commune), CINOR_SCOPE]
          : [scope];
      for (const at of rolled)
        for (const cell of lift(month, at, field)) net.set(cell, (net.get(cell) ?? 0) + sign);
    }
  }
  return [...net].filter(([, value]) => value !== 0).map(([cell]) => cell);
}

/**
 * For a typology or motive: one listing of quartier q counted under another key in the same month,
 * and one of the partner quartier the other way round. New listings, the other breakdown,
 * communes and CINOR keep their totals.
 */
function categorySwaps(
  table: YearTable,
  month: string,
  scope: string,
  partner: string,
  field: string,
): Move[] {
  const prefix = /^(offeredByTypology|motives)\./.exec(field)?.[0];
  if (!prefix) return [];
  const other = scopes.quartier(partner);
  return table
    .fieldsAt(month, other)
    .filter((f) => f !== field && f.startsWith(prefix) && table.base(month, other, f) >= 1)
    .slice(0, 2)
    .map((swapped) => ({
      cells: supportOf(table, [
        { month, parts: [[scope, field]], sign: -1 },
        { month, parts: [[scope, swapped]], sign: 1 },
        { month, parts: [[other, field]], sign: 1 },
        { month, parts: [[other, swapped]], sign: -1 },
      ]),
    }));
}

/** The fields one unit of `field` carries at `quartier` in `month`, or undefined if none is there. */
function unitFields(
  table: YearTable,
  month: string,
  quartier: string,
  field: string,
): string[] | undefined {
  const scope = scopes.quartier(quartier);
  if (table.base(month, scope, field) < 1) return undefined;
  if (!LISTING_UNIT.test(field)) return [field];
  // A published listing counts once in newListings, once in one typology and once in one motive.
  if (table.base(month, scope, 'newListings') < 1) return undefined;
  const pick = (prefix: string) =>
    field.startsWith(prefix)
      ? field
      : table
          .fieldsAt(month, scope)
          .find((f) => f.startsWith(prefix) && table.base(month, scope, f) >= 1);
  const typology = pick('offeredByTypology.');
  const motive = pick('motives.');
  return typology && motive ? ['newListings', typology, motive] : undefined;
}

const available = (table: YearTable, month: string, parts: Array<[string, string]>) =>
  parts.every(([scope, field]) => table.base(month, scope, field) >= 1);

/** The months whose swap with `month` changes a cell of `period` but no longer period above it. */
function siblingMonths(period: { from: string; to: string }, month: string): string[] {
  const span = monthsBetween(period.from, period.to).length;
  const parent = ({ 1: 'quarter', 3: 'semester', 6: 'year' } as const)[span as 1 | 3 | 6];
  if (!parent) return [];
  const outer = presetPeriod(parent, month);
  return monthsBetween(outer.from, outer.to).filter((m) => m < period.from || m > period.to);
}

/**
 * Candidate moves changing a primary cell: one unit of its quartier leaves for another quartier
 * in the same month, or (a rectangle) swaps months with a unit of another quartier so that the
 * longer periods, communes and CINOR keep their totals.
 */
function movesFor(table: YearTable, id: string): Move[] {
  const { period, scope, field } = parseCellId(id);
  const parsed = parseScope(scope);
  if (!parsed || (parsed.kind !== 'quartier' && parsed.kind !== 'flow')) return [];
  const months = (
    field === 'activeListings' ? [period.to] : monthsBetween(period.from, period.to)
  ).filter((m) => table.base(m, scope, field) >= 1);
  // The unit's parts at quartier q, and at the partner quartier that takes its place.
  let unitAt: (
    month: string,
  ) => { home: string; parts: (quartier: string) => Array<[string, string]> } | undefined;
  if (parsed.kind === 'flow' || field === 'movesIn') {
    unitAt = (month) => {
      const flow =
        parsed.kind === 'flow'
          ? ([parsed.id, parsed.to!] as const)
          : table.flows.get(month)?.find(([, b]) => b === parsed.id);
      if (!flow) return undefined;
      return {
        home: flow[1],
        parts: (b) => [
          [scopes.quartier(b), 'movesIn'],
          [scopes.flow(flow[0], b), FLOW_FIELD],
        ],
      };
    };
  } else if (field === 'movesOut') {
    unitAt = (month) => {
      const flow = table.flows.get(month)?.find(([a]) => a === parsed.id);
      if (!flow) return undefined;
      return {
        home: flow[0],
        parts: (a) => [
          [scopes.quartier(a), 'movesOut'],
          [scopes.flow(a, flow[1]), FLOW_FIELD],
        ],
      };
    };
  } else {
    unitAt = (month) => {
      const fields = unitFields(table, month, parsed.id, field);
      return fields
        ? {
            home: parsed.id,
            parts: (q) => fields.map((f): [string, string] => [scopes.quartier(q), f]),
          }
        : undefined;
    };
  }
  const moves: Move[] = [];
  for (const month of months.slice(0, 2)) {
    if (moves.length > 0) break;
    const unit = unitAt(month);
    if (!unit) continue;
    const commune = table.communeOf.get(unit.home);
    const near = table.quartiers.filter(
      (q) => q !== unit.home && table.communeOf.get(q) === commune,
    );
    // The partners most likely masked already: small counts of the same field first, then zeros.
    const rank = (q: string) => {
      const value = table.base(month, scopes.quartier(q), field === FLOW_FIELD ? 'movesIn' : field);
      return value === 0 ? 1_000 : value;
    };
    const partners = (near.length > 0 ? near : table.quartiers.filter((q) => q !== unit.home))
      .map((q) => [q, rank(q)] as const)
      .sort((a, b) => a[1] - b[1])
      .slice(0, PARTNERS)
      .map(([q]) => q);
    const siblings = field === 'activeListings' ? [] : siblingMonths(period, month).slice(0, 1);
    for (const partner of partners) {
      moves.push(...categorySwaps(table, month, scope, partner, field));
      moves.push({
        cells: supportOf(table, [
          { month, parts: unit.parts(unit.home), sign: -1 },
          { month, parts: unit.parts(partner), sign: 1 },
        ]),
      });
      for (const other of siblings) {
        if (!available(table, other, unit.parts(partner))) continue;
        moves.push({
          cells: supportOf(table, [
            { month, parts: unit.parts(unit.home), sign: -1 },
            { month: other, parts: unit.parts(unit.home), sign: 1 },
            { month, parts: unit.parts(partner), sign: 1 },
            { month: other, parts: unit.parts(partner), sign: -1 },
          ]),
        });
      }
    }
  }
  return moves;
}

/**
 * The cells to mask over a year's publications (all the periods CINOR may ask for in that year):
 * primary cells (quartier and flow counts 1–4) and the secondary cells of their moves.
 */
export function suppressionPattern(publications: readonly Publication[]): MaskPattern {
  const table = new YearTable(publications);
  const pattern: MaskPattern = new Map();
  const primaries = [...table.values]
    .filter(([id, value]) => isPrimary(parseCellId(id).scope, value))
    .map(([id]) => id);
  for (const id of primaries) pattern.set(id, 'primary');
  // Months first: a month's move often protects the quarter, semester and year holding it.
  const spanOf = (id: string) =>
    monthsBetween(...(id.slice(0, 15).split('/') as [string, string])).length;
  const ordered = primaries
    .map((id) => [spanOf(id), id] as const)
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  const changed = new Set<string>();
  for (const [, id] of ordered) {
    if (changed.has(id)) continue;
    let best: { move: Move; cost: number } | undefined;
    for (const move of movesFor(table, id)) {
      const cost = move.cells.reduce(
        (sum, cell) => sum + (pattern.has(cell) ? 0 : weightOf(cell)),
        0,
      );
      if (!best || cost < best.cost) best = { move, cost };
    }
    if (!best) throw new Error(`no protecting move for ${id}`);
    for (const cell of best.move.cells) {
      changed.add(cell);
      if (!pattern.has(cell)) pattern.set(cell, 'secondary');
    }
  }
  return pattern;
}
