/**
 * Statistics aggregates in the table. Changes' counter sums are ADDed (commutative) with the ids
 * of the changes counted (functions/lib/db/stats-apply.ts), so a redelivered stream record
 * changes nothing. Per month and scope one `StatsAggregate` item (`STATS#<month>` / scope,
 * a number attribute per counter); the market stock goes to `STATSSTOCK` / month (an attribute per
 * scope) so that "active at the end of the period" is one Query.
 */
import {
  COUNTERS,
  monthsBetween,
  splitCell,
  type Aggregate,
  type Cells,
  type Period,
} from '../../../shared/stats/index';
import { ENTITY, keys } from './model';
import type { Database } from './client';
import { APPLIED_SLOTS, appliedDayAttribute } from './stats-apply';
import type { Target } from './stats-target';
import { queryAll } from './batch';

const NOT_COUNTERS = new Set([
  'pk',
  'sk',
  'entity',
  'month',
  'scope',
  'ttl',
  ...Array.from({ length: APPLIED_SLOTS }, (_, slot) => appliedDayAttribute(slot)),
]);

export type { Target };

/** Groups cells by stored item: month aggregates, and the stock item for `active`. */
export function targetsOf(cells: Cells): Target[] {
  const targets = new Map<string, Target>();
  for (const [cell, amount] of cells) {
    const { month, scope, counter } = splitCell(cell);
    const stock = counter === COUNTERS.active;
    const key = stock ? keys.statsStock(month) : keys.statsAggregate(month, scope);
    const id = `${key.pk}|${key.sk}`;
    const target = targets.get(id) ?? {
      key,
      entity: stock ? ENTITY.statsStock : ENTITY.statsAggregate,
      month,
      ...(stock ? {} : { scope }),
      adds: {},
    };
    const attribute = stock ? scope : counter;
    target.adds[attribute] = (target.adds[attribute] ?? 0) + amount;
    targets.set(id, target);
  }
  return [...targets.values()];
}

const numbers = (item: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(item).filter(
      ([name, value]) => !NOT_COUNTERS.has(name) && typeof value === 'number',
    ),
  ) as Record<string, number>;

/** Stored aggregates as the domain reads them: month items, and stock items as `active` counters. */
export function aggregatesFromItems(items: Record<string, unknown>[]): Aggregate[] {
  return items.flatMap((item): Aggregate[] => {
    if (item.entity === ENTITY.statsAggregate)
      return [{ month: String(item.month), scope: String(item.sk), counters: numbers(item) }];
    if (item.entity === ENTITY.statsStock) {
      return Object.entries(numbers(item)).map(([scope, n]) => ({
        month: String(item.sk),
        scope,
        counters: { [COUNTERS.active]: n },
      }));
    }
    return [];
  });
}

/** The period's month aggregates (one Query per month, in parallel) and the stock up to its end. */
export async function readAggregates(db: Database, period: Period): Promise<Aggregate[]> {
  const months = monthsBetween(period.from, period.to).map((month) =>
    queryAll(db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.statsAggregate(month, '').pk },
    }),
  );
  const stock = queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND sk <= :to',
    ExpressionAttributeValues: { ':pk': keys.statsStockPartition().pk, ':to': period.to },
  });
  return aggregatesFromItems((await Promise.all([...months, stock])).flat());
}
