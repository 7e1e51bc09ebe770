/** Bulk-loads a synthetic market into the table (benchmarks), bypassing the API on purpose. */
import { expiryFrom } from '../../shared/listing/lifecycle';
import { generateMarket, type GeneratedListing } from '../../shared/market/generator';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../../functions/lib/db/client';
import { batchPutAll } from '../../functions/lib/db/batch';
import { listingItem } from '../../functions/lib/db/listings';

export function publishedListing(generated: GeneratedListing, now: Date): Listing {
  const at = now.toISOString();
  return {
    ...generated,
    status: 'published',
    verification: 'verified',
    publishedAt: at,
    expiresAt: expiryFrom(now).toISOString(),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

export async function loadMarket(
  db: Database,
  listings: GeneratedListing[],
  now = new Date(),
): Promise<void> {
  await batchPutAll(
    db,
    listings.map((l) => listingItem(publishedListing(l, now), now)),
  );
}

/**
 * A benchmark's market and the listings published into it through the API, generated on first
 * use: a benchmark that measures each tree in a process of its own generates them there only.
 */
export function lazyScenario(options: {
  marketSize: number;
  newcomers: number;
  newcomerSeed: number;
}): () => { market: ReturnType<typeof generateMarket>; newcomers: GeneratedListing[] } {
  let generated: ReturnType<ReturnType<typeof lazyScenario>> | undefined;
  return () =>
    (generated ??= {
      market: generateMarket({
        size: options.marketSize,
        seed: 1,
        density: 'broad',
        region: 'cinor',
      }),
      newcomers: generateMarket({
        size: options.newcomers,
        seed: options.newcomerSeed,
        density: 'broad',
        region: 'cinor',
      }).listings,
    });
}
