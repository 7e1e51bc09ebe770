/**
 * For each partner of a query, the groups of wanters (`WantersByBucket`) in the buckets it wishes,
 * and the best move into the start among their wanters. Partners with the same wishes share a wish
 * profile (`CompiledListing.wishProfile`), and there are few of them, so each profile is mapped
 * once per query and a partner only looks its profile up.
 *
 * A profile's entry is a run at index `at` of `groups`: the number of groups, then the groups; its
 * best move into the start is at the same index of `maxIntoStart`.
 */
import type { ListingColumns } from './listing-columns';
import { grownInto } from './typed-arrays';
import type { WanterTrees } from './wanter-trees';
import type { WantersByBucket } from './wanters-by-bucket';

export class WishedGroups {
  groups = new Int32Array(256);
  maxIntoStart = new Float64Array(256);
  private end = 0;
  // Profile → run index, valid when its stamp equals `generation`.
  private profileStamp = new Int32Array(256);
  private runOfProfile = new Int32Array(256);
  private generation = 0;
  private wanters: WantersByBucket | null = null;
  private trees: WanterTrees | null = null;

  /** Forgets the runs of the previous query. */
  begin(wanters: WantersByBucket, trees: WanterTrees): void {
    this.wanters = wanters;
    this.trees = trees;
    this.generation++;
    this.end = 0;
  }

  /** The run of the profile of the listing in `slot`; read `groups` and the bests after this call (it may grow them). */
  runOf(slot: number, columns: ListingColumns): number {
    const profile = columns.wishProfile[slot] as number;
    if (profile < this.profileStamp.length && this.profileStamp[profile] === this.generation)
      return this.runOfProfile[profile] as number;
    return this.map(profile, columns.listingAt(slot).wishedKeys);
  }

  private map(profile: number, wishedKeys: readonly number[]): number {
    const wanters = this.wanters as WantersByBucket;
    const trees = this.trees as WanterTrees;
    this.reserve(this.end + wishedKeys.length + 1, profile + 1);
    const at = this.end;
    let end = at + 1;
    let maxIntoStart = Number.NEGATIVE_INFINITY;
    for (const key of wishedKeys) {
      const group = wanters.groupOf(key);
      if (group < 0) continue;
      this.groups[end++] = group;
      maxIntoStart = Math.max(maxIntoStart, trees.maxIntoStart[trees.at(group, 1)] as number); // the root holds the group's best
    }
    this.groups[at] = end - at - 1;
    this.maxIntoStart[at] = maxIntoStart;
    this.end = end;
    this.profileStamp[profile] = this.generation;
    this.runOfProfile[profile] = at;
    return at;
  }

  private reserve(runs: number, profiles: number): void {
    if (runs > this.groups.length) {
      const size = 2 * runs;
      this.groups = grownInto(this.groups, new Int32Array(size));
      this.maxIntoStart = grownInto(this.maxIntoStart, new Float64Array(size));
    }
    if (profiles > this.profileStamp.length) {
      // Interned ids grow with the market; stamps of new ids start at 0, which no generation uses.
      const size = Math.max(profiles, 2 * this.profileStamp.length);
      this.profileStamp = grownInto(this.profileStamp, new Int32Array(size));
      this.runOfProfile = grownInto(this.runOfProfile, new Int32Array(size));
    }
  }
}
