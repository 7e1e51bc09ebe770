import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_STATUSES } from './lifecycle';
import {
  BEST_RANKED_SHOWN,
  byRank,
  selectShown,
  shownGroupOf,
  shownRankKey,
  type RankedProposal,
} from './shown';

const proposal = (overrides: Partial<RankedProposal>): RankedProposal => ({
  id: 'p',
  kind: '3-way',
  status: 'proposed',
  score: 60,
  participants: [{ interest: 'pending' }, { interest: 'pending' }, { interest: 'pending' }],
  ...overrides,
});

// Ties are frequent on purpose: scores on a few tenths, ids from a small alphabet of both cases.
const proposalArbitrary = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9_-]{1,4}$/),
  kind: fc.constantFrom('2-way' as const, '3-way' as const, 'chain' as const),
  status: fc.constantFrom(...MATCH_STATUSES),
  score: fc.integer({ min: -20, max: 1000 }).map((tenths) => tenths / 10),
  recommended: fc.option(fc.boolean(), { nil: undefined }),
  participants: fc.array(
    fc.record({ interest: fc.constantFrom('pending' as const, 'yes' as const, 'no' as const) }),
    { minLength: 2, maxLength: 4 },
  ),
});
const uniqueProposals = (maxLength: number) =>
  fc.uniqueArray(proposalArbitrary, { selector: (p) => p.id, maxLength });

/** What the index returns: keys compared as DynamoDB compares strings, by code point. */
const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('shownGroupOf', () => {
  it('follows every proposal someone acts on, wherever it ranks', () => {
    expect(shownGroupOf(proposal({ status: 'mutual' }))).toBe('followed');
    expect(shownGroupOf(proposal({ status: 'engaged' }))).toBe('followed');
    expect(shownGroupOf(proposal({ recommended: true }))).toBe('followed');
    expect(
      shownGroupOf(proposal({ participants: [{ interest: 'yes' }, { interest: 'pending' }] })),
    ).toBe('followed');
    expect(
      shownGroupOf(
        proposal({
          status: 'declined',
          participants: [{ interest: 'no' }, { interest: 'pending' }],
        }),
      ),
    ).toBe('followed');
  });

  it('shows every 2-way, ranks 3-ways and chains, and never a closed proposal', () => {
    expect(shownGroupOf(proposal({ kind: '2-way' }))).toBe('direct');
    expect(shownGroupOf(proposal({ kind: '3-way' }))).toBe('ranked');
    expect(shownGroupOf(proposal({ kind: 'chain' }))).toBe('ranked');
    expect(shownGroupOf(proposal({ status: 'closed', recommended: true }))).toBeUndefined();
    // A recommendation of last night no longer counts once the proposal is paused.
    expect(shownGroupOf(proposal({ status: 'suspended', recommended: true }))).toBe('ranked');
  });
});

describe('selectShown', () => {
  it('shows the best 50 3-ways and chains, every 2-way, and the answered ones below the 50th', () => {
    const threeWays = Array.from({ length: 60 }, (_, i) =>
      proposal({ id: `t${String(i).padStart(2, '0')}`, score: 80 - i / 10 }),
    );
    const twoWays = Array.from({ length: 70 }, (_, i) =>
      proposal({ id: `d${i}`, kind: '2-way', score: 10 + i / 10 }),
    );
    const answeredLast = proposal({
      id: 'answered',
      score: 1,
      participants: [{ interest: 'yes' }, { interest: 'pending' }, { interest: 'pending' }],
    });

    const shown = selectShown([...twoWays, answeredLast, ...threeWays]);

    expect(shown).toHaveLength(70 + 50 + 1);
    expect(shown.filter((p) => p.kind === '3-way' && p.id !== 'answered').map((p) => p.id)).toEqual(
      threeWays.slice(0, BEST_RANKED_SHOWN).map((p) => p.id),
    );
    expect(shown.at(-1)?.id).toBe('answered');
    expect(shown[0]?.score).toBe(80);
  });
});

describe('byRank', () => {
  it('is a total order: antisymmetric, transitive, zero only for the same id', () => {
    fc.assert(
      fc.property(proposalArbitrary, proposalArbitrary, proposalArbitrary, (a, b, c) => {
        expect(Math.sign(byRank(a, b))).toBe(-Math.sign(byRank(b, a)) || 0);
        if (byRank(a, b) === 0) expect(a.id === b.id && a.score === b.score).toBe(true);
        if (byRank(a, b) < 0 && byRank(b, c) < 0) expect(byRank(a, c)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('puts a 2-way before a 3-way of the same score', () => {
    expect(
      byRank(proposal({ id: 'a', kind: '3-way' }), proposal({ id: 'b', kind: '2-way' })),
    ).toBeGreaterThan(0);
  });
});

describe('shownRankKey', () => {
  it('orders keys as byRank orders proposals of one group, and the groups in the page’s order', () => {
    fc.assert(
      fc.property(proposalArbitrary, proposalArbitrary, (a, b) => {
        const [keyA, keyB] = [shownRankKey(a), shownRankKey(b)];
        const [groupA, groupB] = [shownGroupOf(a), shownGroupOf(b)];
        expect(keyA === undefined).toBe(groupA === undefined);
        if (!keyA || !keyB || a.id === b.id) return;
        if (groupA === groupB)
          expect(Math.sign(codePointOrder(keyA, keyB))).toBe(Math.sign(byRank(a, b)));
        else {
          const order = ['followed', 'direct', 'ranked'];
          expect(Math.sign(codePointOrder(keyA, keyB))).toBe(
            Math.sign(order.indexOf(groupA!) - order.indexOf(groupB!)),
          );
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('read in key order and cut after the 50th ranked, gives what selectShown gives', () => {
    fc.assert(
      fc.property(uniqueProposals(140), (proposals) => {
        const ranked = `${3}#`;
        let rankedKept = 0;
        const fromIndex = proposals
          .flatMap((p) => {
            const key = shownRankKey(p);
            return key === undefined ? [] : [{ p, key }];
          })
          .sort((x, y) => codePointOrder(x.key, y.key))
          .filter(({ key }) => !key.startsWith(ranked) || rankedKept++ < BEST_RANKED_SHOWN)
          .map(({ p }) => p)
          .sort(byRank);
        expect(fromIndex.map((p) => p.id)).toEqual(selectShown(proposals).map((p) => p.id));
      }),
      { numRuns: 300 },
    );
  });
});
