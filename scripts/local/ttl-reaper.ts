/**
 * DynamoDB Local never deletes expired items; on AWS the TTL process does, and its deletions
 * reach the stream as REMOVE records from the DynamoDB service. This reaper plays that part:
 * on a timer it deletes the items whose `ttl` has passed and remembers their keys, so the
 * stream runner hands their REMOVE records to the handlers with the same `userIdentity`.
 * Like the TTL process, it is not immediate: an item goes at the first sweep that finds it
 * expired again (an item just written with a past expiry is still readable for a moment).
 */
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../../functions/lib/db/client';
import { tableDefinition } from '../../functions/lib/db/model';

/** How long a reaped key is remembered: the stream delivers its record well before. */
const REMEMBER_MS = 10 * 60_000;

export class TtlReaper {
  private readonly reaped = new Map<string, number>();
  /** Items found expired by the previous sweep: this one deletes them. */
  private seen = new Set<string>();

  constructor(private readonly db: Database) {}

  /** Deletes what expired before `now`; returns how many items went. */
  async reap(now: Date): Promise<number> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    this.forget(now.getTime());
    let count = 0;
    const expired = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      // A scan is acceptable here only: DynamoDB Local on one machine, standing in for the TTL process.
      const page = await this.db.doc.send(
        new ScanCommand({
          TableName: this.db.tableName,
          FilterExpression: '#ttl < :now',
          ProjectionExpression: 'pk, sk',
          ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
          ExpressionAttributeValues: { ':now': nowSeconds },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const key = { pk: String(item.pk), sk: String(item.sk) };
        expired.add(keyId(key));
        if (!this.seen.has(keyId(key))) continue;
        this.reaped.set(keyId(key), Date.now());
        try {
          // Not if it was rewritten with a later expiry meanwhile.
          await this.db.doc.send(
            new DeleteCommand({
              TableName: this.db.tableName,
              Key: key,
              ConditionExpression: '#ttl < :now',
              ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
              ExpressionAttributeValues: { ':now': nowSeconds },
            }),
          );
          count += 1;
        } catch (error) {
          this.reaped.delete(keyId(key));
          if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    this.seen = expired;
    return count;
  }

  /** Whether a REMOVE record of this key is one of the reaper's deletions. */
  deleted(key: { pk?: string; sk?: string }): boolean {
    return this.reaped.has(keyId(key));
  }

  private forget(nowMs: number): void {
    for (const [id, at] of this.reaped) if (nowMs - at > REMEMBER_MS) this.reaped.delete(id);
  }
}

const keyId = (key: { pk?: string; sk?: string }) => `${key.pk}\u0000${key.sk}`;
