import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors';
import {
  cancelSwap,
  completeSwap,
  confirmSwap,
  deadlineActions,
  decideReview,
  isOverdue,
  listingStatusFor,
  requestSwap,
  type CycleMember,
  type Swap,
} from './lifecycle';

const T0 = new Date('2025-03-01T08:00:00Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

const cycle: CycleMember[] = [
  { listingId: 'A', ownerId: 'UA', lessorId: 'SHLMR' },
  { listingId: 'B', ownerId: 'UB', lessorId: 'SIDR' },
  { listingId: 'C', ownerId: 'UC', lessorId: 'SHLMR' },
];

const requested = () =>
  requestSwap({ id: 'S1', matchId: 'M1', cycle, requesterListingId: 'B', now: T0 });
const underReview = (): Swap => confirmSwap(confirmSwap(requested(), 'A', later(1)), 'C', later(2));

describe('swap lifecycle', () => {
  it('starts awaiting confirmations, the requester confirmed, each household moving into the next dwelling', () => {
    // Prepare / Act
    const swap = requested();

    // Assess
    expect(swap).toMatchObject({
      status: 'awaiting_confirmations',
      kind: '3-way',
      requestedBy: 'B',
      lessorIds: ['SHLMR', 'SIDR'],
      reviews: [],
    });
    expect(swap.participants.map((p) => [p.listingId, p.movesInto, p.confirmed])).toEqual([
      ['A', 'B', false],
      ['B', 'C', true],
      ['C', 'A', false],
    ]);
  });

  it('goes under review at the last confirmation with one review per household entering a dwelling, due in 30 days', () => {
    const swap = underReview();

    expect(swap.status).toBe('under_review');
    expect(swap.dueAt).toBe(later(32).toISOString());
    expect(swap.reviews).toEqual([
      {
        listingId: 'B',
        lessorId: 'SIDR',
        incomingListingId: 'A',
        decision: 'pending',
        dueAt: swap.dueAt,
      },
      {
        listingId: 'C',
        lessorId: 'SHLMR',
        incomingListingId: 'B',
        decision: 'pending',
        dueAt: swap.dueAt,
      },
      {
        listingId: 'A',
        lessorId: 'SHLMR',
        incomingListingId: 'C',
        decision: 'pending',
        dueAt: swap.dueAt,
      },
    ]);
  });

  it('takes a configurable review period', () => {
    const swap = confirmSwap(confirmSwap(requested(), 'A', T0, 10), 'C', T0, 10);
    expect(swap.dueAt).toBe(later(10).toISOString());
  });

  it('refuses a second confirmation, an outsider and confirmations after the review started', () => {
    expect(() => confirmSwap(requested(), 'B', T0)).toThrow(/déjà confirmé/);
    expect(() => confirmSwap(requested(), 'Z', T0)).toThrow(ConflictError);
    expect(() => confirmSwap(underReview(), 'A', T0)).toThrow(/n’attend plus de confirmation/);
  });

  it('is approved when every lessor approved, documents requests included on the way', () => {
    let swap = underReview();

    swap = decideReview(
      swap,
      { listingId: 'B', decision: 'documents_requested', comment: 'Avis d’imposition 2024' },
      'agent-sidr',
      later(3),
    );
    expect(swap.status).toBe('under_review');
    swap = decideReview(
      swap,
      { listingId: 'B', decision: 'approved', caleolDate: '2025-03-20' },
      'agent-sidr',
      later(4),
    );
    swap = decideReview(swap, { listingId: 'C', decision: 'approved' }, 'agent-shlmr', later(5));
    expect(swap.status).toBe('under_review');
    swap = decideReview(swap, { listingId: 'A', decision: 'approved' }, 'agent-shlmr', later(6));

    expect(swap.status).toBe('approved');
    expect(swap.approvedAt).toBe(later(6).toISOString());
    expect(swap.reviews[0]).toMatchObject({
      decision: 'approved',
      caleolDate: '2025-03-20',
      decidedBy: 'agent-sidr',
    });
    expect(swap.reviews[0]!.comment).toBeUndefined();
  });

  it('is refused as soon as one lessor refuses, with a reason', () => {
    const swap = decideReview(
      underReview(),
      { listingId: 'C', decision: 'refused', reason: 'rent_arrears' },
      'agent',
      later(3),
    );

    expect(swap.status).toBe('refused');
    expect(swap.reviews[1]).toMatchObject({ decision: 'refused', reason: 'rent_arrears' });
    expect(listingStatusFor(swap.status)).toBe('published');
    expect(() =>
      decideReview(swap, { listingId: 'A', decision: 'approved' }, 'agent', later(4)),
    ).toThrow(/pas en cours d’examen/);
  });

  it('asks a reason for a refusal and a comment for "other"', () => {
    expect(() =>
      decideReview(underReview(), { listingId: 'A', decision: 'refused' }, 'x', T0),
    ).toThrow(ValidationError);
    expect(() =>
      decideReview(
        underReview(),
        { listingId: 'A', decision: 'refused', reason: 'other' },
        'x',
        T0,
      ),
    ).toThrow(/autre/);
    expect(() =>
      decideReview(
        underReview(),
        { listingId: 'A', decision: 'approved', reason: 'rent_arrears' },
        'x',
        T0,
      ),
    ).toThrow(/refus/);
    expect(
      decideReview(
        underReview(),
        {
          listingId: 'A',
          decision: 'refused',
          reason: 'other',
          comment: 'Mutation professionnelle',
        },
        'x',
        T0,
      ).status,
    ).toBe('refused');
  });

  it('does not decide twice, nor for a dwelling outside the swap', () => {
    const swap = decideReview(underReview(), { listingId: 'A', decision: 'approved' }, 'x', T0);
    expect(() =>
      decideReview(swap, { listingId: 'A', decision: 'refused', reason: 'rent_arrears' }, 'x', T0),
    ).toThrow(/déjà reçu/);
    expect(() => decideReview(swap, { listingId: 'Z', decision: 'approved' }, 'x', T0)).toThrow(
      /ne fait pas partie/,
    );
  });

  it('completes an approved swap only, with its effective date; listings end exchanged', () => {
    const approved = ['A', 'B', 'C'].reduce(
      (s, id) => decideReview(s, { listingId: id, decision: 'approved' }, 'x', later(5)),
      underReview(),
    );

    const done = completeSwap(approved, '2025-05-01', later(40));

    expect(done).toMatchObject({ status: 'completed', effectiveDate: '2025-05-01' });
    expect(listingStatusFor(done.status)).toBe('exchanged');
    expect(() => completeSwap(underReview(), '2025-05-01', T0)).toThrow(/accepté par tous/);
    expect(() => cancelSwap(approved, 'participant', 'Plus intéressé', T0)).toThrow(/Armos/);
    expect(cancelSwap(approved, 'armos', 'Erreur de dossier', T0).status).toBe('cancelled');
    expect(() => cancelSwap(done, 'armos', 'Trop tard', T0)).toThrow(/ne peut plus/);
  });

  it('lets a participant cancel before approval', () => {
    for (const swap of [requested(), underReview()]) {
      const cancelled = cancelSwap(swap, 'participant', 'Nous restons', later(3));
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Nous restons',
        cancelledBy: 'participant',
      });
      expect(listingStatusFor(cancelled.status)).toBe('published');
    }
  });

  it('reminds 7 days before the deadline and escalates once overdue, each once', () => {
    const swap = underReview();
    const review = swap.reviews[0]!;
    const due = new Date(review.dueAt);

    expect(deadlineActions(swap, review, later(10))).toEqual({ remind: false, escalate: false });
    expect(deadlineActions(swap, review, new Date(due.getTime() - 7 * 86_400_000))).toEqual({
      remind: true,
      escalate: false,
    });
    expect(
      deadlineActions(swap, { ...review, remindedAt: 'x' }, new Date(due.getTime() - 86_400_000)),
    ).toEqual({ remind: false, escalate: false });
    expect(deadlineActions(swap, review, new Date(due.getTime() + 1000))).toEqual({
      remind: false,
      escalate: true,
    });
    expect(
      deadlineActions(swap, { ...review, escalated: true }, new Date(due.getTime() + 1000)),
    ).toEqual({ remind: false, escalate: false });
    expect(
      deadlineActions(swap, { ...review, decision: 'approved' }, new Date(due.getTime() + 1000)),
    ).toEqual({ remind: false, escalate: false });
    expect(isOverdue(review, new Date(due.getTime() + 1000))).toBe(true);
  });

  it('builds 2-way swaps and rejects malformed cycles', () => {
    const two = requestSwap({
      id: 'S',
      matchId: 'M',
      cycle: cycle.slice(0, 2),
      requesterListingId: 'A',
      now: T0,
    });
    expect(two.kind).toBe('2-way');
    expect(two.participants.map((p) => p.movesInto)).toEqual(['B', 'A']);
    expect(() =>
      requestSwap({ id: 'S', matchId: 'M', cycle: [cycle[0]!], requesterListingId: 'A', now: T0 }),
    ).toThrow(ValidationError);
    expect(() =>
      requestSwap({
        id: 'S',
        matchId: 'M',
        cycle: [cycle[0]!, cycle[0]!],
        requesterListingId: 'A',
        now: T0,
      }),
    ).toThrow(ValidationError);
    expect(() =>
      requestSwap({ id: 'S', matchId: 'M', cycle, requesterListingId: 'Z', now: T0 }),
    ).toThrow(ConflictError);
  });
});
