import { describe, expect, it } from 'vitest';
import { queueOfListing, type QueueMatch, type QueueSwap } from './agent-queue';

const match = (
  id: string,
  status: QueueMatch['status'],
  mine: 'pending' | 'yes' | 'no',
  swapId?: string,
): QueueMatch => ({
  id,
  status,
  participants: [
    { listingId: 'L1', interest: mine },
    { listingId: 'L2', interest: 'yes' },
  ],
  ...(swapId ? { swapId } : {}),
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

  it('is empty for a listing that is not in the proposals', () => {
    expect(queueOfListing('L9', [match('M', 'proposed', 'pending')], new Map())).toEqual([]);
  });
});
