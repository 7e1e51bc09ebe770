/**
 * The one delete DynamoDB's TTL process makes, for the local stand-in that plays it: the item
 * goes only if its expiry has passed, so one rewritten with a later expiry meanwhile stays.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './client';
import { tableDefinition, type ItemKey } from './model';
import { writtenUnlessCondition } from './transact';

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
