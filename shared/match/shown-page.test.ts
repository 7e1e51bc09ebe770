import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_STATUSES } from './lifecycle';
import {
  MATCH_FILTERS,
  formatCursor,
  groupsOf,
  idAfter,
  keptBy,
  mergeShownPage,
  parseCursor,
  shownRankSuffix,
  type FilteredProposal,
  type GroupRead,
  type ShownCursor,
} from './shown-page';
import { SHOWN_GROUPS, byRank, selectShown, shownGroupOf, type ShownGroup } from './shown';

// Ties are frequent on purpose, as in shown.test.ts; the first participant is the page's listing.
const proposalArbitrary = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9_-]{1,4}$/),
  kind: fc.constantFrom('2-way' as const, '3-way' as const, '3-way' as const, 'chain' as const),
  // Every status, and often the two a ranked proposal has, so that more than 50 rank often.
  status: fc.oneof(
    fc.constantFrom(...MATCH_STATUSES),
    fc.constantFrom('proposed' as const, 'suspended' as const),
  ),
  score: fc.integer({ min: -20, max: 1000 }).map((tenths) => tenths / 10),
  recommended: fc.option(fc.boolean(), { nil: undefined }),
  participants: fc
    .array(
      // Mostly unanswered, so that lists often hold more than 50 3-ways and chains.
      fc.oneof(
        { arbitrary: fc.constant('pending' as const), weight: 12 },
        { arbitrary: fc.constantFrom('yes' as const, 'no' as const), weight: 1 },
      ),
      {
        minLength: 2,
        maxLength: 4,
      },
    )
    .map((answers) =>
      answers.map((interest, i) => ({ listingId: i === 0 ? 'me' : `other${i}`, interest })),
    ),
});

/**
 * The index as DynamoDB reads it: a group's links after the cursor, best first, `limit` at a
 * time; `complete` once the group has nothing more.
 */
function readAfter(
  all: readonly FilteredProposal[],
  group: ShownGroup,
  cursor: ShownCursor | undefined,
  limit: number,
): GroupRead<FilteredProposal> {
  const after = all
    .filter((p) => shownGroupOf(p) === group)
    .sort(byRank)
    .filter((p) => !cursor || shownRankSuffix(p) > cursor.after);
  return { items: after.slice(0, limit), complete: after.length <= limit };
}

/** Every page of a list, each read through steps of reads of `readSize` per group. */
function allPages(
  all: readonly FilteredProposal[],
  filter: (typeof MATCH_FILTERS)[number],
  pageSize: number,
  readSize: number,
) {
  const pages: FilteredProposal[][] = [];
  let cursor: ShownCursor | undefined;
  do {
    const page: FilteredProposal[] = [];
    for (;;) {
      const read = Object.fromEntries(
        groupsOf(filter).map((group) => [group, readAfter(all, group, cursor, readSize)]),
      );
      const step = mergeShownPage(
        read,
        cursor,
        pageSize - page.length,
        keptBy(filter, 'me'),
        filter,
      );
      page.push(...step.items);
      cursor = step.next;
      if (!step.readAgain) break;
    }
    pages.push(page);
  } while (cursor && pages.length < 500);
  return pages;
}

describe('mergeShownPage', () => {
  it('pages through exactly what selectShown lists, filtered, whatever the page and read sizes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(proposalArbitrary, {
          selector: (p) => p.id,
          minLength: 40,
          maxLength: 250,
          size: 'max',
        }),
        fc.constantFrom(...MATCH_FILTERS),
        fc.integer({ min: 1, max: 30 }),
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(1000)),
        (proposals, filter, pageSize, readSize) => {
          const pages = allPages(proposals, filter, pageSize, readSize);
          const expected = selectShown(proposals).filter(keptBy(filter, 'me'));
          expect(pages.flat().map((p) => p.id)).toEqual(expected.map((p) => p.id));
          // Every page but the last is full. The last is empty only when nothing is listed,
          // unless a filtered list's rest was not read yet and is all filtered out.
          for (const page of pages.slice(0, -1)) expect(page).toHaveLength(pageSize);
          if ((filter === 'all' || readSize >= proposals.length) && pages.length > 1)
            expect(pages.at(-1)!.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says where to read again when a group runs short before the page is full', () => {
    const two = (id: string, score: number): FilteredProposal => ({
      id,
      kind: '2-way',
      status: 'proposed',
      score,
      participants: [
        { listingId: 'me', interest: 'pending' },
        { listingId: 'b', interest: 'pending' },
      ],
    });
    const step = mergeShownPage(
      { direct: { items: [two('a', 90), two('b', 80)], complete: false } },
      undefined,
      5,
      () => true,
    );
    expect(step.items.map((p) => p.id)).toEqual(['a', 'b']);
    expect(step.readAgain).toBe(true);
    expect(step.next).toEqual({ filter: 'all', ranked: 0, after: shownRankSuffix(two('b', 80)) });
  });
});

describe('cursors', () => {
  it('read back what they wrote, and refuse anything else', () => {
    const cursor: ShownCursor = { filter: 'awaiting-me', ranked: 12, after: '0999200#1#Ab_-9' };
    expect(parseCursor(formatCursor(cursor))).toEqual(cursor);
    expect(idAfter(cursor)).toBe('Ab_-9');
    for (const bad of [
      '',
      'all.51.0999200#1#a',
      'tout.0.0999200#1#a',
      'all.0.99#1#a',
      'all.0.0999200#2#a',
    ])
      expect(parseCursor(bad)).toBeUndefined();
  });

  it('are written for every group of the page', () => {
    expect(SHOWN_GROUPS).toEqual(['followed', 'direct', 'ranked']);
  });
});
