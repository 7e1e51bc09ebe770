/**
 * Batch reads and writes in the sizes DynamoDB accepts (100 keys, 25 puts), retrying what it
 * leaves unprocessed under load; queries read to their last page.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Database } from './client';
import type { ItemKey } from './model';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

export interface BatchGetOptions {
  /** The attributes wanted (all when absent). */
  projection?: string;
  consistent?: boolean;
}

/** The items at these keys (those that exist), read 8 chunks at a time. */
export async function batchGetAll(
  db: Database,
  keys: readonly ItemKey[],
  options: BatchGetOptions = {},
): Promise<Record<string, unknown>[]> {
  const readChunk = async (chunk: ItemKey[]) => {
    const found: Record<string, unknown>[] = [];
    const wanted = {
      Keys: chunk.map((key) => ({ ...key })),
      ...(options.projection ? { ProjectionExpression: options.projection } : {}),
      ...(options.consistent ? { ConsistentRead: true } : {}),
    };
    let request: Record<string, typeof wanted> | undefined = { [db.tableName]: wanted };
    while (request && Object.keys(request).length > 0) {
      const result = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(result.Responses?.[db.tableName] ?? []));
      request = result.UnprocessedKeys as typeof request;
    }
    return found;
  };
  const found: Record<string, unknown>[] = [];
  for (const group of chunks(chunks(keys, 100), 8))
    found.push(...(await Promise.all(group.map(readChunk))).flat());
  return found;
}

export async function batchPutAll(
  db: Database,
  items: readonly Record<string, unknown>[],
  parallel = 8,
): Promise<void> {
  const batches = chunks(items, 25);
  const writeBatch = async (batch: Record<string, unknown>[]) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await db.doc.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }),
      );
      pending = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
    }
  };
  for (const group of chunks(batches, parallel)) await Promise.all(group.map(writeBatch));
}

type Page = {
  Items?: Record<string, unknown>[];
  LastEvaluatedKey?: Record<string, unknown>;
};

/**
 * The items of a paged read, page after page from where the previous one stopped, to the last page
 * or until `enough` holds for those read so far.
 */
async function allPages(
  readPage: (startKey: Record<string, unknown> | undefined) => Promise<Page>,
  enough: (items: readonly Record<string, unknown>[]) => boolean = () => false,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await readPage(startKey);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && !enough(items));
  return items;
}

/** Every item a query finds, page after page. */
export async function queryAll(
  db: Database,
  input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
): Promise<Record<string, unknown>[]> {
  return allPages((startKey) =>
    db.doc.send(
      new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey: startKey }),
    ),
  );
}

/**
 * The items of a query read `pageSize` at a time, until `enough` holds for those read so far or
 * the last page: for reads that stop part-way through an ordered index.
 */
export async function queryUntil(
  db: Database,
  input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'Limit'>,
  pageSize: number,
  enough: (items: readonly Record<string, unknown>[]) => boolean,
): Promise<Record<string, unknown>[]> {
  return allPages(
    (startKey) =>
      db.doc.send(
        new QueryCommand({
          ...input,
          TableName: db.tableName,
          Limit: pageSize,
          ExclusiveStartKey: startKey,
        }),
      ),
    enough,
  );
}

/**
 * How many items a query finds, counted by DynamoDB without returning them: how many the key
 * condition finds (`found`) and how many of them pass the filter (`matched`); with `atMost`, one
 * page that stops there (DynamoDB's Limit caps the items it evaluates).
 */
export async function queryCounts(
  db: Database,
  input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'Select' | 'Limit'>,
  { atMost }: { atMost?: number } = {},
): Promise<{ found: number; matched: number }> {
  const total = { found: 0, matched: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        ...input,
        TableName: db.tableName,
        Select: 'COUNT',
        ...(atMost ? { Limit: atMost } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    total.found += page.ScannedCount ?? 0;
    total.matched += page.Count ?? 0;
    startKey = atMost ? undefined : page.LastEvaluatedKey;
  } while (startKey);
  return total;
}

/** Every item a scan (or one segment of it) finds, page after page: offline tools only. */
export async function scanAll(
  db: Database,
  input: Omit<ConstructorParameters<typeof ScanCommand>[0], 'TableName'>,
): Promise<Record<string, unknown>[]> {
  return allPages((startKey) =>
    db.doc.send(
      new ScanCommand({ ...input, TableName: db.tableName, ExclusiveStartKey: startKey }),
    ),
  );
}
