/**
 * Statistics aggregates in the table, a couple of items per month: `STATS#<month>` /
 * `SCOPES#<part>` holds that month's counters of half the scopes (quartiers, communes, CINOR,
 * flows — whatever scopes the facts name, picked by a hash) as a map scope → counter → value, so a
 * batch of stream records touches a handful of items. The market stock's monthly changes go to
 * one item per year, `STATSSTOCK` / `<yyyy>` (a map month → scope → value), so that "active at the
 * end of the period" is one Query. Items of the earlier layout (`STATS#<month>` / scope, and
 * `STATSSTOCK` / month) are still read and added in until `stats:rebuild` replaces them
 * (docs/data-model.md, "Statistiques depuis le flux").
 */
import {
  COUNTERS,
  monthsBetween,
  splitCell,
  type Aggregate,
  type Cells,
  type Period,
} from '../../../shared/stats/index';
import { ENTITY, keyOf, keys, type ItemKey } from './model';
import type { Database } from './client';
import { queryAll } from './batch';

/**
 * Counters of one stored item, two levels deep (never zero): scope → counter → value in a month
 * item, month → scope → value in a stock item.
 */
export type ItemCounters = Record<string, Record<string, number>>;

/** An item statistics are stored in: a part of a month's scopes, or a year of the stock. */
export interface StatsItemTarget {
  /** `pk|sk`, to group by item. */
  id: string;
  key: ItemKey;
  entity: string;
  /** The month of a month item, the year of a stock item. */
  period: string;
}

/** One counter change inside an item: [outer, inner, amount] as in ItemCounters. */
export type ItemCount = readonly [outer: string, inner: string, amount: number];

/**
 * A month's scopes are spread over this many items (by a hash of the scope), so that none nears
 * DynamoDB's 400 KB even with 60 quartiers, their flows and every day count of the delay
 * histograms (docs/data-model.md). Reads add up every item of the month: the spread may change.
 */
export const PARTS_PER_MONTH = 2;

/** FNV-1a: a small, stable hash to pick a scope's part. */
function partOf(scope: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < scope.length; i += 1)
    hash = Math.imul(hash ^ scope.charCodeAt(i), 0x01000193) >>> 0;
  return hash % PARTS_PER_MONTH;
}

/** The key of the month item holding a scope's counters (all but `active`). */
export const monthItemKeyOf = (month: string, scope: string) =>
  keys.statsMonth(month, partOf(scope));

const idOf = (key: ItemKey) => `${key.pk}|${key.sk}`;

/** A stored item's `StatsItemTarget` id, to match it with what a rebuild writes. */
export const statsItemIdOf = (item: Record<string, unknown>) => idOf(keyOf(item));

/** Where a cell is stored: its item, and its place in the item's counters. */
function placeOf(cell: string, amount: number): { target: StatsItemTarget; count: ItemCount } {
  const { month, scope, counter } = splitCell(cell);
  if (counter === COUNTERS.active) {
    const year = month.slice(0, 4);
    const key = keys.statsStockYear(year);
    return {
      target: { id: idOf(key), key, entity: ENTITY.statsStockYear, period: year },
      count: [month, scope, amount],
    };
  }
  const key = monthItemKeyOf(month, scope);
  return {
    target: { id: idOf(key), key, entity: ENTITY.statsMonth, period: month },
    count: [scope, counter, amount],
  };
}

/** Cells grouped by the item they are stored in. */
export function cellsByItem(
  cells: Cells,
): Map<string, { target: StatsItemTarget; counts: ItemCount[] }> {
  const byItem = new Map<string, { target: StatsItemTarget; counts: ItemCount[] }>();
  for (const [cell, amount] of cells) {
    const { target, count } = placeOf(cell, amount);
    const entry = byItem.get(target.id) ?? { target, counts: [] };
    entry.counts.push(count);
    byItem.set(target.id, entry);
  }
  return byItem;
}

/** A stored item's counters, to add to (none when it does not exist yet). */
export function countersOfItem(item: Record<string, unknown> | undefined): ItemCounters {
  const stored = (item?.counters ?? {}) as ItemCounters;
  return Object.fromEntries(Object.entries(stored).map(([outer, inner]) => [outer, { ...inner }]));
}

