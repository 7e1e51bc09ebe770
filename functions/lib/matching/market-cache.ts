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

const matchingFields = (listing: Listing) => JSON.stringify([listing.dwelling, listing.household, listing.wishes, listing.ownerId]);

/** What a listing change means for the market: it left it, joined it or changed what it matches on, or neither. */
export type MarketChange = 'left' | 'changed' | 'unchanged';

/** Brings the index in step with a listing change (records of one item arrive in order). */
export function applyListingChange(index: MatchingIndex, before: Listing | undefined, after: Listing | undefined, now: Date): MarketChange {
  const wasIn = before !== undefined && takesPartInMatching(before, now);
  if (after === undefined || !takesPartInMatching(after, now)) {
    index.remove((after ?? before)!.id);
    return 'left';
  }
  if (wasIn && index.has(after.id) && matchingFields(before!) === matchingFields(after)) return 'unchanged';
  index.upsert(candidateOf(after));
  return 'changed';
}

export class MarketCache {
  private index?: MatchingIndex;
  private loadedAt = 0;
  private loading?: Promise<MatchingIndex>;

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
