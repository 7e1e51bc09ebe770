/**
 * The matcher's part for chains (docs/design.md "Chains"), called after the cycles of a listing
 * change, and for each vacancy change: the chain index follows the market cache and the vacancies
 * the market log says changed (`chain-cache.ts`), then `chain-upkeep.ts` keeps every listing's
 * best chains stored.
 */
import { placeNamesFrom } from '../../shared/matching/index';
import type { StoredMatch } from '../lib/db/matches';
import { appendVacancyChange } from '../lib/db/market-log';
import type { StoredVacancy } from '../lib/db/vacancies';
import type { ChainCache } from '../lib/matching/chain-cache';
import {
  keepChainsAfterListingChange,
  keepChainsAfterVacancyChange,
} from '../lib/matching/chain-upkeep';
import type { MarketCache } from '../lib/matching/market-cache';
import type { MatcherDeps } from './deps';

async function chainDeps(deps: MatcherDeps) {
  return { db: deps.db, now: deps.now, names: placeNamesFrom(await deps.reference()) };
}

/** After a listing change is in the market cache (and so in the chain index). */
export async function keepChainsUpToDate(
  deps: MatcherDeps,
  chains: ChainCache,
  change: { listingId: string; matches?: StoredMatch[] },
): Promise<void> {
  await chains.refreshVacancies(deps.db, deps.now());
  await keepChainsAfterListingChange(
    await chainDeps(deps),
    chains,
    change.listingId,
    change.matches,
  );
}

export async function onVacancyChanged(
  deps: MatcherDeps & { cache: MarketCache; chains: ChainCache },
  vacancy: StoredVacancy,
): Promise<void> {
  const now = deps.now();
  await deps.cache.get(deps.db, deps.reference, now);
  // Logged first, so that every instance reads this vacancy again at its next catch-up.
  await appendVacancyChange(deps.db, {
    vacancyId: vacancy.id,
    version: vacancy.version,
    seenAt: new Date().toISOString(),
  });
  deps.chains.vacancyChanged(vacancy.id, vacancy.version);
  await deps.cache.catchUp(deps.db, now);
  await deps.chains.refreshVacancies(deps.db, now);
  await keepChainsAfterVacancyChange(await chainDeps(deps), deps.chains, vacancy.id);
}
