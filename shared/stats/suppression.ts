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
import { FLOW_FIELD, cellId, cellsOfPublication, parseCellId, type Publication } from './publication';
import { parseScope, scopes } from './scopes';

export type MaskKind = 'primary' | 'secondary';
export type MaskPattern = Map<string, MaskKind>;

/** Counts additive over space: a commune's is the sum of its quartiers', CINOR's of its communes'. */
const ADDITIVE = /^(activeListings|newListings|offeredByTypology\..*|motives\..*|movesIn|movesOut|overOccupationResolved|underOccupationResolved)$/;
const LISTING_UNIT = /^(newListings|offeredByTypology\..*|motives\..*)$/;

interface Move {
  cells: string[];
  sameCommune: boolean;
}

const number = (value: Figure | undefined) => (typeof value === 'number' ? value : 0);

export function isPrimary(scope: string, value: number): boolean {
  const kind = parseScope(scope)?.kind;
  return (kind === 'quartier' || kind === 'flow') && value >= 1 && value <= 4;
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
        if (parsed?.kind === 'flow' && number(value) > 0) this.flows.set(period.from, [...(this.flows.get(period.from) ?? []), [parsed.id, parsed.to!]]);
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

/** The cells of `field` at `scope` that a change in `month` touches (the stock: its month's end only). */
function lift(month: string, scope: string, field: string): string[] {
  if (field === 'activeListings') return [cellId({ from: month, to: month }, scope, field)];
  return KINDS.map((kind) => cellId(presetPeriod(kind, month), scope, field));
}

/** Moving one unit of `fields` in `month` from quartier `from` to quartier `to`. */
function quartierMove(table: YearTable, month: string, from: string, to: string, fields: string[]): Move {
  const [fromCommune, toCommune] = [table.communeOf.get(from), table.communeOf.get(to)];
  const sameCommune = fromCommune === toCommune;
  const cells = fields.flatMap((field) => [
    ...lift(month, scopes.quartier(from), field),
    ...lift(month, scopes.quartier(to), field),
    ...(!sameCommune && ADDITIVE.test(field) ? [...lift(month, scopes.commune(fromCommune ?? ''), field), ...lift(month, scopes.commune(toCommune ?? ''), field)] : []),
  ]);
  return { cells, sameCommune };
}

/** The fields one unit of `field` carries at `quartier` in `month`, or undefined if none is there. */
function unitFields(table: YearTable, month: string, quartier: string, field: string): string[] | undefined {
  const scope = scopes.quartier(quartier);
  if (table.base(month, scope, field) < 1) return undefined;
  if (!LISTING_UNIT.test(field)) return [field];
  // A published listing counts once in newListings, once in one typology and once in one motive.
  if (table.base(month, scope, 'newListings') < 1) return undefined;
  const pick = (prefix: string) => (field.startsWith(prefix) ? field : table.fieldsAt(month, scope).find((f) => f.startsWith(prefix) && table.base(month, scope, f) >= 1));
  const typology = pick('offeredByTypology.');
  const motive = pick('motives.');
  return typology && motive ? ['newListings', typology, motive] : undefined;
}

/** Candidate moves changing a primary cell, in one month of its period. */
function movesFor(table: YearTable, id: string): Move[] {
  const { period, scope, field } = parseCellId(id);
  const parsed = parseScope(scope);
  const months = field === 'activeListings' ? [period.to] : monthsBetween(period.from, period.to);
  const others = (quartier: string) => table.quartiers.filter((q) => q !== quartier);
  return months.flatMap((month): Move[] => {
    const flows = table.flows.get(month) ?? [];
    // A move's flow (a→b) counts in movesOut of a and movesIn of b: move its arrival or its departure.
    const arrivalMoves = (a: string, b: string) =>
      others(b).map((b2) => withFlows(quartierMove(table, month, b, b2, ['movesIn']), month, [[a, b], [a, b2]]));
    const departureMoves = (a: string, b: string) =>
      others(a).map((a2) => withFlows(quartierMove(table, month, a, a2, ['movesOut']), month, [[a, b], [a2, b]]));
    if (parsed?.kind === 'flow') return table.base(month, scope, FLOW_FIELD) >= 1 ? arrivalMoves(parsed.id, parsed.to!) : [];
    if (parsed?.kind !== 'quartier') return [];
    if (field === 'movesIn') return flows.filter(([, b]) => b === parsed.id).slice(0, 1).flatMap(([a, b]) => arrivalMoves(a, b));
    if (field === 'movesOut') return flows.filter(([a]) => a === parsed.id).slice(0, 1).flatMap(([a, b]) => departureMoves(a, b));
    const fields = unitFields(table, month, parsed.id, field);
    return fields ? others(parsed.id).map((q2) => quartierMove(table, month, parsed.id, q2, fields)) : [];
  });
}

function withFlows(move: Move, month: string, flows: Array<[string, string]>): Move {
  return { ...move, cells: [...move.cells, ...flows.flatMap(([a, b]) => lift(month, scopes.flow(a, b), FLOW_FIELD))] };
}

/**
 * The cells to mask over a year's publications (all the periods CINOR may ask for in that year):
 * primary cells (quartier and flow counts 1–4) and the secondary cells of their moves.
 */
export function suppressionPattern(publications: readonly Publication[]): MaskPattern {
  const table = new YearTable(publications);
  const pattern: MaskPattern = new Map();
  const primaries = [...table.values].filter(([id, value]) => isPrimary(parseCellId(id).scope, value)).map(([id]) => id);
  for (const id of primaries) pattern.set(id, 'primary');
  // Months first: a month's move also protects the quarter, semester and year holding it.
  const bySpan = (id: string) => monthsBetween(parseCellId(id).period.from, parseCellId(id).period.to).length;
  const changed = new Set<string>();
  for (const id of primaries.sort((a, b) => bySpan(a) - bySpan(b) || (a < b ? -1 : 1))) {
    if (changed.has(id)) continue;
    let best: { move: Move; cost: number } | undefined;
    for (const move of movesFor(table, id)) {
      const cost = new Set(move.cells.filter((cell) => !pattern.has(cell))).size;
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
