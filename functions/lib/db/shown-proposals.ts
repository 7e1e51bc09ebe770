/**
 * The reads behind a listing's page of proposals (docs/api.md, "Which proposals `GET /matches`
 * lists"): its links in the order of their index (`shownRankKey`), the page's count, and the best
 * ranked ones alone for the digest.
 */
import { BEST_RANKED_SHOWN, byRank, shownGroupPrefix } from '../../../shared/match/shown';
import { queryCount, queryUntil } from './batch';
import type { Database } from './client';
import { copyOf, type StoredMatch } from './matches';
import { INDEX, indexPartitions } from './model';

/** Where the 3-ways and chains ranked by score start in a listing's index. */
const RANKED = shownGroupPrefix('ranked');

/**
 * The proposals a listing's page shows (`selectShown`), best first, from the index that orders
 * its links: those someone acts on, every 2-way, then 3-ways and chains until the best 50 are
 * read. One Query, a page of 250 for most listings; a denser one reads a page more per 250.
 */
export async function shownMatchesOf(db: Database, listingId: string): Promise<StoredMatch[]> {
  const rankedRead = (items: readonly Record<string, unknown>[]) =>
    items.filter((item) => String(item.gsi1sk).startsWith(RANKED)).length;
  const items = await queryUntil(
    db,
    {
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.shownProposals(listingId) },
    },
    SHOWN_PAGE,
    (read) => rankedRead(read) >= BEST_RANKED_SHOWN,
  );
  let rankedKept = 0;
  return items
    .filter((item) => !String(item.gsi1sk).startsWith(RANKED) || rankedKept++ < BEST_RANKED_SHOWN)
    .map(copyOf)
    .sort(byRank);
}

const SHOWN_PAGE = 250;

/** The 3-ways and chains a listing's page shows by rank (its best 50), from the index alone. */
export async function bestRankedShownIds(db: Database, listingId: string): Promise<Set<string>> {
  const items = await queryUntil(
    db,
    {
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :ranked)',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.shownProposals(listingId),
        ':ranked': RANKED,
      },
      ProjectionExpression: 'matchId',
    },
    BEST_RANKED_SHOWN,
    () => true,
  );
  return new Set(items.map((item) => String(item.matchId)));
}

/** How many proposals the listing's page shows (`shownMatchesOf`), counted without reading them. */
export async function shownCountOf(db: Database, listingId: string): Promise<number> {
  const count = (condition: string, atMost?: number) =>
    queryCount(
      db,
      {
        IndexName: INDEX.byParent,
        KeyConditionExpression: `gsi1pk = :pk AND ${condition}`,
        ExpressionAttributeValues: {
          ':pk': indexPartitions.shownProposals(listingId),
          ':ranked': RANKED,
        },
      },
      { atMost },
    );
  const [others, best] = await Promise.all([
    count('gsi1sk < :ranked'),
    count('begins_with(gsi1sk, :ranked)', BEST_RANKED_SHOWN),
  ]);
  return others + best;
}
