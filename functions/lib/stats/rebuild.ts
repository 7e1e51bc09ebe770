/**
 * Recomputes every statistics aggregate from the base items (listings, matches, swaps) and
 * replaces the stored ones. OFFLINE ONLY (`npm run stats:rebuild`): it reads the whole table with
 * a Scan, which no request path may ever do. Pause the Stats stream consumer while it runs (or
 * run it on a quiet table): records applied during the rebuild would be counted twice or lost.
 * It also moves a table to the current layout: month items are written, items of the earlier
 * one-item-per-scope layout deleted; the ledger of the changes counted is kept.
 */
import {
  STATS_SOURCES,
  listingFactsOf,
  rebuildCells,
  type ListingFacts,
} from '../../../shared/stats/index';
import type { Database } from '../db/client';
import { ENTITY, entityOf } from '../db/model';
import { scanEntities, writeAndDelete } from '../db/offline';
import { statsItemIdOf, statsItemOf, statsItemsOf } from '../db/stats';

/** What a rebuild replaces: aggregates of both layouts, and the stock. The ledger of ids stays. */
const STORED = new Set<string>([
  ENTITY.statsAggregate,
  ENTITY.statsMonth,
  ENTITY.statsStock,
  ENTITY.statsStockYear,
]);

export interface RebuildReport {
  sourceItems: number;
  aggregates: number;
  removed: number;
  ms: number;
}

export async function rebuildStats(db: Database): Promise<RebuildReport> {
  const started = performance.now();
  const items = await scanEntities(db, [...STATS_SOURCES, ...STORED]);
  const sources = items.filter((item) => STATS_SOURCES.has(String(entityOf(item))));
  const listings = new Map<string, ListingFacts>();
  for (const item of sources) {
    const facts = entityOf(item) === ENTITY.listing ? listingFactsOf(item) : undefined;
    if (facts) listings.set(facts.id, facts);
  }
  const stored = new Map(
    items
      .filter((item) => STORED.has(String(entityOf(item))))
      .map((item) => [statsItemIdOf(item), item]),
  );
  // Versions go on from the stored ones: a writer that read an item before is refused and reads again.
  const fresh = statsItemsOf(rebuildCells(sources, (id) => listings.get(id))).map(
    ({ target, counters }) => {
      const version = stored.get(target.id)?.version;
      return statsItemOf(target, counters, typeof version === 'number' ? version + 1 : 1);
    },
  );
  const kept = new Set(fresh.map(statsItemIdOf));
  const stale = items.filter(
    (item) => STORED.has(String(entityOf(item))) && !kept.has(statsItemIdOf(item)),
  );
  await writeAndDelete(db, fresh, stale);
  return {
    sourceItems: sources.length,
    aggregates: fresh.length,
    removed: stale.length,
    ms: performance.now() - started,
  };
}
