/**
 * The fields of the indexed listings that a query reads thousands of times, copied into typed
 * arrays indexed by slot. A query visits every partner and wanter of the start: reading a number
 * from a column costs a cache line shared with other listings, where an object field is a pointer
 * chase (and a double field one more, as V8 boxes them), and typed arrays give the collector
 * nothing to trace.
 */
import type { CompiledListing } from './compiled';
import {
  NO_WISH_FILTERS,
  acceptsWithinBucketIgnoringOwner,
  dwellingMeetsWishFilters,
} from './compiled';
import { scoreMove } from './score';
import { grownInto } from './typed-arrays';

export class ListingColumns {
  /** The listings themselves, for what columns do not hold (quartier wishes, ids, explanations). */
  readonly listings: (CompiledListing | undefined)[] = [];
  /** Their ids, which the best cycles' keys are made of, without reaching into each listing. */
  readonly ids: (string | undefined)[] = [];
  // The dwelling offered.
  offeredKey = new Int32Array(0);
  owner = new Int32Array(0);
  quartier = new Int32Array(0);
  totalRent = new Float64Array(0);
  surface = new Float64Array(0);
  featureMask = new Int32Array(0);
  rooms = new Int32Array(0);
  floor = new Float64Array(0);
  accessFlags = new Uint8Array(0);
  // The wishes; `filterClass` is NO_WISH_FILTERS unless quartiers or needs must be checked on the object.
  wishProfile = new Int32Array(0);
  maxTotalRent = new Float64Array(0);
  minSurface = new Float64Array(0);
  filterClass = new Int32Array(0);
  /** 1 when the listing would accept its own dwelling, were owners not checked: pooled counts must take it back. */
  acceptsOwnDwelling = new Uint8Array(0);
  // The household as a mover, what `scoreMove` reads.
  moverFlags = new Uint8Array(0);
  referenceRent = new Float64Array(0);
  wantedFeatureMask = new Int32Array(0);
  occupants = new Int32Array(0);
  /**
   * At least the score of the household's best move into a dwelling it accepts; kept by the graph
   * (exact until a dwelling it accepted leaves, then possibly above). −∞ while it accepts none.
   */
  bestAcceptedMove = new Float64Array(0);
  /** Length of the slot's list of accepted dwellings, kept by the graph. */
  acceptedCount = new Int32Array(0);
  // Phrases of the explanations (`ProposalBuilder`), made when first needed and kept until the slot is reused.
  /** The description of the slot's dwelling. */
  readonly labels: (string | undefined)[] = [];
  /** The slot household's "avec …, comme souhaité" phrases, by mask of its wanted features a dwelling has. */
  readonly featurePhrases: ((string | undefined)[] | undefined)[] = [];

  get capacity(): number {
    return this.owner.length;
  }

  listingAt(slot: number): CompiledListing {
    return this.listings[slot] as CompiledListing;
  }

  /** `moveScore` of the household in slot `mover` moving into the dwelling in slot `home`. */
  moveScore(mover: number, home: number): number {
    return this.moveScoreInto(
      mover,
      this.totalRent[home] as number,
      this.surface[home] as number,
      this.featureMask[home] as number,
      this.rooms[home] as number,
    );
  }

  /**
   * `moveScore` of each of the first `count` slots of `movers` into the dwelling in slot `home`, at
   * `scores[mover]`. Queries score thousands of moves at once: a loop of its own lets the compiler
   * inline the whole formula (inside a large caller it would run out of inlining budget, and each
   * call would also box its result).
   */
  scoreMovesInto(home: number, movers: Int32Array, count: number, scores: Float64Array): void {
    const totalRent = this.totalRent[home] as number;
    const surface = this.surface[home] as number;
    const featureMask = this.featureMask[home] as number;
    const rooms = this.rooms[home] as number;
    for (let i = 0; i < count; i++) {
      const mover = movers[i] as number;
      scores[mover] = this.moveScoreInto(mover, totalRent, surface, featureMask, rooms);
    }
  }

  /** `moveScore` of the household in slot `mover` into each of `homes`, at `scores[i]`; see `scoreMovesInto`. */
  scoreMovesFrom(mover: number, homes: ArrayLike<number>, scores: Float64Array): void {
    for (let i = 0; i < homes.length; i++) {
      const home = homes[i] as number;
      scores[i] = this.moveScoreInto(
        mover,
        this.totalRent[home] as number,
        this.surface[home] as number,
        this.featureMask[home] as number,
        this.rooms[home] as number,
      );
    }
  }

  /** `moveScoreInto` for the household in slot `mover`. */
  moveScoreInto(
    mover: number,
    totalRent: number,
    surface: number,
    featureMask: number,
    rooms: number,
  ): number {
    const flags = this.moverFlags[mover] as number;
    const referenceRent = this.referenceRent[mover] as number;
    const ownSurface = this.surface[mover] as number;
    return scoreMove(
      flags,
      referenceRent,
      ownSurface,
      this.wantedFeatureMask[mover] as number,
      this.occupants[mover] as number,
      totalRent,
      surface,
      featureMask,
      rooms,
    );
  }

