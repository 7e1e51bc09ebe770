/**
 * Loads the repository's reference data (shared/reference) into a table, at every deployment
 * and at every start of the local stack. It may run any number of times and never undoes what
 * Armos did since:
 *  - an item it writes carries `seedVersion`, the digest of what it wrote; Armos's edits replace
 *    the whole item without it (putReceptionPoint), so an item without `seedVersion`, or whose
 *    write races with ours, is Armos's and is kept as it is;
 *  - an item it wrote earlier and the repository has changed since is updated only if it still
 *    carries the digest it was written with (conditional write);
 *  - every key it ever wrote is kept in a ledger item: a key in the ledger but absent from the
 *    table was removed by Armos and is not written again;
 *  - it never deletes: a row dropped from the repository may still be used by listings.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReferenceData } from '../../../shared/reference/index';
import type { Database } from './client';
import { queryAll } from './batch';
import { ENTITY, keys } from './model';
import { referenceItems } from './reference';
import { writtenUnlessCondition } from './transact';

export interface ReferenceLoadReport {
  /** Absent and never loaded before: written. */
  inserted: number;
  /** Loaded earlier, untouched since, changed in the repository: rewritten. */
  updated: number;
  /** Already as in the repository. */
  unchanged: number;
  /** Edited by Armos (or written by an older version without a digest): kept as they are. */
  keptEdited: number;
  /** Loaded earlier then removed by Armos: not written again. */
  keptRemoved: number;
}

type Item = Record<string, unknown> & { pk: string; sk: string };

const WRITES_IN_FLIGHT = 8;

/** Digest of an item's content, independent of attribute order. */
export function seedVersionOf(item: Item): string {
  const content = Object.keys(item)
    .filter((name) => name !== 'seedVersion')
    .sort()
    .map((name) => [name, item[name]]);
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
}

async function storedReferenceItems(db: Database): Promise<Map<string, Item>> {
  const items = (await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.referencePrefix().pk },
    ConsistentRead: true,
  })) as Item[];
  return new Map(items.map((item) => [item.sk, item]));
}

async function ledgerKeys(db: Database): Promise<Set<string>> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.referenceLedger(), ConsistentRead: true }),
  );
  return new Set((Item?.loaded as Set<string> | undefined) ?? []);
}

/** Puts `item` under `condition`; false when the condition failed (someone else wrote first). */
async function conditionalPut(
  db: Database,
  item: Item,
  condition: string,
  values?: Record<string, unknown>,
): Promise<boolean> {
  return writtenUnlessCondition(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: item,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

type Outcome = keyof ReferenceLoadReport;

async function loadItem(
  db: Database,
  item: Item,
  stored: Item | undefined,
  everLoaded: boolean,
): Promise<Outcome> {
  const seedVersion = seedVersionOf(item);
  const versioned = { ...item, seedVersion };
  if (!stored) {
    if (everLoaded) return 'keptRemoved';
    return (await conditionalPut(db, versioned, 'attribute_not_exists(pk)'))
      ? 'inserted'
      : 'keptEdited';
  }
  const previous = stored.seedVersion;
  if (typeof previous !== 'string') return 'keptEdited';
  if (previous === seedVersion) return 'unchanged';
  const updated = await conditionalPut(db, versioned, 'seedVersion = :previous', {
    ':previous': previous,
  });
  return updated ? 'updated' : 'keptEdited';
}

export async function loadReferenceData(
  db: Database,
  data: ReferenceData,
): Promise<ReferenceLoadReport> {
  const items = referenceItems(data) as Item[];
  const [stored, ledger] = await Promise.all([storedReferenceItems(db), ledgerKeys(db)]);
  const report: ReferenceLoadReport = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    keptEdited: 0,
    keptRemoved: 0,
  };
  for (let start = 0; start < items.length; start += WRITES_IN_FLIGHT) {
    const outcomes = await Promise.all(
      items
        .slice(start, start + WRITES_IN_FLIGHT)
        .map((item) => loadItem(db, item, stored.get(item.sk), ledger.has(item.sk))),
    );
    for (const outcome of outcomes) report[outcome] += 1;
  }
  // Recorded after the writes: a run stopped half-way writes the rest next time.
  const written = items.map((item) => item.sk).filter((sk) => !ledger.has(sk));
  if (written.length > 0) {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.referenceLedger(),
        UpdateExpression: 'ADD loaded :keys SET entity = :entity',
        ExpressionAttributeValues: { ':keys': new Set(written), ':entity': ENTITY.referenceLedger },
      }),
    );
  }
  return report;
}
