/** Bulk-loads a synthetic market into the table (benchmarks), bypassing the API on purpose. */
import { expiryFrom } from '../../shared/listing/lifecycle';
import {
  generateMarket,
  type GeneratedListing,
  type GeneratedMarket,
} from '../../shared/market/generator';
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

/** A benchmark's synthetic market, and the listings its tenants publish into it through the API. */
export interface BenchScenario {
  market: GeneratedMarket;
  newcomers: GeneratedListing[];
}

/**
 * The scenario, generated on first use: a benchmark that measures each tree in a process of its
 * own generates it there only.
 */
export function lazyScenario(options: {
  marketSize: number;
  newcomers: number;
  newcomerSeed: number;
}): () => BenchScenario {
  let generated: BenchScenario | undefined;
  const generate = (size: number, seed: number) =>
    generateMarket({ size, seed, density: 'broad', region: 'cinor' });
  return () =>
    (generated ??= {
      market: generate(options.marketSize, 1),
      newcomers: generate(options.newcomers, options.newcomerSeed).listings,
    });
}
