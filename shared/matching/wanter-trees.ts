/**
 * Per group of wanters (`WantersByBucket`), a complete binary tree over its positions whose nodes
 * hold the best attributes of the dwellings below them: lowest rent, largest surface, every
 * feature, fewest rooms, and the highest move into the start. Fed to `moveScoreInto`, a node's
 * bests bound the score of every cycle through its dwellings, and its rent and surface tell
 * whether a partner could accept any of them at all: the proposal search descends only into the
 * nodes that can still rank, so a partner's poor or unaffordable wanters are dismissed in whole
 * subtrees rather than one by one.
 *
 * Node k of group g is at index `base[g] + k`: the root is 1, the children of k are 2k and 2k + 1,
 * and node `leaves[g] + i` is the leaf of the group's positions `i·leafSize` up to the next leaf's.
 * A leaf holds a few positions rather than one: scanning a handful of adjacent wanters costs less
 * than descending the last levels of the tree one entry at a time. Leaves past the group's end
 * are empty: their `maxIntoStart` is −∞.
 */
import type { WantersByBucket } from './wanters-by-bucket';

/** Positions per leaf (measured on dense CINOR markets: 4 to 16 are within noise of each other, 1 is slower). */
export const WANTERS_PER_LEAF = 8;

export class WanterTrees {
  base = new Int32Array(16);
  leaves = new Int32Array(16);
  minRent = new Float64Array(256);
  maxSurface = new Float64Array(256);
  features = new Int32Array(256);
  minRooms = new Int32Array(256);
  maxIntoStart = new Float64Array(256);

  /** `leafSize` is a tuning knob; tests set it to 1 to check single-wanter leaves. */
  constructor(readonly leafSize = WANTERS_PER_LEAF) {}

  build(wanters: WantersByBucket): void {
    if (this.base.length < wanters.groups) {
      this.base = new Int32Array(2 * wanters.groups);
      this.leaves = new Int32Array(2 * wanters.groups);
    }
    let nodes = 0;
    for (let g = 0; g < wanters.groups; g++) {
      let leaves = 1;
      while (
        leaves * this.leafSize <
        (wanters.groupStart[g + 1] as number) - (wanters.groupStart[g] as number)
      )
        leaves *= 2;
      this.base[g] = nodes;
      this.leaves[g] = leaves;
      nodes += 2 * leaves;
    }
    this.reserve(nodes);
    for (let g = 0; g < wanters.groups; g++) this.fill(wanters, g);
  }

  /** The group's first position under leaf node `leaf`; its last is before `leafEnd`. */
  leafStart(g: number, leaf: number, wanters: WantersByBucket): number {
    return (wanters.groupStart[g] as number) + (leaf - (this.leaves[g] as number)) * this.leafSize;
  }

  leafEnd(g: number, leaf: number, wanters: WantersByBucket): number {
    return Math.min(
      wanters.groupStart[g + 1] as number,
      this.leafStart(g, leaf, wanters) + this.leafSize,
    );
  }

  /** Index of node k of group g. */
  at(g: number, k: number): number {
    return (this.base[g] as number) + k;
  }

  private fill(wanters: WantersByBucket, g: number): void {
    const base = this.base[g] as number;
    const leaves = this.leaves[g] as number;
    const first = wanters.groupStart[g] as number;
    const n = (wanters.groupStart[g + 1] as number) - first;
    const size = this.leafSize;
    for (let i = 0; i < leaves; i++) {
      let minRent = Number.POSITIVE_INFINITY;
      let maxSurface = Number.NEGATIVE_INFINITY;
      let features = 0;
      let minRooms = 0x7fffffff;
      let maxIntoStart = Number.NEGATIVE_INFINITY;
      for (let j = first + i * size, end = first + Math.min(n, (i + 1) * size); j < end; j++) {
        minRent = Math.min(minRent, wanters.rentAt[j] as number);
        maxSurface = Math.max(maxSurface, wanters.surfaceAt[j] as number);
        features |= wanters.featuresAt[j] as number;
        minRooms = Math.min(minRooms, wanters.roomsAt[j] as number);
        maxIntoStart = Math.max(maxIntoStart, wanters.intoStart[j] as number);
      }
      const node = base + leaves + i;
      this.minRent[node] = minRent;
      this.maxSurface[node] = maxSurface;
      this.features[node] = features;
      this.minRooms[node] = minRooms;
      this.maxIntoStart[node] = maxIntoStart;
    }
    for (let k = leaves - 1; k >= 1; k--) {
      const node = base + k;
      const left = base + 2 * k;
      const right = left + 1;
      this.minRent[node] = Math.min(this.minRent[left] as number, this.minRent[right] as number);
      this.maxSurface[node] = Math.max(
        this.maxSurface[left] as number,
        this.maxSurface[right] as number,
      );
      this.features[node] = (this.features[left] as number) | (this.features[right] as number);
      this.minRooms[node] = Math.min(this.minRooms[left] as number, this.minRooms[right] as number);
      this.maxIntoStart[node] = Math.max(
        this.maxIntoStart[left] as number,
        this.maxIntoStart[right] as number,
      );
    }
  }

  private reserve(nodes: number): void {
    if (nodes <= this.minRent.length) return;
    const size = Math.max(nodes, 2 * this.minRent.length);
    this.minRent = new Float64Array(size);
    this.maxSurface = new Float64Array(size);
    this.features = new Int32Array(size);
    this.minRooms = new Int32Array(size);
    this.maxIntoStart = new Float64Array(size);
  }
}
