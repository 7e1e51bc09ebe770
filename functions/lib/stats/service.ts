/**
 * The statistics a request asks for: read the period's aggregates and build the rows. For `cinor`
 * the whole calendar year is read, every period CINOR may ask for in it is built, and the year's
 * suppression pattern masks the period asked (shared/stats/suppression.ts).
 */
import type { ReferenceData } from '../../../shared/reference/index';
import type {
  CommuneStats,
  FlowStats,
  QuartierStats,
  StatsQuery,
} from '../../../shared/schemas/stats';
import { ValidationError } from '../../../shared/errors';
import {
  addMonths,
  allowedPeriodsOf,
  cinorSeries,
  communeRows,
  confidentialPublication,
  exactPublication,
  flowRows,
  isAllowedPeriod,
  maskedByPeriod,
  monthCount,
  monthOf,
  periodId,
  presetPeriod,
  quartierRows,
  suppressionPattern,
  totalsOf,
  type Aggregate,
  type Period,
  type Publication,
} from '../../../shared/stats/index';
import type { Role } from '../../../shared/schemas/user';
import { readAggregates } from '../db/stats';
import type { AppContext } from '../app-context';

export type StatsServiceDeps = Pick<AppContext, 'db' | 'now' | 'reference'>;

/**
 * The period asked for; by default the twelve months up to the current one (for `cinor`, the
 * current calendar year). CINOR may ask only for a calendar month, quarter, semester or year.
 */
export function periodOf(query: Pick<StatsQuery, 'from' | 'to'>, now: Date, role: Role): Period {
  const current = monthOf(now.toISOString())!;
  if (role === 'cinor' && !query.from && !query.to) return presetPeriod('year', current);
  const to = query.to ?? (query.from ? addMonths(query.from, 11) : current);
  const period = { from: query.from ?? addMonths(to, -11), to };
  if (role === 'cinor' && !isAllowedPeriod(period)) {
    const field = [1, 3, 6, 12].includes(monthCount(period.from, period.to)) ? 'from' : 'to';
    const message =
      'La période (from, to) doit couvrir un mois, un trimestre, un semestre ou une année civile, par exemple from=2026-04&to=2026-06 : une autre période permettrait de retrouver par soustraction des effectifs masqués.';
    throw new ValidationError(message, [{ path: field, message }]);
  }
  return period;
}

/** Only the `cinor` role gets quartier-level counts masked; Armos sees exact figures. */
export const masksFor = (role: Role) => role === 'cinor';

/**
 * Statistics may lag the stream by a few seconds: each process keeps a period's aggregates for
 * CACHE_MS and shares one read between concurrent requests (a year is ~13 Queries, ~1,600 items).
 */
const CACHE_MS = 5_000;
const CACHE_PERIODS = 50;
type Loaded = {
  aggregates: Aggregate[];
  reference: ReferenceData;
  totals: ReturnType<typeof totalsOf>;
};
const cache = new Map<string, { at: number; loaded: Promise<Loaded> }>();

function load(deps: StatsServiceDeps, period: Period): Promise<Loaded> {
  const key = `${deps.db.tableName}|${period.from}|${period.to}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.loaded;
  const loaded = Promise.all([readAggregates(deps.db, period), deps.reference()]).then(
    ([aggregates, reference]) => ({ aggregates, reference, totals: totalsOf(aggregates, period) }),
  );
  loaded.catch(() => cache.delete(key));
  cache.delete(key);
  cache.set(key, { at: Date.now(), loaded });
  if (cache.size > CACHE_PERIODS) cache.delete(cache.keys().next().value!);
  return loaded;
}

/** CINOR's masked year, built once per read of the year's aggregates (the read is shared for CACHE_MS). */
const confidentialYears = new WeakMap<Loaded, Promise<Map<string, Publication>>>();

/** Every period CINOR may ask for in the year of `period`, masked with the year's one pattern. */
async function confidential(deps: StatsServiceDeps, period: Period): Promise<Publication> {
  const year = Number(period.from.slice(0, 4));
  const loaded = await load(deps, presetPeriod('year', period.from));
  let built = confidentialYears.get(loaded);
  if (!built) {
    const exact = allowedPeriodsOf(year).map((p) =>
      exactPublication(loaded.aggregates, loaded.reference, p),
    );
    const pattern = suppressionPattern(exact);
    const index = maskedByPeriod(pattern);
    built = Promise.resolve(
      new Map(
        exact.map((publication) => [
          periodId(publication.period),
          confidentialPublication(publication, pattern, index),
        ]),
      ),
    );
    confidentialYears.set(loaded, built);
  }
  const publication = (await built).get(periodId(period));
  if (!publication)
    throw new ValidationError('Période non autorisée.', [
      { path: 'from', message: 'Période non autorisée.' },
    ]);
  return publication;
}

export async function quartierStats(
  deps: StatsServiceDeps,
  period: Period,
  role: Role,
): Promise<QuartierStats> {
  if (masksFor(role))
    return { period, masked: true, rows: (await confidential(deps, period)).quartiers };
  const { totals, reference } = await load(deps, period);
  return { period, masked: false, rows: quartierRows(totals, reference, false) };
}

export async function communeStats(
  deps: StatsServiceDeps,
  period: Period,
  role: Role,
): Promise<CommuneStats> {
  if (masksFor(role)) {
    const { communes, series } = await confidential(deps, period);
    return { period, rows: communes, series };
  }
  const { totals, reference, aggregates } = await load(deps, period);
  return { period, rows: communeRows(totals, reference), series: cinorSeries(aggregates, period) };
}

export async function flowStats(
  deps: StatsServiceDeps,
  period: Period,
  role: Role,
): Promise<FlowStats> {
  if (masksFor(role))
    return { period, masked: true, rows: (await confidential(deps, period)).flows };
  const { totals, reference } = await load(deps, period);
  return { period, masked: false, rows: flowRows(totals, reference, false) };
}