/** Adds counts into `counters`, dropping counters back at zero and levels left empty. */
export function addCounts(counters: ItemCounters, counts: Iterable<ItemCount>): ItemCounters {
  for (const [outer, inner, amount] of counts) {
    const level = (counters[outer] ??= {});
    const value = (level[inner] ?? 0) + amount;
    if (value === 0) delete level[inner];
    else level[inner] = value;
    if (Object.keys(level).length === 0) delete counters[outer];
  }
  return counters;
}

/** The item to store for `target` holding `counters`. */
export function statsItemOf(
  target: StatsItemTarget,
  counters: ItemCounters,
  version: number,
): Record<string, unknown> {
  const period = target.entity === ENTITY.statsMonth ? 'month' : 'year';
  return { ...target.key, entity: target.entity, [period]: target.period, counters, version };
}

/** Every item a set of cells is stored in: what a rebuild writes. */
export function statsItemsOf(
  cells: Cells,
): Array<{ target: StatsItemTarget; counters: ItemCounters }> {
  return [...cellsByItem(cells).values()].map(({ target, counts }) => ({
    target,
    counters: addCounts({}, counts),
  }));
}

const LEGACY_ATTRIBUTES = /^(pk|sk|entity|month|scope|version|ttl|applied(Ids|Day)\d+)$/;
const legacyNumbers = (item: Record<string, unknown>) =>
  Object.entries(item).filter(
    (entry): entry is [string, number] =>
      !LEGACY_ATTRIBUTES.test(entry[0]) && typeof entry[1] === 'number',
  );

/** What one stored item counts, as [month, scope, counter, value]. */
function countsOfItem(item: Record<string, unknown>): Array<[string, string, string, number]> {
  const nested = Object.entries(countersOfItem(item)).flatMap(([outer, inner]) =>
    Object.entries(inner).map(([name, value]) => [outer, name, value] as const),
  );
  switch (item.entity) {
    case ENTITY.statsMonth:
      return nested.map(([scope, counter, value]) => [String(item.month), scope, counter, value]);
    case ENTITY.statsStockYear:
      return nested.map(([month, scope, value]) => [month, scope, COUNTERS.active, value]);
    // The earlier layout: an item per month and scope, and a stock item per month.
    case ENTITY.statsAggregate:
      return legacyNumbers(item).map(([counter, value]) => [
        String(item.month),
        String(item.sk),
        counter,
        value,
      ]);
    case ENTITY.statsStock:
      return legacyNumbers(item).map(([scope, value]) => [
        String(item.sk),
        scope,
        COUNTERS.active,
        value,
      ]);
    default:
      return [];
  }
}

/**
 * Stored items as the domain reads them: one aggregate per month and scope, whatever items hold
 * its counters (month items, stock items, and items of the earlier layout are added together).
 */
export function aggregatesFromItems(items: Record<string, unknown>[]): Aggregate[] {
  const byKey = new Map<string, Aggregate>();
  for (const item of items) {
    for (const [month, scope, counter, value] of countsOfItem(item)) {
      const aggregate = byKey.get(`${month}|${scope}`) ?? { month, scope, counters: {} };
      aggregate.counters[counter] = (aggregate.counters[counter] ?? 0) + value;
      byKey.set(`${month}|${scope}`, aggregate);
    }
  }
  return [...byKey.values()];
}

/** The period's month items (one Query per month, in parallel) and the stock up to its end. */
export async function readAggregates(db: Database, period: Period): Promise<Aggregate[]> {
  const months = monthsBetween(period.from, period.to).map((month) =>
    queryAll(db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.statsMonth(month, 0).pk },
    }),
  );
  // A year's stock item sorts before its months: the Query brings the whole year of `to`.
  const stock = queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND sk <= :to',
    ExpressionAttributeValues: { ':pk': keys.statsStockPartition().pk, ':to': period.to },
  });
  const aggregates = aggregatesFromItems((await Promise.all([...months, stock])).flat());
  return aggregates.filter((aggregate) => aggregate.month <= period.to);
}
