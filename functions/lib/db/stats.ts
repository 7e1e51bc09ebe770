/**
 * Statistics aggregates in the table, one item per month and kind of scope: `STATS#<month>` /
 * `SCOPES#<kind>` holds that month's counters for every scope of the kind (every quartier, every
 * commune, CINOR, every flow — whatever scopes the facts name) as a map scope → counter → value,
 * so a batch of stream records touches a handful of items. The market stock goes to
 * `STATSSTOCK` / month (an attribute per scope) so that "active at the end of the period" is one
 * Query. Items of the earlier layout (`STATS#<month>` / scope, one per scope) are still read and
 * added in until `stats:rebuild` replaces them (docs/data-model.md, "Statistiques").
 */
import {
  COUNTERS,
  monthsBetween,
  splitCell,
  type Aggregate,
  type Cells,
  type Period,
} from '../../../shared/stats/index';
import { ENTITY, keys, type ItemKey } from './model';
import type { Database } from './client';
import { queryAll } from './batch';

/** Counters of one stored item: scope → counter → value (never zero). */
export type ScopeCounters = Record<string, Record<string, number>>;

/** An item statistics are stored in: a month's scopes of one kind, or a month of the stock. */
export interface StatsItemTarget {
  /** `pk|sk`, to group by item. */
  id: string;
  key: ItemKey;
  entity: string;
  month: string;
  /** The scopes' kind, for a month item. */
  kind?: string;
}

/** One counter change inside an item. */
export type ItemCount = readonly [scope: string, counter: string, amount: number];

/** A scope's kind: what comes before its first `#` (`Q`, `C`, `F`), or the scope itself (`CINOR`). */
export const scopeKindOf = (scope: string) => scope.split('#')[0]!;

const LEGACY_ATTRIBUTES = /^(applied(Ids|Day)\d+|version|ttl|month|scope|kind)$/;

function targetOf(month: string, scope: string, counter: string): StatsItemTarget {
  if (counter === COUNTERS.active) {
    const key = keys.statsStock(month);
    return { id: `${key.pk}|${key.sk}`, key, entity: ENTITY.statsStock, month };
  }
  const kind = scopeKindOf(scope);
  const key = keys.statsMonth(month, kind);
  return { id: `${key.pk}|${key.sk}`, key, entity: ENTITY.statsMonth, month, kind };
}

/** Cells grouped by the item they are stored in. */
export function cellsByItem(
  cells: Cells,
): Map<string, { target: StatsItemTarget; counts: ItemCount[] }> {
  const byItem = new Map<string, { target: StatsItemTarget; counts: ItemCount[] }>();
  for (const [cell, amount] of cells) {
    const { month, scope, counter } = splitCell(cell);
    const target = targetOf(month, scope, counter);
    const entry = byItem.get(target.id) ?? { target, counts: [] };
    entry.counts.push([scope, counter, amount]);
    byItem.set(target.id, entry);
  }
  return byItem;
}

const numbersOf = (item: Record<string, unknown>) =>
  Object.entries(item).filter(
    (entry): entry is [string, number] =>
      !['pk', 'sk', 'entity'].includes(entry[0]) &&
      !LEGACY_ATTRIBUTES.test(entry[0]) &&
      typeof entry[1] === 'number',
  );

/** A stored item's counters (none when it does not exist yet). */
export function countersOfItem(item: Record<string, unknown> | undefined): ScopeCounters {
  if (!item) return {};
  if (item.entity === ENTITY.statsMonth) {
    const stored = (item.counters ?? {}) as ScopeCounters;
    return Object.fromEntries(Object.entries(stored).map(([scope, c]) => [scope, { ...c }]));
  }
  if (item.entity === ENTITY.statsStock)
    return Object.fromEntries(
      numbersOf(item).map(([scope, n]) => [scope, { [COUNTERS.active]: n }]),
    );
  if (item.entity === ENTITY.statsAggregate)
    return { [String(item.sk)]: Object.fromEntries(numbersOf(item)) };
  return {};
}

/** Adds counts into `counters`, dropping counters back at zero and scopes left empty. */
export function addCounts(counters: ScopeCounters, counts: Iterable<ItemCount>): ScopeCounters {
  for (const [scope, counter, amount] of counts) {
    const ofScope = (counters[scope] ??= {});
    const value = (ofScope[counter] ?? 0) + amount;
    if (value === 0) delete ofScope[counter];
    else ofScope[counter] = value;
    if (Object.keys(ofScope).length === 0) delete counters[scope];
  }
  return counters;
}

/** The item to store for `target` holding `counters`. */
export function statsItemOf(
  target: StatsItemTarget,
  counters: ScopeCounters,
  version: number,
): Record<string, unknown> {
  const common = { ...target.key, entity: target.entity, month: target.month, version };
  if (target.entity === ENTITY.statsStock)
    return {
      ...common,
      ...Object.fromEntries(
        Object.entries(counters).map(([scope, c]) => [scope, c[COUNTERS.active] ?? 0]),
      ),
    };
  return { ...common, kind: target.kind, counters };
}

/** Every item a set of cells is stored in: what a rebuild writes. */
export function statsItemsOf(
  cells: Cells,
): Array<{ target: StatsItemTarget; counters: ScopeCounters }> {
  return [...cellsByItem(cells).values()].map(({ target, counts }) => ({
    target,
    counters: addCounts({}, counts),
  }));
}

/**
 * Stored items as the domain reads them: one aggregate per month and scope, whatever items hold
 * its counters (month items, stock items, and items of the earlier layout are added together).
 */
export function aggregatesFromItems(items: Record<string, unknown>[]): Aggregate[] {
  const byKey = new Map<string, Aggregate>();
  for (const item of items) {
    const month = String(item.entity === ENTITY.statsStock ? item.sk : item.month);
    for (const [scope, counters] of Object.entries(countersOfItem(item))) {
      const aggregate = byKey.get(`${month}|${scope}`) ?? { month, scope, counters: {} };
      for (const [counter, value] of Object.entries(counters))
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
      ExpressionAttributeValues: { ':pk': keys.statsMonth(month, '').pk },
    }),
  );
  const stock = queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND sk <= :to',
    ExpressionAttributeValues: { ':pk': keys.statsStockPartition().pk, ':to': period.to },
  });
  return aggregatesFromItems((await Promise.all([...months, stock])).flat());
}
