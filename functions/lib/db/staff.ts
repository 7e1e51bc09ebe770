/** Deactivation of staff accounts: a flag on the profile item, which every request reads. */
import { keys } from './model';
import type { Database } from './client';
import type { TransactItem } from './transact';

/** Sets or clears the flag; fails unless the profile exists and is a staff account. */
export function staffActivationUpdate(
  db: Database,
  userId: string,
  deactivation: { by: string } | undefined,
  now: Date,
): TransactItem {
  const at = now.toISOString();
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.user(userId),
      ConditionExpression: 'attribute_exists(pk) AND #role <> :tenant',
      UpdateExpression: deactivation
        ? 'SET deactivatedAt = :at, deactivatedBy = :by, updatedAt = :at'
        : 'REMOVE deactivatedAt, deactivatedBy SET updatedAt = :at',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: {
        ':tenant': 'tenant',
        ':at': at,
        ...(deactivation ? { ':by': deactivation.by } : {}),
      },
    },
  };
}
