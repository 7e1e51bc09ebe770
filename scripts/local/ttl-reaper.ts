/**
 * DynamoDB Local never deletes expired items; on AWS the TTL process does, and its deletions
 * reach the stream as REMOVE records from the DynamoDB service. This reaper plays that part:
 * on a timer it deletes the items whose `ttl` has passed and remembers their keys, so the
 * stream runner hands their REMOVE records to the handlers with the same `userIdentity`.
 * Like the TTL process, it is not immediate: an item goes at the first sweep that finds it
 * expired again (an item just written with a past expiry is still readable for a moment).
 *
 * The items that carry an expiry are learnt from the stream (`following`), after one scan of the
 * table at the first sweep for those written before: a scan at every sweep held DynamoDB Local's
 * only SQLite thread for as long as the table is big, which AWS's TTL process never does.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import type { Database } from '../../functions/lib/db/client';
import { deleteIfExpired, expiringItemPages } from '../../functions/lib/db/conditional-delete';
import type { ItemKey } from '../../functions/lib/db/model';
import { expiryOfRawImage, keyOfRawImage } from '../../functions/lib/db/stream-records';
import type { StreamHandler } from '../../functions/lib/stream-batch';

/** How long a reaped key is remembered: the stream delivers its record well before. */
const REMEMBER_MS = 10 * 60_000;

export class TtlReaper {
  private readonly reaped = new Map<string, number>();
  /** Items found expired by the previous sweep: this one deletes them. */
  private seen = new Set<string>();
  /** Every item known to carry an expiry, with it (epoch seconds). */
  private readonly expiring = new Map<string, { key: ItemKey; ttl: number }>();
  private scanned = false;

  constructor(private readonly db: Database) {}

  /** The handler, told nothing new; the reaper learns from its records which items expire when. */
  following(handler: StreamHandler): StreamHandler {
    return async (event) => {
      for (const record of event.Records) this.learn(record);
      return handler(event);
    };
  }

  /** Deletes what expired before `now`; returns how many items went. */
  async reap(now: Date): Promise<number> {
    if (!this.scanned) await this.scanOnce();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    this.forget(now.getTime());
    let count = 0;
    const expired = new Set<string>();
    for (const [id, { key, ttl }] of this.expiring) {
      if (ttl >= nowSeconds) continue;
      expired.add(id);
      if (!this.seen.has(id)) continue;
      this.reaped.set(id, Date.now());
      this.expiring.delete(id);
      let deleted = false;
      try {
        deleted = await deleteIfExpired(this.db, key, now);
      } finally {
        if (!deleted) this.reaped.delete(id);
      }
      if (deleted) count += 1;
    }
    this.seen = expired;
    return count;
  }

  /** Whether a REMOVE record of this key is one of the reaper's deletions. */
  deleted(key: { pk?: string; sk?: string }): boolean {
    return this.reaped.has(keyId(key));
  }

  private learn(record: DynamoDBRecord): void {
    const key = keyOfRawImage(record.dynamodb?.Keys);
    const ttl = expiryOfRawImage(record.dynamodb?.NewImage);
    if (record.eventName === 'REMOVE' || ttl === undefined) this.expiring.delete(keyId(key));
    else this.expiring.set(keyId(key), { key, ttl: Number(ttl) });
  }

  /** The items written before the stream was followed (a bulk load, a restart on kept data). */
  private async scanOnce(): Promise<void> {
    for await (const page of expiringItemPages(this.db))
      for (const { key, ttl } of page) {
        // The stream may have told a later state already.
        if (!this.expiring.has(keyId(key))) this.expiring.set(keyId(key), { key, ttl });
      }
    this.scanned = true;
  }

  private forget(nowMs: number): void {
    for (const [id, at] of this.reaped) if (nowMs - at > REMEMBER_MS) this.reaped.delete(id);
  }
}

const keyId = (key: { pk?: string; sk?: string }) => `${key.pk}\u0000${key.sk}`;
