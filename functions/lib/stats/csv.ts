/**
 * CSV for French Excel: `;` between fields, decimal comma, UTF-8 byte order mark, French headers.
 * Masked counts stay "< 5".
 */
import { stringify } from 'csv-stringify/sync';
import { TYPOLOGIES, type ReferenceData } from '../../../shared/reference/index';
import type { CommuneRow, FlowRow, Indicators, QuartierRow } from '../../../shared/schemas/stats';

const BOM = '\uFEFF';
type Cell = string | number | null;

const frenchNumber = (value: Cell | undefined): string => {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value).replace('.', ',') : value;
};

function toCsv(header: string[], rows: Cell[][]): string {
  return (
    BOM +
    stringify([header, ...rows.map((row) => row.map(frenchNumber))], {
      delimiter: ';',
      record_delimiter: '\r\n',
    })
  );
}

const REASON_LABELS: Record<string, string> = {
  rent_arrears: 'impayés de loyer',
  income_above_ceiling: 'ressources au-dessus du plafond',
  household_unsuited: 'foyer inadapté au logement',
  incomplete_file: 'dossier incomplet',
  other: 'autre',
};

function indicatorColumns(rows: Indicators[], reference: ReferenceData) {
  const reasons = [...new Set(rows.flatMap((r) => Object.keys(r.refusalReasons)))].sort();
  const motives = [
    ...new Set([
      ...reference.motives.map((m) => m.id),
      ...rows.flatMap((r) => Object.keys(r.motives)),
    ]),
  ];
  const motiveLabel = (id: string) => reference.motives.find((m) => m.id === id)?.label ?? id;
  const header = [
    'Annonces actives (fin de période)',
    'Nouvelles annonces',
    ...TYPOLOGIES.map((t) => `Logements proposés ${t}`),
    ...TYPOLOGIES.map((t) => `Logements recherchés ${t}`),
    'Annonces recherchant le lieu',
    'Attractivité (recherchées / proposées)',
    'Propositions à 2',
    'Propositions à 3',
    'Échanges demandés',
    'Échanges approuvés',
    'Échanges refusés',
    ...reasons.map((r) => `Refus : ${REASON_LABELS[r] ?? r}`),
    'Échanges réalisés',
    'Annulés après accord',
    'Arrivées',
    'Départs',
    'Délai médian demande → décision (jours)',
    'Délai médian publication → échange (jours)',
    'Sur-occupations résolues',
    'Sous-occupations résolues',
    'Arrivées par chaîne de mutation',
    'Logements libérés par mutation',
    ...motives.map((m) => `Motif : ${motiveLabel(m)}`),
  ];
  const values = (r: Indicators): Cell[] => [
    r.activeListings,
    r.newListings,
    ...TYPOLOGIES.map((t) => r.offeredByTypology[t] ?? 0),
    ...TYPOLOGIES.map((t) => r.wantedByTypology[t] ?? 0),
    r.wantedListings,
    r.attractiveness,
    r.matches2,
    r.matches3,
    r.swapsRequested,
    r.swapsApproved,
    r.swapsRefused,
    ...reasons.map((k) => r.refusalReasons[k] ?? 0),
    r.swapsCompleted,
    r.swapsCancelledAfterApproval,
    r.movesIn,
    r.movesOut,
    r.medianDaysToDecision,
    r.medianDaysToCompletion,
    r.overOccupationResolved,
    r.underOccupationResolved,
    r.chainMoves,
    r.dwellingsReleased,
    ...motives.map((m) => r.motives[m] ?? 0),
  ];
  return { header, values };
}

export function quartiersCsv(rows: QuartierRow[], reference: ReferenceData): string {
  const { header, values } = indicatorColumns(rows, reference);
  return toCsv(
    ['Code commune', 'Commune', 'Quartier', ...header],
    rows.map((r) => [r.communeCode, r.communeName, r.quartierName, ...values(r)]),
  );
}

export function communesCsv(rows: CommuneRow[], reference: ReferenceData): string {
  const { header, values } = indicatorColumns(rows, reference);
  return toCsv(
    ['Code commune', 'Commune', ...header],
    rows.map((r) => [r.communeCode, r.communeName, ...values(r)]),
  );
}

export function flowsCsv(rows: FlowRow[]): string {
  return toCsv(
    [
      'Commune de départ',
      'Quartier de départ',
      "Commune d'arrivée",
      "Quartier d'arrivée",
      'Déménagements réalisés',
    ],
    rows.map((r) => [
      r.fromCommuneCode,
      r.fromQuartierName,
      r.toCommuneCode,
      r.toQuartierName,
      r.moves,
    ]),
  );
}
