/** The moves the chain index looks up: buckets of listing ids, and the memo of one query. */
import type { CompiledListing } from './compiled';
import type { VacancyCandidate } from './chains';

export interface IndexedVacancy {
  vacancy: VacancyCandidate;
  compiled: CompiledListing;
}

/** A move into a dwelling, with its score. */
export interface Move<T> {
  to: T;
  score: number;
}

export function addTo(map: Map<number, Set<string>>, key: number, id: string): void {
  let bucket = map.get(key);
  if (bucket === undefined) map.set(key, (bucket = new Set()));
  bucket.add(id);
}

export function removeFrom(map: Map<number, Set<string>>, key: number, id: string): void {
  const bucket = map.get(key);
  bucket?.delete(id);
  if (bucket?.size === 0) map.delete(key);
}

/**
 * Moves looked up during one query, kept until the next change: a listing's wanters are read
 * once however many chains pass through it.
 */
export class MoveMemo {
  readonly wanters = new Map<string, Move<CompiledListing>[]>();
  readonly accepted = new Map<string, Move<CompiledListing>[]>();
  readonly vacancies = new Map<string, Move<IndexedVacancy>[]>();
  clear(): void {
    this.wanters.clear();
    this.accepted.clear();
    this.vacancies.clear();
  }
}
