/**
 * The reads behind a listing's page of proposals (docs/api.md, "Which proposals `GET /matches`
 * lists"): its links in the order of their index (`shownRankKey`), all at once or a page at a
 * time, the page's count, and the best ranked ones alone for the digest.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  BEST_RANKED_SHOWN,
  byRank,
  shownGroupPrefix,
  type ShownGroup,
} from '../../../shared/match/shown';
import {
  groupsOf,
  idAfter,
  keptBy,
  mergeShownPage,
  type FilteredProposal,
  type GroupRead,
  type MatchFilter,
  type ShownCursor,
} from '../../../shared/match/shown-page';
import { queryAll, queryCounts, queryUntil } from './batch';
import type { Database } from './client';
import { copyOf, type StoredMatch } from './matches';
import { INDEX, indexKeys, indexPartitions, keys } from './model';

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

export interface ShownPage {
  matches: StoredMatch[];
  /** Where the next page starts; absent on the last. */
  next?: ShownCursor;
}

/**
 * One page of `limit` proposals of the list `filter` shows, after `cursor` (`mergeShownPage`):
 * each group the list draws from is read from the cursor, in parallel, one item more than the
 * page needs; reads again only when a filter left the page short.
 */
export async function shownPageOf(
  db: Database,
  listingId: string,
  { limit, cursor, filter }: { limit: number; cursor?: ShownCursor; filter: MatchFilter },
): Promise<ShownPage> {
  const keep = keptBy(filter, listingId);
  const matches: StoredMatch[] = [];
  let at = cursor;
  for (;;) {
    const need = limit - matches.length;
    const ranked = at?.ranked ?? 0;
    const reads = await Promise.all(
      groupsOf(filter).map(async (group) => {
        const wanted =
          group === 'ranked' ? Math.min(need + 1, BEST_RANKED_SHOWN - ranked) : need + 1;
        return [group, await readGroupAfter(db, listingId, group, at, wanted)] as const;
      }),
    );
    const step = mergeShownPage<StoredMatch>(Object.fromEntries(reads), at, need, keep, filter);
    matches.push(...step.items);
    if (!step.readAgain || !step.next)
      return { matches, ...(step.next ? { next: step.next } : {}) };
    at = step.next;
  }
}

/** The Query of one group of a listing's index (`shownGroupPrefix`), in the page's order. */
function groupQuery(listingId: string, group: ShownGroup) {
  return {
    IndexName: INDEX.byParent,
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :group)',
    ExpressionAttributeValues: {
      ':pk': indexPartitions.shownProposals(listingId),
      ':group': shownGroupPrefix(group),
    },
  };
}

/** Up to `wanted` links of one group of a listing's index, best first, after the cursor. */
async function readGroupAfter(
  db: Database,
  listingId: string,
  group: ShownGroup,
  cursor: ShownCursor | undefined,
  wanted: number,
): Promise<GroupRead<StoredMatch>> {
  if (wanted <= 0) return { items: [], complete: true };
  const prefix = shownGroupPrefix(group);
  // The cursor's position in this group, as a key: the last link walked, whichever group held it.
  const startKey = cursor && {
    ...keys.matchLink(listingId, idAfter(cursor)),
    ...indexKeys.shownProposal(listingId, `${prefix}${cursor.after}`),
  };
  const page = await db.doc.send(
    new QueryCommand({
      ...groupQuery(listingId, group),
      TableName: db.tableName,
      Limit: wanted,
      ExclusiveStartKey: startKey,
    }),
  );
  const items = (page.Items ?? []).map(copyOf);
  return { items, complete: items.length < wanted || !page.LastEvaluatedKey };
}

/** The 3-ways and chains a listing's page shows by rank (its best 50), from the index alone. */
export async function bestRankedShownIds(db: Database, listingId: string): Promise<Set<string>> {
  const items = await queryUntil(
    db,
    { ...groupQuery(listingId, 'ranked'), ProjectionExpression: 'matchId' },
    BEST_RANKED_SHOWN,
    () => true,
  );
  return new Set(items.map((item) => String(item.matchId)));
}

/** How many proposals a listing's page lists, in all and under each filter (`keptBy`). */
export interface ShownCounts {
  stored: number;
  awaitingMe: number;
  mutual: number;
}

/**
 * The page's counts without reading its proposals: the followed ones (those someone acts on, few)
 * read for their status and answers, the others counted by DynamoDB, since nobody answered them:
 * they wait for the tenant's answer unless paused.
 */
export async function shownCountsOf(db: Database, listingId: string): Promise<ShownCounts> {
  const proposed = (group: ShownGroup) => {
    const query = groupQuery(listingId, group);
    return {
      ...query,
      FilterExpression: '#status = :proposed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':proposed': 'proposed' },
    };
  };
  const [followed, direct, ranked] = await Promise.all([
    queryAll(db, {
      ...groupQuery(listingId, 'followed'),
      ProjectionExpression: '#status, participants',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
    queryCounts(db, proposed('direct')),
    queryCounts(db, proposed('ranked'), { atMost: BEST_RANKED_SHOWN }),
  ]);
  const followedIn = (filter: MatchFilter) =>
    followed.filter((item) => keptBy(filter, listingId)(item as unknown as FilteredProposal))
      .length;
  return {
    stored: followed.length + direct.found + ranked.found,
    awaitingMe: followedIn('awaiting-me') + direct.matched + ranked.matched,
    mutual: followedIn('mutual'),
  };
}
