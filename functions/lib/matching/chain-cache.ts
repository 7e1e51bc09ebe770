/**
 * The matcher's index of chains (`shared/matching/chains-index.ts`): its listings follow the market
 * cache (`MarketObserver`), so that every stream shard's changes reach it through the market log.
 * Its vacancies are read whole from the table (the open ones, a few hundred at most) when the index
 * starts; after that, only the vacancies the market log says changed, on whichever shard, are read
 * again, by key: a listing change costs no vacancy read, and none at all while no vacancy is open.
 */
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import type { VacancyCandidate } from '../../../shared/matching/chains';
import { ChainIndex } from '../../../shared/matching/chains-index';
import type { Database } from '../db/client';
import type { MarketRow } from '../db/listings';
import type { VacancyLogEntry } from '../db/market-log';
import { findVacancy, isOpen, openVacancies, type StoredVacancy } from '../db/vacancies';
import { candidateOf } from '../../../shared/matching/candidate-of';
import type { MarketObserver } from './market-cache';

export function vacancyCandidateOf(vacancy: StoredVacancy): VacancyCandidate {
  return { id: vacancy.id, dwelling: vacancy.dwelling, priority: vacancy.priority };
}

export class ChainCache implements MarketObserver {
  index = new ChainIndex();
  /** The version of each vacancy this instance has read, open or not. */
  private readonly vacancyVersions = new Map<string, number>();
  /** The open vacancies, as indexed. */
  private readonly vacancies = new Map<string, StoredVacancy>();
  /** Whether the open vacancies must be read whole (first use, or the index started again). */
  private unread = true;
  /** Vacancies changed since they were read, from the market log or this shard's stream. */
  private readonly changed = new Map<string, number>();

  reset(): void {
    this.index = new ChainIndex();
    // Rebuilt after a long sleep: the log may no longer cover what happened meanwhile.
    this.unread = true;
  }

  listing(listingId: string, listing: MarketRow | undefined, now: Date): void {
    if (listing && takesPartInMatching(listing, now))
      this.index.upsertListing(candidateOf(listing));
    else this.index.removeListing(listingId);
  }

  vacanciesLogged(entries: VacancyLogEntry[]): void {
    for (const entry of entries) this.vacancyChanged(entry.vacancyId, entry.version);
  }

  /** A vacancy changed to `version` (from the stream or the log): it is read again unless already seen. */
  vacancyChanged(vacancyId: string, version: number): void {
    if ((this.vacancyVersions.get(vacancyId) ?? -1) < version)
      this.changed.set(vacancyId, Math.max(version, this.changed.get(vacancyId) ?? -1));
  }

  /** The vacancy as indexed, if it is open. */
  vacancy(vacancyId: string): StoredVacancy | undefined {
    return this.vacancies.get(vacancyId);
  }

  /**
   * Brings the vacancies to the table's open ones, reading only what changed (nothing when nothing
   * did); returns the ids that changed, those whose offer ended meanwhile included.
   */
  async refreshVacancies(db: Database, now: Date): Promise<string[]> {
    const changed: string[] = [];
    if (this.unread) {
      this.unread = false;
      const open = await openVacancies(db);
      const seen = new Set(open.map((vacancy) => vacancy.id));
      for (const id of [...this.vacancies.keys()]) if (!seen.has(id)) this.close(id, changed);
      for (const vacancy of open) this.take(vacancy.id, vacancy, now, changed);
    }
    // The index on gsi2 may lag behind a write the log announced: those are read by key.
    const ids = [...this.changed]
      .filter(([id, version]) => (this.vacancyVersions.get(id) ?? -1) < version)
      .map(([id]) => id);
    this.changed.clear();
    if (ids.length > 0) {
      const read = await Promise.all(ids.map((id) => findVacancy(db, id)));
      ids.forEach((id, i) => this.take(id, read[i], now, changed));
    }
    // An offer ends at its date, before the daily job marks it expired.
    for (const vacancy of [...this.vacancies.values()])
      if (!isOpen(vacancy, now)) this.close(vacancy.id, changed);
    return changed;
  }

  private take(id: string, vacancy: StoredVacancy | undefined, now: Date, changed: string[]) {
    if (vacancy === undefined) {
      this.close(id, changed);
      return;
    }
    if (
      this.vacancyVersions.get(id) === vacancy.version &&
      this.index.hasVacancy(id) === isOpen(vacancy, now)
    )
      return;
    this.vacancyVersions.set(id, vacancy.version);
    if (!isOpen(vacancy, now)) {
      this.close(id, changed);
      return;
    }
    this.vacancies.set(id, vacancy);
    this.index.upsertVacancy(vacancyCandidateOf(vacancy));
    changed.push(id);
  }

  private close(id: string, changed: string[]): void {
    if (!this.vacancies.delete(id)) return;
    this.index.removeVacancy(id);
    changed.push(id);
  }
}
