/** Model-based properties: any sequence of commands keeps the swap consistent. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  REFUSAL_REASONS,
  cancelSwap,
  completeSwap,
  confirmSwap,
  decideReview,
  isActive,
  requestSwap,
  type Swap,
  type SwapStatus,
} from './lifecycle';

const EDGES: Record<SwapStatus, readonly SwapStatus[]> = {
  awaiting_confirmations: ['awaiting_confirmations', 'under_review', 'cancelled'],
  under_review: ['under_review', 'approved', 'refused', 'cancelled'],
  approved: ['approved', 'completed', 'cancelled'],
  completed: ['completed'],
  refused: ['refused'],
  cancelled: ['cancelled'],
};

const command = fc.oneof(
  fc.record({ kind: fc.constant('confirm' as const), who: fc.nat(3) }),
  fc.record({
    kind: fc.constant('decide' as const),
    who: fc.nat(3),
    decision: fc.constantFrom(
      'approved' as const,
      'refused' as const,
      'documents_requested' as const,
    ),
    reason: fc.option(fc.constantFrom(...REFUSAL_REASONS), { nil: undefined }),
    comment: fc.option(fc.constantFrom('Pièces', ' '), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('complete' as const) }),
  fc.record({
    kind: fc.constant('cancel' as const),
    by: fc.constantFrom('participant' as const, 'armos' as const),
  }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const lessors = ['SHLMR', 'SIDR', 'SEMADER'];
const scenario = fc.record({
  size: fc.constantFrom(2, 3),
  requester: fc.nat(2),
  lessorOf: fc.array(fc.nat(2), { minLength: 3, maxLength: 3 }),
  commands: fc.array(command, { maxLength: 25 }),
});

function apply(swap: Swap, cmd: Command, step: number): Swap {
  const now = new Date(Date.UTC(2025, 0, 1 + step));
  const id = (n: number) => swap.participants[n % swap.participants.length]!.listingId;
  switch (cmd.kind) {
    case 'confirm':
      return confirmSwap(swap, id(cmd.who), now);
    case 'decide':
      return decideReview(
        swap,
        {
          listingId: id(cmd.who),
          decision: cmd.decision,
          reason: cmd.reason,
          comment: cmd.comment,
        },
        'agent',
        now,
      );
    case 'complete':
      return completeSwap(swap, '2025-06-01', now);
    case 'cancel':
      return cancelSwap(swap, cmd.by, 'motif', now);
  }
}

function assertConsistent(swap: Swap): void {
  const ids = swap.participants.map((p) => p.listingId);
  // Everyone moves, nobody into their own dwelling, each dwelling entered once.
  expect(new Set(swap.participants.map((p) => p.movesInto))).toEqual(new Set(ids));
  expect(swap.participants.every((p) => p.movesInto !== p.listingId)).toBe(true);
  const confirmedAll = swap.participants.every((p) => p.confirmed);
  if (swap.status === 'awaiting_confirmations') {
    expect(swap.reviews).toEqual([]);
    expect(confirmedAll).toBe(false);
  }
  if (swap.reviews.length > 0) {
    expect(confirmedAll).toBe(true);
    expect(swap.reviews.map((r) => r.listingId).sort()).toEqual([...ids].sort());
    for (const review of swap.reviews) {
      const incoming = swap.participants.find((p) => p.listingId === review.incomingListingId)!;
      expect(incoming.movesInto).toBe(review.listingId);
      expect(review.lessorId).toBe(
        swap.participants.find((p) => p.listingId === review.listingId)!.lessorId,
      );
      if (review.decision === 'refused') expect(review.reason).toBeDefined();
      if (review.reason === 'other') expect(review.comment?.trim()).toBeTruthy();
    }
  }
  if (swap.status === 'under_review') expect(swap.reviews.length).toBe(swap.participants.length);
  if (swap.status === 'approved' || swap.status === 'completed')
    expect(swap.reviews.every((r) => r.decision === 'approved')).toBe(true);
  if (swap.status === 'refused')
    expect(swap.reviews.some((r) => r.decision === 'refused')).toBe(true);
  if (swap.status === 'completed') expect(swap.effectiveDate).toBeDefined();
  expect(swap.lessorIds).toEqual([...new Set(swap.participants.map((p) => p.lessorId))]);
}

describe('swap lifecycle properties', () => {
  it('stays consistent, moves only along allowed edges, and a refused command changes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ size, requester, lessorOf, commands }) => {
        const cycle = Array.from({ length: size }, (_, i) => ({
          listingId: `L${i}`,
          ownerId: `U${i}`,
          lessorId: lessors[lessorOf[i]!]!,
        }));
        let swap = requestSwap({
          id: 'S',
          matchId: 'M',
          cycle,
          requesterListingId: `L${requester % size}`,
          now: new Date(Date.UTC(2025, 0, 1)),
        });
        assertConsistent(swap);
        commands.forEach((cmd, step) => {
          const before = swap;
          try {
            swap = apply(swap, cmd, step + 1);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect(['conflict', 'validation_failed']).toContain((error as AppError).code);
            swap = before;
          }
          expect(EDGES[before.status]).toContain(swap.status);
          if (!isActive(before.status)) expect(swap).toBe(before);
          assertConsistent(swap);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('reaches approval exactly when every participant confirmed and every lessor approved', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 3),
        fc.nat(2),
        fc.array(fc.nat(2), { minLength: 3, maxLength: 3 }),
        (size, requester, order) => {
          const cycle = Array.from({ length: size }, (_, i) => ({
            listingId: `L${i}`,
            ownerId: `U${i}`,
            lessorId: lessors[i]!,
          }));
          let swap = requestSwap({
            id: 'S',
            matchId: 'M',
            cycle,
            requesterListingId: `L${requester % size}`,
            now: new Date(),
          });
          for (const p of swap.participants.filter((q) => !q.confirmed))
            swap = confirmSwap(swap, p.listingId, new Date());
          expect(swap.status).toBe('under_review');
          const decisions = [...new Set(order.map((i) => i % size))];
          for (const [n, i] of decisions.entries()) {
            swap = decideReview(
              swap,
              { listingId: `L${i}`, decision: 'approved' },
              'agent',
              new Date(),
            );
            expect(swap.status).toBe(n === size - 1 ? 'approved' : 'under_review');
          }
        },
      ),
    );
  });
});
