/** What the matcher's use cases need, from the stream handler (`handler.ts`) down to chains (`chains.ts`). */
import type { ChainCache } from '../lib/matching/chain-cache';
import type { MarketCache } from '../lib/matching/market-cache';
import type { AppContext } from '../lib/app-context';

export type MatcherDeps = Pick<AppContext, 'db' | 'now' | 'reference'> & {
  proposalsPerListing?: number;
  cache?: MarketCache;
  chains?: ChainCache;
};
