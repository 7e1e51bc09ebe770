/**
 * The matcher's in-memory market index, built from the table's market index (gsi3) at cold start
 * and kept current from the stream. A table's stream has a shard per partition and each matcher
 * instance sees only its shard's records: every instance records the changes it sees in the
 * market log (`db/market-log.ts`) and, before matching, catches up on those the others recorded,
 * so that every instance matches against the whole market whatever the number of shards.
 * Records of one listing come in order on one shard, while the log and the stream interleave
 * listings in any order: each listing's version decides which state is the latest.
 */
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import {
  BarBounds,
  CountBook,
  MatchingIndex,
  placeNamesFrom,
} from '../../../shared/matching/index';
import type { ReferenceData } from '../../../shared/reference/index';
import type { Listing } from '../../../shared/schemas/listing';
import { candidateOf } from '../../../shared/matching/candidate-of';
import type { Database } from '../db/client';
import { getListings, marketRows, type MarketRow } from '../db/listings';
import { MARKET_LOG_DAYS, marketLogSince, type VacancyLogEntry } from '../db/market-log';

// The rent after the swap is matched on: a verification that changes it changes the listing's matches.
const matchingFields = (listing: Listing) =>
  JSON.stringify([
    listing.dwelling,
    listing.household,
    listing.wishes,
    listing.ownerId,
    listing.nextRent,
    listing.nextCharges,
  ]);

/**
 * What a listing change means for the market: it left it, stays out of it, joined it or changed
 * what it matches on, or none of these (a change of its photos, its verification…).
 */
export type MarketChange = 'left' | 'out' | 'changed' | 'unchanged';

/** What the change of a listing, from its record alone, means for the market. */
export function marketChangeOf(
  before: Listing | undefined,
  after: Listing | undefined,
  now: Date,
): MarketChange {
  const wasIn = before !== undefined && takesPartInMatching(before, now);
  if (after === undefined || !takesPartInMatching(after, now)) return wasIn ? 'left' : 'out';
  return wasIn && matchingFields(before!) === matchingFields(after) ? 'unchanged' : 'changed';
}

/** Brings the index in step with a listing's latest state. */
function applyListingState(
  index: MatchingIndex,
  after: Listing | undefined,
  listingId: string,
  now: Date,
): void {
  if (after === undefined || !takesPartInMatching(after, now)) index.remove(listingId);
  else index.upsert(candidateOf(after));
}

/** The version a change brings the listing to: its own, or one more than its last for a deletion. */
export function versionAfter(before: Listing | undefined, after: Listing | undefined): number {
  return after ? after.version : (before?.version ?? 0) + 1;
}

/**
 * Catch-up reads go back this far before the previous read: a change is recorded by the clock of
 * the instance that saw it, before its write lands. Every entry of the window is read again at
 * each catch-up, so the window is what a catch-up costs: a minute of changes, read once per
 * change, made each listing renewal cost 25 ms of DynamoDB Local's time under load.
 */
const CLOCK_MARGIN_MS = 10_000;
/**
 * At most once per `LATE_WRITE_SWEEP_EVERY_MS`, a catch-up goes back this far instead: a change
 * whose write took longer than the margin above to land (retries) is still caught, within
 * `LATE_WRITE_MARGIN_MS - LATE_WRITE_SWEEP_EVERY_MS` of delay.
 */
const LATE_WRITE_MARGIN_MS = 60_000;
const LATE_WRITE_SWEEP_EVERY_MS = 15_000;

/** Told every listing state the index takes, so that another index (chains) follows the same market. */
export interface MarketObserver {
  reset(): void;
  listing(listingId: string, listing: MarketRow | undefined, now: Date): void;
  /** Vacancy changes the market log holds since the last catch-up (from any instance). */
  vacanciesLogged?(entries: VacancyLogEntry[]): void;
}

export class MarketCache {
  private index?: MatchingIndex;
  private observer?: MarketObserver;
  /** The version of each listing the index reflects, deleted ones included. */
  private readonly versions = new Map<string, number>();
  /** When the last read of the market (build or catch-up) started, by this instance's clock. */
  private syncedAt = 0;
  /** When the last read that went back `LATE_WRITE_MARGIN_MS` started. */
  private sweptAt = 0;

  /** `clock`: this instance's, in ms (tests move it). */
  constructor(private readonly clock: () => number = Date.now) {}
  /** Kept across changes by the proposal upkeep; forgotten around every listing that changes, from whichever shard. */
  bounds = new BarBounds();
  /** Each listing's counts as this instance follows them by difference; forgotten around the changes other instances saw. */
  counts = new CountBook();

