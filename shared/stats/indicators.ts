/**
 * From stored aggregates to the rows the API answers: sums over the period's months (the stock of
 * active listings over every month up to the period's end), medians from day-count histograms,
 * quartier rows completed by their commune's "any quartier" wishes, and CINOR's monthly series.
 */
import { TYPOLOGIES, type ReferenceData } from '../reference/index';
import type { z } from 'zod';
import type {
  CommuneRow,
  FlowRow,
  Indicators,
  QuartierRow,
  SeriesPoint,
  periodSchema,
} from '../schemas/stats';
import { splitCell, type Cells } from './events';
import { maskCount, maskRatio } from './masking';
import { monthsBetween } from './period';
import { COUNTERS as K, CINOR_SCOPE, parseScope, scopes, sub } from './scopes';

export interface Aggregate {
  month: string;
  scope: string;
  counters: Record<string, number>;
}

export type Period = z.infer<typeof periodSchema>;

type Totals = Map<string, Record<string, number>>;

export function aggregatesOf(cells: Cells): Aggregate[] {
  const byKey = new Map<string, Aggregate>();
  for (const [key, value] of cells) {
    const { month, scope, counter } = splitCell(key);
    const aggregate = byKey.get(`${month}|${scope}`) ?? { month, scope, counters: {} };
    aggregate.counters[counter] = value;
    byKey.set(`${month}|${scope}`, aggregate);
  }
  return [...byKey.values()];
}

/** Per scope, the period's sums; `active` is summed over every month up to the period's end. */
export function totalsOf(aggregates: readonly Aggregate[], period: Period): Totals {
  const totals: Totals = new Map();
  for (const { month, scope, counters } of aggregates) {
    if (month > period.to) continue;
    const inPeriod = month >= period.from;
    const sum = totals.get(scope) ?? {};
    for (const [counter, value] of Object.entries(counters)) {
      if (counter === K.active || inPeriod) sum[counter] = (sum[counter] ?? 0) + value;
    }
    totals.set(scope, sum);
  }
  return totals;
}

