/**
 * The chains' side of the nightly plan (`PlanChainStore`): the vacancies open tonight go in, and
 * the chains the plan chooses that are not proposals yet are stored as the matcher stores them
 * (linked to each mover and under their vacancy, `storeNewChain`), already marked "recommandée".
 */
import { placeNamesFrom } from '../../shared/matching/index';
import type { ReferenceData } from '../../shared/reference/index';
import type { Database } from '../lib/db/client';
import { getListings } from '../lib/db/listings';
import { matchIdOf, storedMatchIds } from '../lib/db/matches';
import { findVacancy, isOpen, openVacancies, type StoredVacancy } from '../lib/db/vacancies';
import { vacancyCandidateOf } from '../lib/matching/chain-cache';
import { storeNewChain } from '../lib/matching/chain-upkeep';
import type { PlanChainStore } from './optimiser';

export function planChainStore(
  db: Database,
  reference: () => Promise<ReferenceData>,
): PlanChainStore {
  return {
    async openVacancies(now) {
      return (await openVacancies(db))
        .filter((vacancy) => isOpen(vacancy, now))
        .map(vacancyCandidateOf);
    },
    async storeChosen(chains, now) {
      const stored = await storedMatchIds(
        db,
        chains.map((chain) => matchIdOf(chain.key)),
      );
      const missing = chains.filter((chain) => !stored.has(matchIdOf(chain.key)));
      if (missing.length === 0) return 0;
      // Read again: a mover may have left the market, or a vacancy been withdrawn, while the plan was computed.
      const [listings, vacancies] = await Promise.all([
        getListings(
          db,
          missing.flatMap((chain) => chain.listingIds),
        ),
        vacanciesById(db, [...new Set(missing.map((chain) => chain.vacancyId ?? ''))]),
      ]);
      const names = placeNamesFrom(await reference());
      let created = 0;
      for (const chain of missing) {
        const vacancy = vacancies.get(chain.vacancyId ?? '');
        if (!vacancy) continue;
        const match = await storeNewChain(
          { db, names },
          { ...chain, vacancyId: vacancy.id, tier: chain.tier ?? 0 },
          vacancy,
          listings,
          now,
          { recommended: true },
        );
        if (match) created += 1;
      }
      return created;
    },
  };
}

async function vacanciesById(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, StoredVacancy>> {
  const found = await Promise.all(ids.map((id) => findVacancy(db, id)));
  return new Map(found.filter((v) => v !== undefined).map((vacancy) => [vacancy.id, vacancy]));
}