  /** From now on, `observer` follows every listing state; the next `get` rebuilds so that it starts complete. */
  observe(observer: MarketObserver): void {
    this.observer = observer;
    this.index = undefined;
  }

  /** The index, built on first use, and built again when the market log no longer covers the time since the last catch-up. */
  async get(
    db: Database,
    reference: () => Promise<ReferenceData>,
    now: Date,
  ): Promise<MatchingIndex> {
    if (
      !this.index ||
      this.clock() - this.syncedAt > MARKET_LOG_DAYS * 86_400_000 - LATE_WRITE_MARGIN_MS
    )
      await this.build(db, reference, now);
    return this.current;
  }

  get current(): MatchingIndex {
    if (!this.index) throw new Error('The market index is not built yet');
    return this.index;
  }

  /**
   * Applies a listing change (after `get`), unless the index already reflects this version of the
   * listing or a later one; returns whether it did.
   */
  apply(before: Listing | undefined, after: Listing | undefined, now: Date): boolean {
    const id = (after ?? before)!.id;
    const version = versionAfter(before, after);
    if ((this.versions.get(id) ?? -1) >= version) return false;
    this.versions.set(id, version);
    this.bounds.forget(this.current, id);
    applyListingState(this.current, after, id, now);
    this.observer?.listing(id, after, now);
    return true;
  }

  /** Applies the changes recorded in the market log since the last read (by this instance or others); returns how many were new. */
  async catchUp(db: Database, now: Date): Promise<number> {
    const readAt = this.clock();
    const sweep = readAt - this.sweptAt >= LATE_WRITE_SWEEP_EVERY_MS;
    const { listings: changes, vacancies } = await marketLogSince(
      db,
      new Date(this.syncedAt - (sweep ? LATE_WRITE_MARGIN_MS : CLOCK_MARGIN_MS)).toISOString(),
    );
    this.syncedAt = readAt;
    if (sweep) this.sweptAt = readAt;
    if (vacancies.length > 0) this.observer?.vacanciesLogged?.(vacancies);
    const newer = new Map<string, number>();
    for (const change of changes) {
      const known = Math.max(
        this.versions.get(change.listingId) ?? -1,
        newer.get(change.listingId) ?? -1,
      );
      if (change.version > known) newer.set(change.listingId, change.version);
    }
    if (newer.size === 0) return 0;
    // The log says what changed; the table says what it is now (a listing absent from it was deleted).
    const current = await getListings(db, [...newer.keys()], { consistent: true });
    for (const [listingId, version] of newer) {
      const listing = current.get(listingId);
      this.versions.set(listingId, Math.max(version, listing?.version ?? -1));
      this.bounds.forget(this.current, listingId);
      // Not followed by difference here: the counts around it, before and after, are counted again when needed.
      this.counts.forgetAround(this.current, listingId);
      applyListingState(this.current, listing, listingId, now);
      this.observer?.listing(listingId, listing, now);
      this.counts.forgetAround(this.current, listingId);
    }
    return newer.size;
  }

  private async build(
    db: Database,
    reference: () => Promise<ReferenceData>,
    now: Date,
  ): Promise<void> {
    const readAt = this.clock();
    const places = await reference();
    const index = new MatchingIndex(placeNamesFrom(places));
    const perCommune = await Promise.all(
      places.communes.map((commune) => marketRows(db, commune.code)),
    );
    this.versions.clear();
    this.observer?.reset();
    // The index is eventually consistent: a listing that just moved commune may show in both, the latest version wins.
    const latest = new Map<string, MarketRow>();
    for (const rows of perCommune)
      for (const row of rows)
        if ((latest.get(row.id)?.version ?? -1) < row.version) latest.set(row.id, row);
    const candidates: MarketRow[] = [];
    for (const row of latest.values()) {
      this.versions.set(row.id, row.version);
      if (takesPartInMatching(row, now)) candidates.push(row);
      this.observer?.listing(row.id, row, now);
    }
    // All at once: each listing's accepted dwellings found once, at their final size. The index
    // keeps its own compact copy of what it needs of each row, so rows go in as read.
    index.addAll(candidates);
    this.index = index;
    this.bounds = new BarBounds();
    this.counts = new CountBook();
    this.syncedAt = readAt;
    // The market index (gsi3) is eventually consistent: the log brings what it did not show yet.
    await this.catchUp(db, now);
  }
}