/** The median of a `prefix.<days>` histogram, and how many values it holds. */
export function medianOf(
  counters: Record<string, number>,
  prefix: string,
): { median: number | null; size: number } {
  const bins = Object.entries(counters)
    .filter(([name, n]) => name.startsWith(`${prefix}.`) && n > 0)
    .map(([name, n]) => [Number(name.slice(prefix.length + 1)), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const size = bins.reduce((sum, [, n]) => sum + n, 0);
  if (size === 0) return { median: null, size };
  const at = (rank: number) => {
    let seen = 0;
    for (const [days, n] of bins) if ((seen += n) > rank) return days;
    return bins.at(-1)![0];
  };
  const median = size % 2 === 1 ? at((size - 1) / 2) : (at(size / 2 - 1) + at(size / 2)) / 2;
  return { median, size };
}

const byPrefix = (
  counters: Record<string, number>,
  prefix: string,
  keys: readonly string[],
  mask: boolean,
) => {
  const found = Object.keys(counters)
    .filter((k) => k.startsWith(`${prefix}.`))
    .map((k) => k.slice(prefix.length + 1));
  return Object.fromEntries(
    [...new Set([...keys, ...found])].map((k) => [
      k,
      maskCount(counters[sub(prefix, k)] ?? 0, mask),
    ]),
  );
};

/** One row of indicators; `parent` adds a commune's "any quartier" wishes to its quartiers. */
export function indicatorsOf(
  own: Record<string, number>,
  options: { mask: boolean; motives: readonly string[]; parent?: Record<string, number> },
): Indicators {
  const { mask, parent } = options;
  const n = (counter: string) => own[counter] ?? 0;
  const count = (counter: string) => maskCount(n(counter), mask);
  const wantedOf = (suffix = '') =>
    n(`${K.wanted}${suffix}`) + (parent ? (parent[`${K.wantedAny}${suffix}`] ?? 0) : 0);
  const wanted = wantedOf();
  const median = (prefix: string) => {
    const { median: value, size } = medianOf(own, prefix);
    return value !== null && mask && size < 5 ? ('< 5' as const) : value;
  };
  return {
    activeListings: count(K.active),
    newListings: count(K.newListings),
    offeredByTypology: byPrefix(own, K.offered, TYPOLOGIES, mask),
    wantedByTypology: Object.fromEntries(
      TYPOLOGIES.map((t) => [t, maskCount(wantedOf(`.${t}`), mask)]),
    ),
    wantedListings: maskCount(wanted, mask),
    attractiveness: maskRatio(wanted, n(K.newListings), mask),
    matches2: count(K.matches2),
    matches3: count(K.matches3),
    visitsWithoutFollowUp: count(K.visitsWithoutFollowUp),
    swapsRequested: count(K.swapsRequested),
    swapsApproved: count(K.swapsApproved),
    swapsRefused: count(K.swapsRefused),
    refusalReasons: byPrefix(own, K.refusalReason, [], mask),
    swapsCompleted: count(K.swapsCompleted),
    swapsCancelledAfterApproval: count(K.swapsCancelledAfterApproval),
    movesIn: count(K.movesIn),
    movesOut: count(K.movesOut),
    medianDaysToDecision: median(K.decisionDays),
    medianDaysToCompletion: median(K.completionDays),
    motives: byPrefix(own, K.motive, options.motives, mask),
    overOccupationResolved: count(K.overOccupationResolved),
    underOccupationResolved: count(K.underOccupationResolved),
    chainMoves: count(K.chainMoves),
    dwellingsReleased: count(K.dwellingsReleased),
  };
}

/** One row per quartier of the reference (plus any quartier met in the data), masked for `cinor`. */
export function quartierRows(
  totals: Totals,
  reference: ReferenceData,
  mask: boolean,
): QuartierRow[] {
  const motives = reference.motives.map((m) => m.id);
  const communeName = (code: string) =>
    reference.communes.find((c) => c.code === code)?.name ?? code;
  const known = new Map(reference.quartiers.map((q) => [q.id, q]));
  for (const scope of totals.keys()) {
    const parsed = parseScope(scope);
    if (parsed?.kind === 'quartier' && !known.has(parsed.id))
      known.set(parsed.id, { id: parsed.id, communeCode: parsed.id.slice(0, 5), name: parsed.id });
  }
  return [...known.values()]
    .map((q) => ({
      communeCode: q.communeCode,
      communeName: communeName(q.communeCode),
      quartierId: q.id,
      quartierName: q.name,
      ...indicatorsOf(totals.get(scopes.quartier(q.id)) ?? {}, {
        mask,
        motives,
        parent: totals.get(scopes.commune(q.communeCode)),
      }),
    }))
    .sort(
      (a, b) =>
        a.communeName.localeCompare(b.communeName, 'fr') ||
        a.quartierName.localeCompare(b.quartierName, 'fr'),
    );
}

/** One row per commune and the CINOR total: exact for every role. */
export function communeRows(totals: Totals, reference: ReferenceData): CommuneRow[] {
  const motives = reference.motives.map((m) => m.id);
  const rows = reference.communes.map((c) => ({
    communeCode: c.code,
    communeName: c.name,
    ...indicatorsOf(totals.get(scopes.commune(c.code)) ?? {}, { mask: false, motives }),
  }));
  return [
    ...rows,
    {
      communeCode: CINOR_SCOPE,
      communeName: 'CINOR (total)',
      ...indicatorsOf(totals.get(CINOR_SCOPE) ?? {}, { mask: false, motives }),
    },
  ];
}

/** Completed moves from quartier to quartier, most frequent first. */
export function flowRows(totals: Totals, reference: ReferenceData, mask: boolean): FlowRow[] {
  const quartier = (id: string) =>
    reference.quartiers.find((q) => q.id === id) ?? { id, communeCode: id.slice(0, 5), name: id };
  const rows: Array<FlowRow & { n: number }> = [];
  for (const [scope, counters] of totals) {
    const parsed = parseScope(scope);
    const n = counters[K.moves] ?? 0;
    if (parsed?.kind !== 'flow' || !parsed.to || n <= 0) continue;
    const [from, to] = [quartier(parsed.id), quartier(parsed.to)];
    rows.push({
      fromCommuneCode: from.communeCode,
      fromQuartierId: from.id,
      fromQuartierName: from.name,
      toCommuneCode: to.communeCode,
      toQuartierId: to.id,
      toQuartierName: to.name,
      moves: maskCount(n, mask),
      n,
    });
  }
  return rows
    .sort((a, b) => b.n - a.n || a.fromQuartierName.localeCompare(b.toQuartierName, 'fr'))
    .map(({ n: _n, ...row }) => row);
}

/** CINOR's totals month by month over the period (exact). */
export function cinorSeries(aggregates: readonly Aggregate[], period: Period): SeriesPoint[] {
  const byMonth = new Map<string, Record<string, number>>();
  let activeBefore = 0;
  for (const { month, scope, counters } of aggregates) {
    if (scope !== CINOR_SCOPE) continue;
    if (month < period.from) activeBefore += counters[K.active] ?? 0;
    else if (month <= period.to) byMonth.set(month, counters);
  }
  let active = activeBefore;
  return monthsBetween(period.from, period.to).map((month) => {
    const c = byMonth.get(month) ?? {};
    active += c[K.active] ?? 0;
    const v = (counter: string) => c[counter] ?? 0;
    return {
      month,
      activeListings: active,
      newListings: v(K.newListings),
      matches2: v(K.matches2),
      matches3: v(K.matches3),
      swapsRequested: v(K.swapsRequested),
      swapsCompleted: v(K.swapsCompleted),
    };
  });
}
