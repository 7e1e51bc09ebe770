/** Bulk-loads a synthetic market into the table (benchmarks), bypassing the API on purpose. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { expiryFrom } from '../../shared/listing/lifecycle';
import type { GeneratedListing } from '../../shared/market/generator';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../../functions/lib/db/client';
import { listingItem } from '../../functions/lib/db/listings';

export function publishedListing(generated: GeneratedListing, now: Date): Listing {
  const at = now.toISOString();
  return { ...generated, status: 'published', verification: 'verified', publishedAt: at, expiresAt: expiryFrom(now).toISOString(), createdAt: at, updatedAt: at, version: 1 };
}

export async function loadMarket(db: Database, listings: GeneratedListing[], now = new Date()): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < listings.length; start += 25) {
    batches.push(listings.slice(start, start + 25).map((l) => listingItem(publishedListing(l, now), now)));
  }
  const writeBatch = async (items: Record<string, unknown>[]) => {
    let pending: Array<{ PutRequest: { Item: Record<string, unknown> } }> = items.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
      pending = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
    }
  };
  for (let start = 0; start < batches.length; start += 8) await Promise.all(batches.slice(start, start + 8).map(writeBatch));
}
