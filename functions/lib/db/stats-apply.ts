/**
 * Applies a batch of statistics changes in one transaction: the batch's cells are combined per
 * stored item (the parts of a month's scopes, a year of the stock: a handful of items for a batch
 * of 100 records), added to what the items hold, and written back under their version together
 * with the ids of the changes counted. Those ids live in ledger items (`STATSLEDGER#<window>`), one
 * per ten seconds of stream records' creation: a change is counted only if its window's ledger
 * does not name it, and the ledger and the sums change in the same transaction, so a redelivered,
 * re-split or reordered batch changes nothing. The items are read once and then kept as written
 * (StatsItemCopies): a write refused because someone else wrote in between reads them again.
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
import { ENTITY, keys, type ItemKey } from './model';
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

/**
 * The statistics items as this process last read or wrote them. Every write is conditioned on the
 * version it starts from, so an item someone else changed since is refused, read again and the
 * write retried: the copy only saves the read when nobody else wrote, as when one process follows
 * a shard of the stream.
 */
export class StatsItemCopies {
  private readonly items = new Map<string, Record<string, unknown> | null>();

  constructor(private readonly max = 2_000) {}

  has(id: string): boolean {
    return this.items.has(id);
  }

  /** The item (undefined when it does not exist). */
  get(id: string): Record<string, unknown> | undefined {
    return this.items.get(id) ?? undefined;
  }

  set(id: string, item: Record<string, unknown> | undefined): void {
    this.items.delete(id);
    this.items.set(id, item ?? null);
    if (this.items.size > this.max) this.items.delete(this.items.keys().next().value!);
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.items.delete(id);
  }
}

interface PlannedWrites {
  writes: TransactItem[];
  /** The items as they are once the writes succeed, by `pk|sk`. */
  after: Map<string, Record<string, unknown>>;
  /** Every item the plan read. */
  read: string[];
}

/** The writes that count the changes not counted yet (none when every one was). */
async function plan(
  db: Database,
  changes: CountedChange[],
  copies: StatsItemCopies,
): Promise<PlannedWrites> {
  const wanted = new Map<string, ItemKey>();
  for (const window of new Set(changes.map(windowOf)))
    wanted.set(ledgerId(window), keys.statsLedger(window));
  for (const change of changes)
    for (const [id, { target }] of cellsByItem(change.cells)) wanted.set(id, target.key);
  const missing = [...wanted].filter(([id]) => !copies.has(id));
  if (missing.length > 0) {
    const found = new Map(
      (
        await batchGetAll(
          db,
          missing.map(([, key]) => key),
          { consistent: true },
        )
      ).map((item) => [`${String(item.pk)}|${String(item.sk)}`, item]),
    );
    for (const [id] of missing) copies.set(id, found.get(id));
  }
  const stored = (id: string) => copies.get(id);
  const counted = (change: CountedChange) =>
    (stored(ledgerId(windowOf(change)))?.ids as Set<string> | undefined)?.has(change.id);
  const byItem = new Map<string, { target: StatsItemTarget; counts: ItemCount[] }>();
  const idsByWindow = new Map<number, string[]>();
  for (const change of changes.filter((c) => !counted(c))) {
    idsByWindow.set(windowOf(change), [...(idsByWindow.get(windowOf(change)) ?? []), change.id]);
    for (const [id, { target, counts }] of cellsByItem(change.cells)) {
      const entry = byItem.get(id) ?? { target, counts: [] };
      entry.counts.push(...counts);
      byItem.set(id, entry);
    }
  }
  const writes: TransactItem[] = [];
  const after = new Map<string, Record<string, unknown>>();
  for (const [window, ids] of idsByWindow) {
    const before = stored(ledgerId(window));
    const write = ledgerWrite(db, window, ids, before);
    const values = write.Update!.ExpressionAttributeValues!;
    writes.push(write);
    after.set(ledgerId(window), {
      ...keys.statsLedger(window),
      entity: ENTITY.statsLedger,
      version: values[':next'],
      ...(values[':ttl'] !== undefined ? { ttl: values[':ttl'] } : {}),
      ids: new Set([...((before?.ids as Set<string> | undefined) ?? []), ...ids]),
    });
  }
  for (const [id, { target, counts }] of byItem) {
    const write = aggregateWrite(db, target, counts, stored(id));
    writes.push(write);
    after.set(id, write.Put!.Item!);
  }
  return { writes, after, read: [...wanted.keys()] };
}

const isRace = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) =>
    ['ConditionalCheckFailed', 'TransactionConflict'].includes(reason.Code ?? ''),
  );

async function applyGroup(
  db: Database,
  changes: CountedChange[],
  copies: StatsItemCopies,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const { writes, after, read } = await plan(db, changes, copies);
    if (writes.length === 0) return;
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: writes }));
      for (const [id, item] of after) copies.set(id, item);
      return;
    } catch (error) {
      // Another writer changed one of the items since they were read: read them again.
      copies.forget(read);
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
  copies = new StatsItemCopies(),
): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (changes.some((c) => c.createdAt > 0 && nowSeconds - c.createdAt > OLDEST_ACCEPTED_SECONDS))
    throw new StaleChangeError();
  for (const group of groups(changes.filter((change) => change.cells.size > 0)))
    await applyGroup(db, group, copies);
}
