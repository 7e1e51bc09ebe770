/** The statistics a request asks for: read the period's aggregates, build the rows, mask for `cinor`. */
import type { ReferenceData } from '../../../shared/reference/index';
import type { CommuneStats, FlowStats, QuartierStats, StatsQuery } from '../../../shared/schemas/stats';
import { addMonths, cinorSeries, communeRows, flowRows, monthOf, quartierRows, totalsOf, type Aggregate, type Period } from '../../../shared/stats/index';
import type { Role } from '../../../shared/schemas/user';
import type { Database } from '../db/client';
import { readAggregates } from '../db/stats';

export interface StatsServiceDeps {
  db: Database;
  now: () => Date;
  reference: () => Promise<ReferenceData>;
}

/** The period asked for; by default the twelve months up to the current one. */
export function periodOf(query: Pick<StatsQuery, 'from' | 'to'>, now: Date): Period {
  const to = query.to ?? (query.from ? addMonths(query.from, 11) : monthOf(now.toISOString())!);
  return { from: query.from ?? addMonths(to, -11), to };
}

/** Only the `cinor` role gets quartier-level counts masked; Armos sees exact figures. */
export const masksFor = (role: Role) => role === 'cinor';

/**
 * Statistics may lag the stream by a few seconds: each process keeps a period's aggregates for
 * CACHE_MS and shares one read between concurrent requests (a year is ~13 Queries, ~1,600 items).
 */
const CACHE_MS = 5_000;
const CACHE_PERIODS = 50;
type Loaded = { aggregates: Aggregate[]; reference: ReferenceData; totals: ReturnType<typeof totalsOf> };
const cache = new Map<string, { at: number; loaded: Promise<Loaded> }>();

function load(deps: StatsServiceDeps, period: Period): Promise<Loaded> {
  const key = `${deps.db.tableName}|${period.from}|${period.to}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.loaded;
  const loaded = Promise.all([readAggregates(deps.db, period), deps.reference()]).then(([aggregates, reference]) => ({ aggregates, reference, totals: totalsOf(aggregates, period) }));
  loaded.catch(() => cache.delete(key));
  cache.delete(key);
  cache.set(key, { at: Date.now(), loaded });
  if (cache.size > CACHE_PERIODS) cache.delete(cache.keys().next().value!);
  return loaded;
}

export async function quartierStats(deps: StatsServiceDeps, period: Period, role: Role): Promise<QuartierStats> {
  const { totals, reference } = await load(deps, period);
  return { period, masked: masksFor(role), rows: quartierRows(totals, reference, masksFor(role)) };
}

export async function communeStats(deps: StatsServiceDeps, period: Period): Promise<CommuneStats> {
  const { totals, reference, aggregates } = await load(deps, period);
  return { period, rows: communeRows(totals, reference), series: cinorSeries(aggregates, period) };
}

export async function flowStats(deps: StatsServiceDeps, period: Period, role: Role): Promise<FlowStats> {
  const { totals, reference } = await load(deps, period);
  return { period, masked: masksFor(role), rows: flowRows(totals, reference, masksFor(role)) };
}
