/**
 * Whole-table reads and bulk replacement, for offline tools only (`npm run stats:rebuild`): no
 * request path may ever scan the table.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { scanAll } from './batch';
import type { Database } from './client';
import { ENTITY_ATTRIBUTE, PARTITION_PREFIX } from './model';

type Item = Record<string, unknown>;

const SEGMENTS = 4;

/** The whole table, in parallel segments: offline use only (see above). */
export async function scanEntities(db: Database, entities: string[]): Promise<Item[]> {
  const names = entities.map((_, i) => `:e${i}`);
  const values = Object.fromEntries(entities.map((entity, i) => [`:e${i}`, entity]));
  const segment = (index: number) =>
    scanAll(db, {
      Segment: index,
      TotalSegments: SEGMENTS,
      FilterExpression: `#entity IN (${names.join(', ')})`,
      ExpressionAttributeNames: { '#entity': ENTITY_ATTRIBUTE },
      ExpressionAttributeValues: values,
    });
  return (await Promise.all(Array.from({ length: SEGMENTS }, (_, i) => segment(i)))).flat();
}

/**
 * Every statistics item, of this layout and earlier ones (by partition, whatever entity it names):
 * what a benchmark compares after two aggregators ran. Offline use only (see above).
 */
export async function scanStatsItems(db: Database): Promise<Item[]> {
  return scanAll(db, {
    FilterExpression: 'begins_with(pk, :stats)',
    ExpressionAttributeValues: { ':stats': PARTITION_PREFIX.stats },
  });
}

/** Puts `puts` and deletes the items of `deletes` (by their keys), 25 at a time, retrying what DynamoDB leaves. */
export async function writeAndDelete(
  db: Database,
  puts: Record<string, unknown>[],
  deletes: Item[],
): Promise<void> {
  const requests = [
    ...puts.map((Item) => ({ PutRequest: { Item } })),
    ...deletes.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
  ];
  for (let start = 0; start < requests.length; start += 25) {
    let pending: Record<string, Record<string, unknown>[]> | undefined = {
      [db.tableName]: requests.slice(start, start + 25),
    };
    while (pending && Object.keys(pending).length > 0) {
      const result = await db.doc.send(new BatchWriteCommand({ RequestItems: pending as never }));
      pending = result.UnprocessedItems as typeof pending;
    }
  }
}
