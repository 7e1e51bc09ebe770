/**
 * The matcher's in-memory market index, rebuilt from the table's market index (gsi3) at cold
 * start and every `maxAgeMs`, and kept current from the stream in between. A rebuild bounds the
 * drift when several matcher instances each see only part of the stream.
 */
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import { MatchingIndex, placeNamesFrom, type MatchCandidate } from '../../../shared/matching/index';
import type { ReferenceData } from '../../../shared/reference/index';
import type { Listing } from '../../../shared/schemas/listing';
import type { Database } from '../db/client';
import { marketListings } from '../db/listings';

export function candidateOf(listing: Listing): MatchCandidate {
  return { id: listing.id, ownerId: listing.ownerId, dwelling: listing.dwelling, household: listing.household, wishes: listing.wishes };
}

export class MarketCache {
  private index?: MatchingIndex;
  private loadedAt = 0;
  private loading?: Promise<MatchingIndex>;
  /** Listings whose stored counts are out of date (another listing joined or left their cycles). */
  readonly staleSummaries = new Set<string>();

  constructor(private readonly maxAgeMs = 5 * 60_000) {}

  async get(db: Database, reference: ReferenceData, now: Date): Promise<MatchingIndex> {
    if (this.index && Date.now() - this.loadedAt < this.maxAgeMs) return this.index;
    this.loading ??= this.load(db, reference, now).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(db: Database, reference: ReferenceData, now: Date): Promise<MatchingIndex> {
    const index = new MatchingIndex(placeNamesFrom(reference));
    const perCommune = await Promise.all(reference.communes.map((commune) => marketListings(db, commune.code)));
    for (const listing of perCommune.flat()) if (takesPartInMatching(listing, now)) index.upsert(candidateOf(listing));
    this.index = index;
    this.loadedAt = Date.now();
    return index;
  }

  invalidate(): void {
    this.index = undefined;
  }
}
