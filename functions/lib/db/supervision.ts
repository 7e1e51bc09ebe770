/**
 * What Armos's dashboard reads: every swap with its reviews (through the status index, never a
 * scan) and the size of each lessor's verification queue (a count of its index partition).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SWAP_STATUSES, type Swap } from '../../../shared/swap/lifecycle';
import type { Database } from './client';
import { indexPartitions, INDEX } from './model';
import { findSwap, swapIdsInStatus } from './swaps';

const READS_IN_FLIGHT = 8;

async function allSwapIds(db: Database): Promise<string[]> {
  const ids: string[] = [];
  for (const status of SWAP_STATUSES) {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await swapIdsInStatus(db, status, { limit: 500, cursor });
      ids.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  return ids;
}

export async function everySwap(db: Database): Promise<Swap[]> {
  const ids = await allSwapIds(db);
  const swaps: Swap[] = [];
  for (let i = 0; i < ids.length; i += READS_IN_FLIGHT) {
    const read = await Promise.all(ids.slice(i, i + READS_IN_FLIGHT).map((id) => findSwap(db, id)));
    swaps.push(...read.filter((swap): swap is Swap => swap !== undefined));
  }
  return swaps;
}

export async function pendingVerificationCount(db: Database, lessorId: string): Promise<number> {
  let count = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const result = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: INDEX.lessorQueues,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': indexPartitions.listingsToVerify(lessorId, 'pending'),
        },
        Select: 'COUNT',
        ExclusiveStartKey: cursor,
      }),
    );
    count += result.Count ?? 0;
    cursor = result.LastEvaluatedKey;
  } while (cursor);
  return count;
}
