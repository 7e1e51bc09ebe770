import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastMonths, quantile, supervise, type SupervisedSwap } from './supervision';

const NOW = new Date('2026-12-06T08:00:00Z');
const day = (iso: string, plusDays: number) =>
  new Date(new Date(iso).getTime() + plusDays * 86_400_000).toISOString();

function swap(overrides: Partial<SupervisedSwap> = {}): SupervisedSwap {
  return {
    id: 's',
    status: 'under_review',
    createdAt: '2026-11-01T00:00:00.000Z',
    participants: [{}, {}],
    reviews: [],
    ...overrides,
  };
}

describe('quantile', () => {
  it('interpolates between ranks and is empty-safe', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([4], 0.9)).toBe(4);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it('lies between the smallest and the largest value, and grows with q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q1, q2) => {
          const sorted = [...values].sort((a, b) => a - b);
          const [low, high] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = quantile(sorted, low)!;
          const b = quantile(sorted, high)!;
          return a >= sorted[0]! && b <= sorted.at(-1)! && a <= b + 1e-9;
        },
      ),
    );
  });
});

describe('supervise', () => {
  it('counts swaps by status, decision delays per lessor, overdue reviews and waiting verifications', () => {
    const swaps = [
      swap({
        id: 'a',
        status: 'approved',
        reviews: [
          {
            lessorId: 'SIDR',
            decision: 'approved',
            dueAt: day('2026-11-01', 30),
            decidedAt: day('2026-11-01', 10),
          },
          {
            lessorId: 'SHLMR',
            decision: 'approved',
            dueAt: day('2026-11-01', 30),
            decidedAt: day('2026-11-01', 4),
          },
        ],
      }),
      swap({
        id: 'b',
        status: 'refused',
        reviews: [
          {
            lessorId: 'SIDR',
            decision: 'refused',
            dueAt: day('2026-11-01', 30),
            decidedAt: day('2026-11-01', 20),
          },
          // Asking for documents is not a decision.
          {
            lessorId: 'SHLMR',
            decision: 'documents_requested',
            dueAt: day('2026-11-01', 30),
            decidedAt: day('2026-11-01', 2),
          },
        ],
      }),
      swap({
        id: 'c',
        status: 'under_review',
        reviews: [
          { lessorId: 'SIDR', decision: 'pending', dueAt: '2026-12-01T00:00:00.000Z' },
          { lessorId: 'SHLMR', decision: 'pending', dueAt: '2026-12-20T00:00:00.000Z' },
        ],
      }),
    ];

    const result = supervise({
      swaps,
      pendingVerifications: { SIDR: 3 },
      lessorIds: ['SHLMR', 'SIDR', 'SEMAC'],
      now: NOW,
      months: 3,
    });

    expect(result.swapsByStatus.filter((s) => s.count > 0)).toEqual([
      { status: 'under_review', count: 1 },
      { status: 'approved', count: 1 },
      { status: 'refused', count: 1 },
    ]);
    expect(result.decisionDays).toEqual([
      { lessorId: 'SHLMR', decisions: 1, medianDays: 4, p90Days: 4 },
      { lessorId: 'SIDR', decisions: 2, medianDays: 15, p90Days: 19 },
      { lessorId: 'SEMAC', decisions: 0, medianDays: null, p90Days: null },
    ]);
    expect(result.overdueReviews).toEqual([
      { lessorId: 'SHLMR', count: 0 },
      { lessorId: 'SIDR', count: 1 },
      { lessorId: 'SEMAC', count: 0 },
    ]);
    expect(result.pendingVerifications.find((p) => p.lessorId === 'SIDR')?.count).toBe(3);
  });

  it('counts households moved in the month they moved, within the window only', () => {
    const swaps = [
      swap({
        id: 'd',
        status: 'completed',
        effectiveDate: '2026-11-15',
        participants: [{}, {}, {}],
      }),
      swap({ id: 'e', status: 'completed', effectiveDate: '2026-12-01' }),
      swap({ id: 'f', status: 'completed', effectiveDate: '2025-01-10' }),
      swap({ id: 'g', status: 'approved', effectiveDate: '2026-12-02' }),
    ];

    const result = supervise({
      swaps,
      pendingVerifications: {},
      lessorIds: [],
      now: NOW,
      months: 3,
    });

    expect(result.householdsMoved).toEqual([
      { month: '2026-10', households: 0 },
      { month: '2026-11', households: 3 },
      { month: '2026-12', households: 2 },
    ]);
  });

  it('lists the months across a year boundary', () => {
    expect(lastMonths(new Date('2026-02-10T00:00:00Z'), 4)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});