  /** `acceptsWithinBucket` between two slots: owners, rent, surface, then quartiers and needs when `a` has any. */
  acceptsWithinBucket(a: number, b: number): boolean {
    return this.owner[a] !== this.owner[b] && this.acceptsIgnoringOwner(a, b);
  }

  /** `acceptsWithinBucket` but for owners; also within the bucket. */
  acceptsIgnoringOwner(a: number, b: number): boolean {
    return (
      (this.totalRent[b] as number) <= (this.maxTotalRent[a] as number) &&
      (this.surface[b] as number) >= (this.minSurface[a] as number) &&
      (this.filterClass[a] === NO_WISH_FILTERS || this.meetsWishFilters(this.listingAt(a), b))
    );
  }

  /** `meetsWishFilters` of `filtersOf` for the dwelling in slot `home`. */
  meetsWishFilters(filtersOf: CompiledListing, home: number): boolean {
    return dwellingMeetsWishFilters(
      filtersOf,
      this.quartier[home] as number,
      this.accessFlags[home] as number,
      this.floor[home] as number,
    );
  }

  set(slot: number, listing: CompiledListing): void {
    this.ensureCapacity(slot + 1);
    this.listings[slot] = listing;
    this.ids[slot] = listing.id;
    this.offeredKey[slot] = listing.offeredKey;
    this.owner[slot] = listing.owner;
    this.quartier[slot] = listing.quartier;
    this.totalRent[slot] = listing.totalRent;
    this.surface[slot] = listing.surface;
    this.featureMask[slot] = listing.featureMask;
    this.rooms[slot] = listing.rooms;
    this.floor[slot] = listing.floor;
    this.accessFlags[slot] = listing.accessFlags;
    this.wishProfile[slot] = listing.wishProfile;
    this.maxTotalRent[slot] = listing.maxTotalRent;
    this.minSurface[slot] = listing.minSurface;
    this.filterClass[slot] = listing.filterClass;
    this.acceptsOwnDwelling[slot] =
      listing.wishedKeys.includes(listing.offeredKey) &&
      acceptsWithinBucketIgnoringOwner(listing, listing)
        ? 1
        : 0;
    this.moverFlags[slot] = listing.moverFlags;
    this.referenceRent[slot] = listing.referenceRent;
    this.wantedFeatureMask[slot] = listing.wantedFeatureMask;
    this.occupants[slot] = listing.occupants;
    this.bestAcceptedMove[slot] = Number.NEGATIVE_INFINITY;
    this.acceptedCount[slot] = 0;
    this.labels[slot] = undefined;
    this.featurePhrases[slot] = undefined;
  }

  clear(slot: number): void {
    this.listings[slot] = undefined;
    this.ids[slot] = undefined;
  }

  /** Room for `slots` slots at once, as a cold start knows them: the columns at their final size, not doubled on the way. */
  reserve(slots: number): void {
    this.ensureCapacity(slots);
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const size = Math.max(needed, 2 * this.capacity, 1024);
    this.offeredKey = grownInto(this.offeredKey, new Int32Array(size));
    this.owner = grownInto(this.owner, new Int32Array(size));
    this.quartier = grownInto(this.quartier, new Int32Array(size));
    this.totalRent = grownInto(this.totalRent, new Float64Array(size));
    this.surface = grownInto(this.surface, new Float64Array(size));
    this.featureMask = grownInto(this.featureMask, new Int32Array(size));
    this.rooms = grownInto(this.rooms, new Int32Array(size));
    this.floor = grownInto(this.floor, new Float64Array(size));
    this.accessFlags = grownInto(this.accessFlags, new Uint8Array(size));
    this.wishProfile = grownInto(this.wishProfile, new Int32Array(size));
    this.maxTotalRent = grownInto(this.maxTotalRent, new Float64Array(size));
    this.minSurface = grownInto(this.minSurface, new Float64Array(size));
    this.filterClass = grownInto(this.filterClass, new Int32Array(size));
    this.acceptsOwnDwelling = grownInto(this.acceptsOwnDwelling, new Uint8Array(size));
    this.moverFlags = grownInto(this.moverFlags, new Uint8Array(size));
    this.referenceRent = grownInto(this.referenceRent, new Float64Array(size));
    this.wantedFeatureMask = grownInto(this.wantedFeatureMask, new Int32Array(size));
    this.occupants = grownInto(this.occupants, new Int32Array(size));
    this.bestAcceptedMove = grownInto(this.bestAcceptedMove, new Float64Array(size));
    this.acceptedCount = grownInto(this.acceptedCount, new Int32Array(size));
  }
}
