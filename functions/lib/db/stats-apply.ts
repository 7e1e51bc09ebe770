/**
 * Applies a batch of statistics changes in one read and one transaction: the batch's cells are
 * combined per stored item (a month's scopes of one kind, a month of the stock: a handful of items
 * for a batch of 100 records), added to what the items hold, and written back under their version
 * together with the ids of the changes counted. Those ids live in ledger items
 * (`STATSLEDGER#<window>`), one per ten seconds of stream records' creation: a change is counted
 * only if its window's ledger does not name it, and the ledger and the sums change in the same
 * transaction, so a redelivered, re-split or reordered batch changes nothing. A write refused
 * because someone else wrote in between is read and tried again.
 *
 * A stream keeps records 24 hours: ledger items expire three days after their window (TTL), and a
 * record older than two days, whose ledger may be gone, is refused rather than counted twice.
 */
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Cells } from '../../../shared/stats/index';
import { batchGetAll } from './batch';
import type { Database } from './client';
import { ENTITY, keys } from './model';
import {
  addCounts,
  cellsByItem,
  countersOfItem,
  statsItemOf,
  type ItemCount,
  type StatsItemTarget,
} from './stats';
import type { TransactItem } from './transact';

/** Seconds of record creation one ledger item covers. */
export const LEDGER_WINDOW_SECONDS = 10;
const LEDGER_TTL_SECONDS = 3 * 86_400;
/** Older records are refused: their ledger may have expired (the stream keeps 24 hours). */
const OLDEST_ACCEPTED_SECONDS = 2 * 86_400;
/** DynamoDB accepts 100 items per transaction. */
const ITEMS_PER_TRANSACTION = 100;
const MAX_ATTEMPTS = 10;

/** A compact, stable id for a change (its record's key and sequence number). */
export const compactChangeId = (changeId: string) =>
  createHash('sha256').update(changeId).digest('base64url').slice(0, 16);

/** One stream change's net cells, with its id and its record's creation (epoch seconds, 0 if unknown). */
export interface CountedChange {
  id: string;
  createdAt: number;
  cells: Cells;
}

const windowOf = (change: CountedChange) => Math.floor(change.createdAt / LEDGER_WINDOW_SECONDS);
const ledgerId = (window: number) => {
  const key = keys.statsLedger(window);
  return `${key.pk}|${key.sk}`;
};

export class StaleChangeError extends Error {
  constructor() {
    super('statistics: a change older than the stream retention');
  }
}

/** Splits changes so that no transaction names more items than DynamoDB accepts. */
function groups(changes: CountedChange[]): CountedChange[][] {
  const result: CountedChange[][] = [];
  let current: CountedChange[] = [];
  let items = new Set<string>();
  for (const change of changes) {
    const names = [ledgerId(windowOf(change)), ...cellsByItem(change.cells).keys()];
    const union = new Set([...items, ...names]);
    if (union.size > ITEMS_PER_TRANSACTION && current.length > 0) {
      result.push(current);
      current = [];
      items = new Set(names);
    } else items = union;
    current.push(change);
  }
  if (current.length > 0) result.push(current);
  return result;
}

const versionCondition = (stored: Record<string, unknown> | undefined) => {
  if (!stored) return { ConditionExpression: 'attribute_not_exists(pk)' };
  if (typeof stored.version !== 'number')
    return {
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    };
  return {
    ConditionExpression: '#version = :read',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':read': stored.version },
  };
};

const nextVersion = (stored: Record<string, unknown> | undefined) =>
  typeof stored?.version === 'number' ? stored.version + 1 : 1;

function ledgerWrite(
  db: Database,
  window: number,
  ids: string[],
  stored: Record<string, unknown> | undefined,
): TransactItem {
  const condition = versionCondition(stored);
  const dated = window > 0;
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.statsLedger(window),
      UpdateExpression: `SET #entity = :entity, #version = :next${dated ? ', #ttl = :ttl' : ''} ADD #ids :ids`,
      ...condition,
      ExpressionAttributeNames: {
        ...condition.ExpressionAttributeNames,
        '#entity': 'entity',
        '#version': 'version',
        '#ids': 'ids',
        ...(dated ? { '#ttl': 'ttl' } : {}),
      },
      ExpressionAttributeValues: {
        ...condition.ExpressionAttributeValues,
        ':entity': ENTITY.statsLedger,
        ':next': nextVersion(stored),
        ':ids': new Set(ids),
        ...(dated ? { ':ttl': (window + 1) * LEDGER_WINDOW_SECONDS + LEDGER_TTL_SECONDS } : {}),
      },
    },
  };
}

function aggregateWrite(
  db: Database,
  target: StatsItemTarget,
  counts: ItemCount[],
  stored: Record<string, unknown> | undefined,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: statsItemOf(target, addCounts(countersOfItem(stored), counts), nextVersion(stored)),
      ...versionCondition(stored),
    },
  };
}

/** The writes that count the changes not counted yet (none when every one was). */
async function writesFor(db: Database, changes: CountedChange[]): Promise<TransactItem[]> {
  const windows = [...new Set(changes.map(windowOf))];
  const targets = new Map<string, StatsItemTarget>();
  for (const change of changes)
    for (const [id, { target }] of cellsByItem(change.cells)) targets.set(id, target);
  const stored = new Map(
    (
      await batchGetAll(
        db,
        [...windows.map((w) => keys.statsLedger(w)), ...[...targets.values()].map((t) => t.key)],
        { consistent: true },
      )
    ).map((item) => [`${item.pk}|${item.sk}`, item]),
  );
  const counted = (change: CountedChange) =>
    (stored.get(ledgerId(windowOf(change)))?.ids as Set<string> | undefined)?.has(change.id);
  const fresh = changes.filter((change) => !counted(change));
  const byItem = new Map<string, { target: StatsItemTarget; counts: ItemCount[] }>();
  const idsByWindow = new Map<number, string[]>();
  for (const change of fresh) {
    idsByWindow.set(windowOf(change), [...(idsByWindow.get(windowOf(change)) ?? []), change.id]);
    for (const [id, { target, counts }] of cellsByItem(change.cells)) {
      const entry = byItem.get(id) ?? { target, counts: [] };
      entry.counts.push(...counts);
      byItem.set(id, entry);
    }
  }
  return [
    ...[...idsByWindow].map(([window, ids]) =>
      ledgerWrite(db, window, ids, stored.get(ledgerId(window))),
    ),
    ...[...byItem.values()].map(({ target, counts }) =>
      aggregateWrite(db, target, counts, stored.get(target.id)),
    ),
  ];
}

const isRace = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) =>
    ['ConditionalCheckFailed', 'TransactionConflict'].includes(reason.Code ?? ''),
  );

async function applyGroup(db: Database, changes: CountedChange[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const writes = await writesFor(db, changes);
    if (writes.length === 0) return;
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: writes }));
      return;
    } catch (error) {
      // Another writer changed one of the items since they were read: read them again.
      if (!isRace(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** Counts each change once, whatever was counted before; the batch's changes go in together. */
export async function applyChanges(
  db: Database,
  changes: CountedChange[],
  now: Date,
): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (changes.some((c) => c.createdAt > 0 && nowSeconds - c.createdAt > OLDEST_ACCEPTED_SECONDS))
    throw new StaleChangeError();
  for (const group of groups(changes.filter((change) => change.cells.size > 0)))
    await applyGroup(db, group);
}
