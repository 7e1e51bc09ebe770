import { describe, expect, it } from 'vitest';
import { queueOfListing, type QueueMatch, type QueueSwap } from './agent-queue';
import { BEST_RANKED_SHOWN } from './shown';

const match = (
  id: string,
  status: QueueMatch['status'],
  mine: 'pending' | 'yes' | 'no',
  swapId?: string,
): QueueMatch => ({
  id,
  kind: '2-way',
  score: 50,
  status,
  participants: [
    { listingId: 'L1', interest: mine },
    { listingId: 'L2', interest: 'yes' },
  ],
  ...(swapId ? { swapId } : {}),
});

/** A 3-way through L1 nobody answered yet. */
const unanswered3Way = (id: string, score: number): QueueMatch => ({
  id,
  kind: '3-way',
  score,
  status: 'proposed',
  participants: ['L1', 'L2', 'L3'].map((listingId) => ({ listingId, interest: 'pending' })),
});

describe('queueOfListing', () => {
  it('lists unanswered proposals, mutual ones without request and swaps awaiting the tenant, most advanced first', () => {
    // Prepare
    const swaps = new Map<string, QueueSwap>([
      [
        'S1',
        {
          id: 'S1',
          status: 'awaiting_confirmations',
          participants: [
            { listingId: 'L1', confirmed: false },
            { listingId: 'L2', confirmed: true },
          ],
        },
      ],
      [
        'S2',
        {
          id: 'S2',
          status: 'awaiting_confirmations',
          participants: [
            { listingId: 'L1', confirmed: true },
            { listingId: 'L2', confirmed: false },
          ],
        },
      ],
      [
        'S3',
        { id: 'S3', status: 'under_review', participants: [{ listingId: 'L1', confirmed: false }] },
      ],
    ]);
    const matches = [
      match('M-answer', 'proposed', 'pending'),
      match('M-waiting-others', 'proposed', 'yes'),
      match('M-mutual', 'mutual', 'yes'),
      match('M-declined', 'declined', 'no'),
      match('M-confirm', 'engaged', 'yes', 'S1'),
      match('M-confirmed', 'engaged', 'yes', 'S2'),
      match('M-review', 'engaged', 'yes', 'S3'),
    ];

    // Act
    const items = queueOfListing('L1', matches, swaps);

    // Assess
    expect(items).toEqual([
      { kind: 'confirm', matchId: 'M-confirm', swapId: 'S1' },
      { kind: 'request', matchId: 'M-mutual' },
      { kind: 'answer', matchId: 'M-answer' },
    ]);
  });

  it('asks for answers only to the proposals the page lists: the best 50 3-ways, not those below', () => {
    // Prepare: 60 unanswered 3-ways, the last ten below the tenant's 50th.
    const matches = Array.from({ length: 60 }, (_, i) => unanswered3Way(`M${i}`, 80 - i / 10));

    // Act
    const items = queueOfListing('L1', matches, new Map());

    // Assess
    expect(items.map((item) => item.matchId)).toEqual(
      matches.slice(0, BEST_RANKED_SHOWN).map((m) => m.id),
    );
  });

  it('is empty for a listing that is not in the proposals', () => {
    expect(queueOfListing('L9', [match('M', 'proposed', 'pending')], new Map())).toEqual([]);
  });
});
