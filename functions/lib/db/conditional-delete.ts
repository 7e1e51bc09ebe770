/**
 * What DynamoDB's TTL process does, for the local stand-in that plays it
 * (scripts/local/ttl-reaper.ts): finding the items that carry an expiry, and the one delete it
 * makes — the item goes only if its expiry has passed, so one rewritten with a later expiry
 * meanwhile stays.
 */
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './client';
import { keyOf, tableDefinition, type ItemKey } from './model';
import { writtenUnlessCondition } from './transact';

/**
 * Every item that carries an expiry, page by page (epoch seconds). A scan is acceptable here
 * only: DynamoDB Local on one machine, standing in for the TTL process.
 */
export async function* expiringItemPages(
  db: Database,
): AsyncGenerator<Array<{ key: ItemKey; ttl: number }>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'attribute_exists(#ttl)',
        ProjectionExpression: 'pk, sk, #ttl',
        ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
        ExclusiveStartKey: start,
      }),
    );
    yield (page.Items ?? []).map((item) => ({
      key: keyOf(item),
      ttl: Number(item[tableDefinition.ttlAttribute]),
    }));
    start = page.LastEvaluatedKey;
  } while (start);
}

/** True when the item went; false when it was gone already or no longer expired at `now`. */
export async function deleteIfExpired(db: Database, key: ItemKey, now: Date): Promise<boolean> {
  return writtenUnlessCondition(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: { pk: key.pk, sk: key.sk },
        ConditionExpression: '#ttl < :now',
        ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
      }),
    ),
  );
}
