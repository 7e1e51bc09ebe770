/**
 * The matcher's index of chains (`shared/matching/chains-index.ts`): its listings follow the market
 * cache (`MarketObserver`), so that every stream shard's changes reach it through the market log;
 * its vacancies are read whole from the table (the open ones, a few hundred at most) before each
 * change is handled, so that a vacancy posted on another shard is known at once.
 */
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import type { VacancyCandidate } from '../../../shared/matching/chains';
import { ChainIndex } from '../../../shared/matching/chains-index';
import type { Database } from '../db/client';
import type { MarketRow } from '../db/listings';
import { isOpen, openVacancies, type StoredVacancy } from '../db/vacancies';
import { candidateOf, type MarketObserver } from './market-cache';

export function vacancyCandidateOf(vacancy: StoredVacancy): VacancyCandidate {
  return { id: vacancy.id, dwelling: vacancy.dwelling, priority: vacancy.priority };
}

export class ChainCache implements MarketObserver {
  index = new ChainIndex();
  /** The version of each vacancy in the index. */
  private readonly vacancyVersions = new Map<string, number>();
  private readonly vacancies = new Map<string, StoredVacancy>();

  reset(): void {
    this.index = new ChainIndex();
    for (const vacancy of this.vacancies.values())
      this.index.upsertVacancy(vacancyCandidateOf(vacancy));
  }

  listing(listingId: string, listing: MarketRow | undefined, now: Date): void {
    if (listing && takesPartInMatching(listing, now))
      this.index.upsertListing(candidateOf(listing));
    else this.index.removeListing(listingId);
  }

  /** The vacancy as indexed, if it is open. */
  vacancy(vacancyId: string): StoredVacancy | undefined {
    return this.vacancies.get(vacancyId);
  }

  /** Brings the vacancies to the table's open ones; returns the ids that changed. */
  async refreshVacancies(db: Database, now: Date): Promise<string[]> {
    const open = (await openVacancies(db)).filter((vacancy) => isOpen(vacancy, now));
    const changed: string[] = [];
    const seen = new Set<string>();
    for (const vacancy of open) {
      seen.add(vacancy.id);
      if (this.vacancyVersions.get(vacancy.id) === vacancy.version) continue;
      this.vacancyVersions.set(vacancy.id, vacancy.version);
      this.vacancies.set(vacancy.id, vacancy);
      this.index.upsertVacancy(vacancyCandidateOf(vacancy));
      changed.push(vacancy.id);
    }
    for (const id of [...this.vacancies.keys()]) {
      if (seen.has(id)) continue;
      this.vacancies.delete(id);
      this.vacancyVersions.delete(id);
      this.index.removeVacancy(id);
      changed.push(id);
    }
    return changed;
  }
}
