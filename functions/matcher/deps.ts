/** What the matcher's use cases need, from the stream handler (`handler.ts`) down to chains (`chains.ts`). */
import type { ReferenceData } from '../../shared/reference/index';
import type { Database } from '../lib/db/client';
import type { ChainCache } from '../lib/matching/chain-cache';
import type { MarketCache } from '../lib/matching/market-cache';

export interface MatcherDeps {
  db: Database;
  now: () => Date;
  reference: () => Promise<ReferenceData>;
  proposalsPerListing?: number;
  cache?: MarketCache;
  chains?: ChainCache;
}
