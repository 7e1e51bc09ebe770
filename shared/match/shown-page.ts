/**
 * "Mes propositions" a page at a time (docs/api.md, `GET /matches?limit=`): the proposals
 * `selectShown` lists, best first, cut into pages that follow one another through a cursor, and
 * optionally only those waiting for the tenant's answer or agreed by all.
 *
 * A listing's index keeps its links in three groups, each best first (`shownRankKey`): the page is
 * their merge. Each group is read from the cursor a few items at a time; a merge can only go on
 * while every group it still draws from has an item read, so a read that runs short says so and
 * the caller reads again from where the walk stopped.
 */
import { z } from 'zod';
import {
  BEST_RANKED_SHOWN,
  SHOWN_GROUPS,
  byRank,
  shownRankKey,
  type RankedProposal,
  type ShownGroup,
} from './shown';

export const MATCH_FILTERS = ['all', 'awaiting-me', 'mutual'] as const;
export type MatchFilter = (typeof MATCH_FILTERS)[number];

/** A proposal as the page filters it: its participants' listings and answers. */
export interface FilteredProposal extends RankedProposal {
  participants: {
    listingId: string;
    interest: RankedProposal['participants'][number]['interest'];
  }[];
}

/** Whether a proposal of `listingId`'s page belongs to the list `filter` shows. */
export function keptBy(filter: MatchFilter, listingId: string) {
  return (match: FilteredProposal): boolean => {
    if (filter === 'awaiting-me')
      return (
        match.status === 'proposed' &&
        match.participants.some((p) => p.listingId === listingId && p.interest === 'pending')
      );
    if (filter === 'mutual') return match.status === 'mutual' || match.status === 'engaged';
    return true;
  };
}

/**
 * The groups a filter's list can draw from: agreed proposals are all followed (`shownGroupOf`),
 * so that list reads one group.
 */
export function groupsOf(filter: MatchFilter): readonly ShownGroup[] {
  return filter === 'mutual' ? ['followed'] : SHOWN_GROUPS;
}

/**
 * Where a page stopped: the rank key (without its group) of the last proposal walked, how many
 * 3-ways and chains were walked before it (the page lists the best 50), and the list's filter.
 */
export interface ShownCursor {
  filter: MatchFilter;
  ranked: number;
  after: string;
}

/** The rank key of a shown proposal without its group: the position a cursor keeps. */
export function shownRankSuffix(match: RankedProposal): string {
  const key = shownRankKey(match);
  if (key === undefined) throw new Error('A closed proposal has no place on a page');
  return key.slice(key.indexOf('#') + 1);
}

/** The proposal id a cursor's position ends with. */
export const idAfter = (cursor: ShownCursor): string => cursor.after.split('#')[2]!;

const cursorPattern = /^(all|awaiting-me|mutual)\.(\d{1,3})\.(\d{7}#[01]#[A-Za-z0-9_-]{1,64})$/;

export const formatCursor = (cursor: ShownCursor): string =>
  `${cursor.filter}.${cursor.ranked}.${cursor.after}`;

/** A cursor from a request, or undefined when it is not one `formatCursor` writes. */
export function parseCursor(text: string): ShownCursor | undefined {
  const found = cursorPattern.exec(text);
  if (!found) return undefined;
  const ranked = Number(found[2]);
  if (ranked > BEST_RANKED_SHOWN) return undefined;
  return { filter: found[1] as MatchFilter, ranked, after: found[3]! };
}

export const shownCursorSchema = z.string().transform((text, context) => {
  const cursor = parseCursor(text);
  if (!cursor) {
    context.addIssue({ code: 'custom', message: 'Curseur de page invalide.' });
    return z.NEVER;
  }
  return cursor;
});

/** What was read of one group after the cursor: best first, and whether nothing follows. */
export interface GroupRead<T> {
  items: readonly T[];
  complete: boolean;
}

export interface ShownPageStep<T> {
  /** The proposals of the page found by this step, best first. */
  items: T[];
  /** Where the next page starts; absent once the list is over. */
  next?: ShownCursor;
  /** The reads ran short before the page was full: read again from `next` for the rest. */
  readAgain: boolean;
}

/**
 * Merges what was read of each group after `cursor` into at most `limit` proposals of the list,
 * in `selectShown`'s order: 3-ways and chains past the 50th walked are not listed.
 */
export function mergeShownPage<T extends RankedProposal>(
  read: Partial<Record<ShownGroup, GroupRead<T>>>,
  cursor: ShownCursor | undefined,
  limit: number,
  keep: (match: T) => boolean,
  filter: MatchFilter = cursor?.filter ?? 'all',
): ShownPageStep<T> {
  const position = new Map<ShownGroup, number>();
  const items: T[] = [];
  let ranked = cursor?.ranked ?? 0;
  let last: T | undefined;
  const at = () => (last ? { filter, ranked, after: shownRankSuffix(last) } : cursor);
  const heads = () => {
    const found: { group: ShownGroup; match: T }[] = [];
    let blocked = false;
    for (const group of SHOWN_GROUPS) {
      const groupRead = read[group];
      if (!groupRead || (group === 'ranked' && ranked >= BEST_RANKED_SHOWN)) continue;
      const match = groupRead.items[position.get(group) ?? 0];
      if (match) found.push({ group, match });
      else if (!groupRead.complete) blocked = true;
    }
    return { found, blocked };
  };
  for (;;) {
    const { found, blocked } = heads();
    if (items.length === limit) {
      const more = blocked || keptAhead(read, position, ranked, keep);
      return { items, readAgain: false, ...(more ? { next: at() } : {}) };
    }
    if (blocked) return { items, readAgain: true, ...(at() ? { next: at()! } : {}) };
    const best = found.sort((a, b) => byRank(a.match, b.match))[0];
    if (!best) return { items, readAgain: false };
    position.set(best.group, (position.get(best.group) ?? 0) + 1);
    if (best.group === 'ranked') ranked += 1;
    last = best.match;
    if (keep(best.match)) items.push(best.match);
  }
}

/**
 * Whether what was read beyond a full page holds a proposal of the list, so that a filtered list
 * does not end on an empty page when the rest is read already.
 */
function keptAhead<T extends RankedProposal>(
  read: Partial<Record<ShownGroup, GroupRead<T>>>,
  position: ReadonlyMap<ShownGroup, number>,
  ranked: number,
  keep: (match: T) => boolean,
): boolean {
  return SHOWN_GROUPS.some((group) => {
    const groupRead = read[group];
    if (!groupRead) return false;
    const from = position.get(group) ?? 0;
    const left =
      group === 'ranked'
        ? groupRead.items.slice(from, from + Math.max(0, BEST_RANKED_SHOWN - ranked))
        : groupRead.items.slice(from);
    const rankedCut = group === 'ranked' && ranked + left.length >= BEST_RANKED_SHOWN;
    return left.some(keep) || (!groupRead.complete && !rankedCut);
  });
}
