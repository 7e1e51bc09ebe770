/**
 * The matcher's in-memory market index, built from the table's market index (gsi3) at cold
 * start and kept current from the stream. It is also rebuilt every `maxAgeMs`, which bounds the
 * drift when several instances each see only part of the stream; that rebuild runs in the
 * background (the listing being matched is not kept waiting for it) and the changes applied
 * meanwhile are replayed onto the new index.
 */
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import { MatchingIndex, placeNamesFrom, type MatchCandidate } from '../../../shared/matching/index';
import type { ReferenceData } from '../../../shared/reference/index';
import type { Listing } from '../../../shared/schemas/listing';
import type { Database } from '../db/client';
import { marketListings } from '../db/listings';
import { logger } from '../logger';

export function candidateOf(listing: Listing): MatchCandidate {
  return { id: listing.id, ownerId: listing.ownerId, dwelling: listing.dwelling, household: listing.household, wishes: listing.wishes };
}

const matchingFields = (listing: Listing) => JSON.stringify([listing.dwelling, listing.household, listing.wishes, listing.ownerId]);

/**
 * What a listing change means for the market: it left it, stays out of it, joined it or changed
 * what it matches on, or neither.
 */
export type MarketChange = 'left' | 'out' | 'changed' | 'unchanged';

/** Brings the index in step with a listing change (records of one item arrive in order). */
export function applyListingChange(index: MatchingIndex, before: Listing | undefined, after: Listing | undefined, now: Date): MarketChange {
  const wasIn = before !== undefined && takesPartInMatching(before, now);
  if (after === undefined || !takesPartInMatching(after, now)) {
    index.remove((after ?? before)!.id);
    return wasIn ? 'left' : 'out';
  }
  if (wasIn && index.has(after.id) && matchingFields(before!) === matchingFields(after)) return 'unchanged';
  index.upsert(candidateOf(after));
  return 'changed';
}

interface AppliedChange {
  before?: Listing;
  after?: Listing;
  now: Date;
}

export class MarketCache {
  private index?: MatchingIndex;
  private loadedAt = 0;
  private loading?: Promise<MatchingIndex>;
  private changesDuringLoad: AppliedChange[] = [];

  constructor(private readonly maxAgeMs = 5 * 60_000) {}

  /** The index; only the first call waits for it to be built. */
  async get(db: Database, reference: () => Promise<ReferenceData>, now: Date): Promise<MatchingIndex> {
    if (!this.index) return this.load(db, reference, now);
    if (Date.now() - this.loadedAt >= this.maxAgeMs) {
      this.load(db, reference, now).catch((error: unknown) => logger.warn('market index rebuild failed; the current one is kept', { error }));
    }
    return this.index;
  }

  /** The index now: a rebuild may have replaced the one `get` gave, while awaiting. */
  get current(): MatchingIndex {
    if (!this.index) throw new Error('The market index is not built yet');
    return this.index;
  }

  /** Applies a listing change from the stream (after `get`). */
  apply(before: Listing | undefined, after: Listing | undefined, now: Date): MarketChange {
    if (this.loading) this.changesDuringLoad.push({ before, after, now });
    return applyListingChange(this.current, before, after, now);
  }

  /** Resolves once a rebuild in progress, if any, is done (tests). */
  async settled(): Promise<void> {
    await this.loading?.catch(() => undefined);
  }

  private load(db: Database, reference: () => Promise<ReferenceData>, now: Date): Promise<MatchingIndex> {
    this.loading ??= this.build(db, reference, now).finally(() => {
      this.loading = undefined;
      this.changesDuringLoad = [];
    });
    return this.loading;
  }

  private async build(db: Database, reference: () => Promise<ReferenceData>, now: Date): Promise<MatchingIndex> {
    const places = await reference();
    const index = new MatchingIndex(placeNamesFrom(places));
    const perCommune = await Promise.all(places.communes.map((commune) => marketListings(db, commune.code)));
    for (const listing of perCommune.flat()) if (takesPartInMatching(listing, now)) index.upsert(candidateOf(listing));
    // The table may have been read before or after each of these: records of one listing come in order, so replaying them ends in its latest state.
    for (const change of this.changesDuringLoad) applyListingChange(index, change.before, change.after, change.now);
    this.index = index;
    this.loadedAt = Date.now();
    return index;
  }
}
