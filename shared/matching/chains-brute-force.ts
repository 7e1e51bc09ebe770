/**
 * The reference the chain index is checked against: every vacancy, every first mover, every
 * wanter of each home, with the plain `accepts` of docs/design.md. For tests and benchmarks only.
 */
import { accepts } from './accepts';
import {
  type ChainRecord,
  type VacancyCandidate,
  acceptsVacancy,
  chainKey,
  chainScore,
  compareChains,
  distinctOwners,
  priorityTier,
  vacancyAsCandidate,
} from './chains';
import { type CompiledListing, Interner, compileListing } from './compiled';
import { moveScore } from './score';
import type { MatchCandidate } from './types';

/** Every chain of the market, best first. */
export function bruteForceChains(
  market: readonly MatchCandidate[],
  vacancies: readonly VacancyCandidate[],
): ChainRecord[] {
  const interner = new Interner();
  const compiled = new Map(market.map((l) => [l.id, compileListing(l, interner)]));
  const found: ChainRecord[] = [];
  for (const vacancy of vacancies) {
    const home = compileListing(vacancyAsCandidate(vacancy), interner);
    const visit = (movers: MatchCandidate[]) => {
      const moves = movers.map((mover, i) =>
        moveScore(
          compiled.get(mover.id) as CompiledListing,
          i === 0 ? home : (compiled.get((movers[i - 1] as MatchCandidate).id) as CompiledListing),
        ),
      );
      const listingIds = movers.map((m) => m.id);
      found.push({
        key: chainKey(vacancy.id, listingIds),
        vacancyId: vacancy.id,
        listingIds,
        size: movers.length,
        score: chainScore(moves),
        tier: priorityTier(vacancy.priority, movers[0] as MatchCandidate),
      });
    };
    for (const a of market) {
      if (!acceptsVacancy(a, vacancy)) continue;
      visit([a]);
      for (const b of market) {
        if (!accepts(b, a) || !distinctOwners([a, b])) continue;
        visit([a, b]);
        for (const c of market) if (accepts(c, b) && distinctOwners([a, b, c])) visit([a, b, c]);
      }
    }
  }
  return found.sort(compareChains);
}
