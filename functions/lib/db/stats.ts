/**
 * Statistics aggregates in the table. A change's counter sums are ADDed (commutative) in ONE
 * transaction with a conditional `StatsEvent` marker of the change's id, so a redelivered stream
 * record changes nothing. Per month and scope one `StatsAggregate` item (`STATS#<month>` / scope,
 * a number attribute per counter); the market stock goes to `STATSSTOCK` / month (an attribute per
 * scope) so that "active at the end of the period" is one Query.
 */
import { ConflictError } from '../../../shared/errors';
import {
  COUNTERS,
  monthsBetween,
  splitCell,
  type Aggregate,
  type Cells,
  type Period,
} from '../../../shared/stats/index';
import { ENTITY, keys, ttlAt, type ItemKey } from './model';
import type { Database } from './client';
import { transactWrite, type TransactItem } from './transact';
import { queryAll } from './batch';

/** Markers outlive the stream's 24-hour retention, then DynamoDB removes them. */
const MARKER_DAYS = 7;
/** DynamoDB transactions hold 100 items: the marker and 99 aggregates. */
const PER_TRANSACTION = 99;
const NOT_COUNTERS = new Set(['pk', 'sk', 'entity', 'month', 'scope', 'ttl']);

export class ChangeAlreadyAppliedError extends ConflictError {
  constructor() {
    super('Ce changement est déjà compté dans les statistiques.');
  }
}

export interface Target {
  key: ItemKey;
  entity: string;
  month: string;
  scope?: string;
  adds: Record<string, number>;
}

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

/** The ADD of a target's sums to its aggregate item (created on first write). */
export function updateOf(db: Database, target: Target): TransactItem {
  const names: Record<string, string> = { '#entity': 'entity', '#month': 'month' };
  const values: Record<string, unknown> = { ':entity': target.entity, ':month': target.month };
  const adds = Object.entries(target.adds).map(([attribute, amount], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = amount;
    return `#a${i} :a${i}`;
  });
  if (target.scope) {
    names['#scope'] = 'scope';
    values[':scope'] = target.scope;
  }
  return {
    Update: {
      TableName: db.tableName,
      Key: target.key,
      UpdateExpression: `SET #entity = :entity, #month = :month${target.scope ? ', #scope = :scope' : ''} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The marker of an applied change: its Put fails when the change was counted before. */
export function markerPut(db: Database, changeId: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.statsEvent(changeId),
        entity: ENTITY.statsEvent,
        appliedAt: now.toISOString(),
        ttl: ttlAt(new Date(now.getTime() + MARKER_DAYS * 86_400_000)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Adds a change's sums unless its id was applied before; returns whether it was applied now. */
export async function applyStatsChange(
  db: Database,
  changeId: string,
  cells: Cells,
  now: Date,
): Promise<boolean> {
  const targets = targetsOf(cells);
  let applied = false;
  for (let start = 0, part = 0; start < targets.length; start += PER_TRANSACTION, part += 1) {
    const markerId = part === 0 ? changeId : `${changeId}#${part}`;
    const marker = markerPut(db, markerId, now);
    try {
      await transactWrite(
        db,
        [marker, ...targets.slice(start, start + PER_TRANSACTION).map((t) => updateOf(db, t))],
        (failed) =>
          failed.includes(0)
            ? new ChangeAlreadyAppliedError()
            : new ConflictError('Statistiques : écriture refusée.'),
      );
      applied = true;
    } catch (error) {
      if (!(error instanceof ChangeAlreadyAppliedError)) throw error;
    }
  }
  return applied;
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
