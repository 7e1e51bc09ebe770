/**
 * What one period's statistics publish, as figure cells: the quartier table, the commune table
 * with the CINOR total, the flows between quartiers and CINOR's monthly series. A cell is keyed
 * `from/to|scope|field`; the stock of active listings at a month's end is ONE cell whichever
 * period ends with that month, and a series point is the cell of its month.
 */
import type { ReferenceData } from '../reference/index';
import type {
  CommuneRow,
  Figure,
  FlowRow,
  Indicators,
  QuartierRow,
  SeriesPoint,
} from '../schemas/stats';
import {
  cinorSeries,
  communeRows,
  flowRows,
  quartierRows,
  totalsOf,
  type Aggregate,
  type Period,
} from './indicators';
import { CINOR_SCOPE, scopes } from './scopes';

export interface Publication {
  period: Period;
  quartiers: QuartierRow[];
  communes: CommuneRow[];
  flows: FlowRow[];
  series: SeriesPoint[];
}

/** Counts a row publishes as plain figures. */
export const COUNT_FIELDS = [
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
] as const;
/** Counts a row publishes by key (typology, motive, reason): `field.key`. */
export const BREAKDOWN_FIELDS = [
  'offeredByTypology',
  'wantedByTypology',
  'motives',
  'refusalReasons',
] as const;
export const SERIES_FIELDS = [
  'activeListings',
  'newListings',
  'matches2',
  'matches3',
  'swapsRequested',
  'swapsCompleted',
] as const;
export const FLOW_FIELD = 'moves';

export const periodId = (period: Period) => `${period.from}/${period.to}`;

export function cellId(period: Period, scope: string, field: string): string {
  const at = field === 'activeListings' ? { from: period.to, to: period.to } : period;
  return `${periodId(at)}|${scope}|${field}`;
}

export function parseCellId(id: string): { period: Period; scope: string; field: string } {
  const [span = '', scope = '', field = ''] = id.split('|');
  const [from = '', to = ''] = span.split('/');
  return { period: { from, to }, scope, field };
}

export const scopeOfCommuneRow = (row: Pick<CommuneRow, 'communeCode'>) =>
  row.communeCode === CINOR_SCOPE ? CINOR_SCOPE : scopes.commune(row.communeCode);

/** The exact figures of one period, before any masking. */
export function exactPublication(
  aggregates: readonly Aggregate[],
  reference: ReferenceData,
  period: Period,
): Publication {
  const totals = totalsOf(aggregates, period);
  return {
    period,
    quartiers: quartierRows(totals, reference, false),
    communes: communeRows(totals, reference),
    flows: flowRows(totals, reference, false),
    series: cinorSeries(aggregates, period),
  };
}

/** The count figures of a row, by field (`motives.work`, `offeredByTypology.T3`…). */
export function countsOf(row: Indicators): Array<[string, Figure]> {
  return [
    ...COUNT_FIELDS.map((field): [string, Figure] => [field, row[field]]),
    ...BREAKDOWN_FIELDS.flatMap((field) =>
      Object.entries(row[field]).map(([key, value]): [string, Figure] => [
        `${field}.${key}`,
        value,
      ]),
    ),
  ];
}

/** Every count cell of a publication with its figure. */
export function cellsOfPublication(publication: Publication): Map<string, Figure> {
  const cells = new Map<string, Figure>();
  const { period } = publication;
  for (const row of publication.quartiers)
    for (const [field, value] of countsOf(row))
      cells.set(cellId(period, scopes.quartier(row.quartierId), field), value);
  for (const row of publication.communes)
    for (const [field, value] of countsOf(row))
      cells.set(cellId(period, scopeOfCommuneRow(row), field), value);
  for (const row of publication.flows)
    cells.set(
      cellId(period, scopes.flow(row.fromQuartierId, row.toQuartierId), FLOW_FIELD),
      row.moves,
    );
  for (const point of publication.series) {
    for (const field of SERIES_FIELDS)
      cells.set(cellId({ from: point.month, to: point.month }, CINOR_SCOPE, field), point[field]);
  }
  return cells;
}
