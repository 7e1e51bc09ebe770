/**
 * The dwellings statistics read of the listings a batch names, kept by the aggregator between
 * batches: a match or a swap names listings another batch read a moment ago, and reading them
 * again is most of a batch's cost. Facts only use what does not change once a listing is
 * published (its dwelling's place, typology and surface; its household), so an entry is kept for
 * a few minutes; the listings' own stream records refresh it as they pass.
 */
import type { ListingFacts } from '../../shared/stats/index';

const KEPT_MS = 5 * 60_000;
const MAX_ENTRIES = 50_000;

export class ListingFactsCache {
  private readonly entries = new Map<string, { facts: ListingFacts; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(id: string): ListingFacts | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.at > KEPT_MS) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.facts;
  }

  set(facts: ListingFacts): void {
    this.entries.delete(facts.id);
    this.entries.set(facts.id, { facts, at: this.now() });
    // Maps iterate in insertion order: the first entry is the oldest.
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
