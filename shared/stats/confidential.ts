/**
 * A period's publication as CINOR sees it: the cells of the year's suppression pattern masked
 * ("< 5" for a primary cell, "secret" for a cell masked to protect another), and what could be
 * derived from a masked count withheld too (an attractiveness ratio, a median over masked counts).
 * Masked flows are listed by name, never by size, and a flow masked at zero is listed like the
 * others so that absence tells nothing.
 */
import type {
  CommuneRow,
  Figure,
  FlowRow,
  Indicators,
  QuartierRow,
  SeriesPoint,
} from '../schemas/stats';
import { MASK, SECRET } from './masking';
import {
  FLOW_FIELD,
  SERIES_FIELDS,
  cellId,
  countsOf,
  parseCellId,
  periodId,
  scopeOfCommuneRow,
  type Publication,
} from './publication';
import { CINOR_SCOPE, parseScope, scopes } from './scopes';
import type { MaskPattern } from './suppression';

const SIMPLE = new Set<string>([
  'activeListings',
  'newListings',
  'wantedListings',
  'matches2',
  'matches3',
  'swapsRequested',
  'swapsApproved',
  'swapsRefused',
  'swapsCompleted',
  'swapsCancelledAfterApproval',
  'movesIn',
  'movesOut',
  'overOccupationResolved',
  'underOccupationResolved',
  'chainMoves',
  'dwellingsReleased',
]);

function maskRow<Row extends Indicators>(
  row: Row,
  masked: (field: string) => Figure | undefined,
  extra: string[],
): Row {
  const out: Record<string, unknown> = { ...row };
  for (const key of ['offeredByTypology', 'wantedByTypology', 'motives', 'refusalReasons'])
    out[key] = { ...(row[key as keyof Indicators] as object) };
  for (const [field] of [...countsOf(row), ...extra.map((f): [string, Figure] => [f, 0])]) {
    const figure = masked(field);
    if (figure === undefined) continue;
    const [name = '', key] = field.split('.');
    if (key === undefined) out[name] = figure;
    else (out[name] as Record<string, Figure>)[key] = figure;
  }
  const hidden = (field: string) => masked(field) !== undefined;
  if (hidden('newListings') || hidden('wantedListings')) out.attractiveness = null;
  if (hidden('swapsApproved') || hidden('swapsRefused'))
    out.medianDaysToDecision = row.medianDaysToDecision === null ? null : SECRET;
  if (hidden('movesOut'))
    out.medianDaysToCompletion = row.medianDaysToCompletion === null ? null : SECRET;
  return out as Row;
}

/** Masked cells by period and scope, read once for all the year's publications. */
export function maskedByPeriod(pattern: MaskPattern): Map<string, Map<string, string[]>> {
  const index = new Map<string, Map<string, string[]>>();
  for (const id of pattern.keys()) {
    const cell = parseCellId(id);
    const period = periodId(cell.period);
    const scopes = index.get(period) ?? new Map<string, string[]>();
    scopes.set(cell.scope, [...(scopes.get(cell.scope) ?? []), cell.field]);
    index.set(period, scopes);
  }
  return index;
}

export function confidentialPublication(
  publication: Publication,
  pattern: MaskPattern,
  index = maskedByPeriod(pattern),
): Publication {
  const { period } = publication;
  const masked = index.get(periodId(period)) ?? new Map<string, string[]>();
  // Masked breakdown keys a row may not list (a reason masked at zero) are listed too.
  const extras = (scope: string) => (masked.get(scope) ?? []).filter((field) => !SIMPLE.has(field));
  const figureAt =
    (scope: string) =>
    (field: string): Figure | undefined => {
      const kind = pattern.get(cellId(period, scope, field));
      return kind === undefined ? undefined : kind === 'primary' ? MASK : SECRET;
    };
  const quartiers: QuartierRow[] = publication.quartiers.map((row) => {
    const scope = scopes.quartier(row.quartierId);
    return maskRow(row, figureAt(scope), extras(scope));
  });
  const communes: CommuneRow[] = publication.communes.map((row) =>
    maskRow(row, figureAt(scopeOfCommuneRow(row)), extras(scopeOfCommuneRow(row))),
  );
  const flowScopes = [...masked.keys()].filter((scope) => parseScope(scope)?.kind === 'flow');
  return {
    period,
    quartiers,
    communes,
    flows: confidentialFlows(publication, pattern, flowScopes),
    series: publication.series.map((point) => maskPoint(point, pattern)),
  };
}

function confidentialFlows(
  publication: Publication,
  pattern: MaskPattern,
  maskedScopes: string[],
): FlowRow[] {
  const { period } = publication;
  const byId = new Map(publication.quartiers.map((q) => [q.quartierId, q]));
  const rows = new Map(
    publication.flows.map((row) => [scopes.flow(row.fromQuartierId, row.toQuartierId), row]),
  );
  for (const scope of maskedScopes) {
    const parsed = parseScope(scope);
    if (parsed?.kind !== 'flow' || rows.has(scope)) continue;
    const [from, to] = [byId.get(parsed.id), byId.get(parsed.to!)];
    if (!from || !to) continue;
    rows.set(scope, {
      fromCommuneCode: from.communeCode,
      fromQuartierId: from.quartierId,
      fromQuartierName: from.quartierName,
      toCommuneCode: to.communeCode,
      toQuartierId: to.quartierId,
      toQuartierName: to.quartierName,
      moves: 0,
    });
  }
  return [...rows]
    .map(([scope, row]): FlowRow => {
      const kind = pattern.get(cellId(period, scope, FLOW_FIELD));
      return kind === undefined ? row : { ...row, moves: kind === 'primary' ? MASK : SECRET };
    })
    .sort(
      (a, b) =>
        a.fromQuartierName.localeCompare(b.fromQuartierName, 'fr') ||
        a.toQuartierName.localeCompare(b.toQuartierName, 'fr'),
    );
}

function maskPoint(point: SeriesPoint, pattern: MaskPattern): SeriesPoint {
  const out: Record<string, unknown> = { ...point };
  for (const field of SERIES_FIELDS) {
    const kind = pattern.get(cellId({ from: point.month, to: point.month }, CINOR_SCOPE, field));
    if (kind) out[field] = kind === 'primary' ? MASK : SECRET;
  }
  return out as SeriesPoint;
}
