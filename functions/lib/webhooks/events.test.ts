import { describe, expect, it } from 'vitest';
import { ENTITY, indexKeys } from '../db/model';
import { eventsOfChange } from './events';

const listing = (verification: string, status = 'published') => ({
  entity: ENTITY.listing,
  id: 'L1',
  status,
  dwelling: { lessorId: 'SIDR' },
  ...indexKeys.listingsToVerify('SIDR', verification, '2026-12-01'),
});

describe('webhook events of a table change', () => {
  it('announces a listing entering its lessor’s verification queue, once', () => {
    expect(eventsOfChange(undefined, listing('pending'))).toEqual([
      {
        type: 'listing.pending_verification',
        audience: { lessorId: 'SIDR' },
        data: { listingId: 'L1' },
      },
    ]);
    expect(eventsOfChange(listing('pending'), listing('pending'))).toEqual([]);
    expect(eventsOfChange(listing('pending'), listing('verified'))).toEqual([]);
  });

  it('announces a swap under review and a completed swap, on the change only', () => {
    const swap = (status: string) => ({ entity: ENTITY.swap, id: 'S1', status });

    expect(eventsOfChange(swap('awaiting_confirmations'), swap('under_review'))[0]).toMatchObject({
      type: 'swap.under_review',
      audience: { swapId: 'S1' },
    });
    expect(eventsOfChange(swap('approved'), swap('completed'))[0]?.type).toBe('swap.completed');
    expect(eventsOfChange(swap('under_review'), swap('under_review'))).toEqual([]);
    expect(eventsOfChange(swap('under_review'), swap('approved'))).toEqual([]);
  });

  it('announces a chain to its vacancy’s lessor when the chain is stored, never a cycle', () => {
    const chain = {
      entity: ENTITY.match,
      id: 'M1',
      kind: 'chain',
      chain: { vacancyId: 'V1', vacancy: { lessorId: 'SEMAC' } },
    };
    const cycle = { entity: ENTITY.match, id: 'M2', kind: '2-way' };

    expect(eventsOfChange(undefined, chain)).toEqual([
      {
        type: 'vacancy.chain_found',
        audience: { lessorId: 'SEMAC' },
        data: { vacancyId: 'V1', matchId: 'M1' },
      },
    ]);
    expect(eventsOfChange(chain, { ...chain, status: 'mutual' })).toEqual([]);
    expect(eventsOfChange(undefined, cycle)).toEqual([]);
  });

  it('announces a review due soon when the deadline job marks its reminder', () => {
    const review = (remindedAt?: string) => ({
      entity: ENTITY.swapReview,
      swapId: 'S1',
      listingId: 'L1',
      lessorId: 'SHLMR',
      dueAt: '2026-12-20T00:00:00.000Z',
      ...(remindedAt ? { remindedAt } : {}),
    });

    expect(eventsOfChange(review(), review('2026-12-13'))).toEqual([
      {
        type: 'swap.review_due_soon',
        audience: { lessorId: 'SHLMR' },
        data: { swapId: 'S1', listingId: 'L1', dueAt: '2026-12-20T00:00:00.000Z' },
      },
    ]);
    expect(eventsOfChange(review('2026-12-13'), review('2026-12-13'))).toEqual([]);
  });

  it('ignores deletions and other items', () => {
    expect(eventsOfChange(listing('pending'), undefined)).toEqual([]);
    expect(eventsOfChange(undefined, { entity: ENTITY.match, id: 'M1' })).toEqual([]);
  });
});
