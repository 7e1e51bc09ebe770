import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { requestChainSwap, vacancyStatusFor, type ChainMover } from './chain';
import {
  SWAP_STATUSES,
  cancelSwap,
  completeSwap,
  confirmSwap,
  decideReview,
  listingStatusFor,
  type Swap,
} from './lifecycle';

const NOW = new Date('2026-03-02T08:00:00Z');
const LESSORS = ['shlmr', 'sidr', 'semader'] as const;

const vacancy = (lessorId = 'sidr') => ({
  id: 'V',
  lessorId,
  dwelling: {
    lessorId,
    dwellingRef: 'LOT-9',
    communeCode: '97411',
    quartierId: '97411-01',
    typology: 'T4' as const,
    surface: 80,
    rent: 600,
    charges: 80,
    floor: 1,
    lift: false,
    accessible: false,
    financing: 'LLS' as const,
    features: [],
  },
});

const mover = (listingId: string, lessorId: string = 'shlmr'): ChainMover => ({
  listingId,
  ownerId: `owner-${listingId}`,
  lessorId,
  dwelling: { communeCode: '97418', quartierId: '97418-02', typology: 'T2' },
});

const chainOf = (movers: ChainMover[], requester = movers[0]!.listingId, lessor = 'sidr') =>
  requestChainSwap({
    id: 'S',
    matchId: 'M',
    vacancy: vacancy(lessor),
    movers,
    requesterListingId: requester,
    now: NOW,
  });

const confirmAll = (swap: Swap) =>
  swap.participants
    .filter((p) => !p.confirmed)
    .reduce((s, p) => confirmSwap(s, p.listingId, NOW), swap);

describe('requestChainSwap', () => {
  it('moves the first mover into the vacancy and each next one into the previous home', () => {
    // Prepare
    const movers = [mover('A'), mover('B', 'sidr'), mover('C', 'semader')];

    // Act
    const swap = chainOf(movers, 'B');

    // Assess
    expect(swap.kind).toBe('chain');
    expect(swap.participants.map((p) => [p.listingId, p.movesInto])).toEqual([
      ['A', 'V'],
      ['B', 'A'],
      ['C', 'B'],
    ]);
    expect(swap.participants.map((p) => p.confirmed)).toEqual([false, true, false]);
    expect(swap.chain?.released).toEqual({
      listingId: 'C',
      lessorId: 'semader',
      communeCode: '97418',
      quartierId: '97418-02',
      typology: 'T2',
    });
    expect(swap.lessorIds.sort()).toEqual(['semader', 'shlmr', 'sidr']);
  });

  it('refuses a chain naming a dwelling twice, or asked for by someone outside it', () => {
    expect(() => chainOf([mover('A'), mover('A')])).toThrow(AppError);
    expect(() => chainOf([mover('V')])).toThrow(AppError);
    expect(() => chainOf([mover('A')], 'Z')).toThrow(AppError);
    expect(() => chainOf([], 'A')).toThrow(AppError);
  });

  it('sends a lone mover’s request straight to review: nobody else has to confirm', () => {
    // Act
    const swap = chainOf([mover('A', 'shlmr')], 'A', 'sidr');

    // Assess
    expect(swap.status).toBe('under_review');
    expect(swap.reviews.map((r) => [r.listingId, r.lessorId])).toEqual([['V', 'sidr']]);
  });

  it('sends the household entering the vacancy to the vacancy’s lessor once everyone confirmed', () => {
    // Prepare
    const swap = chainOf([mover('A', 'shlmr'), mover('B', 'semader')], 'A', 'sidr');

    // Act
    const reviewed = confirmAll(swap);

    // Assess
    expect(reviewed.status).toBe('under_review');
    expect(reviewed.reviews.map((r) => [r.listingId, r.lessorId, r.incomingListingId])).toEqual([
      ['V', 'sidr', 'A'],
      ['A', 'shlmr', 'B'],
    ]);
  });
});

describe('a chain swap’s reviews (property)', () => {
  const movers = fc
    .uniqueArray(fc.constantFrom<string>('A', 'B', 'C', 'D'), { minLength: 1, maxLength: 3 })
    .chain((ids) =>
      fc.tuple(
        fc.constant(ids),
        fc.array(fc.constantFrom(...LESSORS), { minLength: ids.length, maxLength: ids.length }),
        fc.constantFrom(...LESSORS),
        fc.nat(ids.length - 1),
      ),
    );

  it('reviews every dwelling entered once, by its lessor, and never the released one', () => {
    fc.assert(
      fc.property(movers, ([ids, lessors, vacancyLessor, requester]) => {
        const swap = confirmAll(
          chainOf(
            ids.map((id, i) => mover(id, lessors[i])),
            ids[requester],
            vacancyLessor,
          ),
        );
        const entered = swap.reviews.map((r) => r.listingId);
        expect(new Set(entered).size).toBe(ids.length);
        expect(entered[0]).toBe('V');
        expect(entered).not.toContain(ids[ids.length - 1]);
        for (const review of swap.reviews) {
          const expected =
            review.listingId === 'V' ? vacancyLessor : lessors[ids.indexOf(review.listingId)];
          expect(review.lessorId).toBe(expected);
          expect(swap.lessorIds).toContain(review.lessorId);
        }
        expect(swap.reviews.map((r) => r.incomingListingId)).toEqual(ids);
      }),
    );
  });

  it('lets the vacancy only when the movers’ listings are exchanged, and frees it whenever they return', () => {
    for (const status of SWAP_STATUSES) {
      const listings = listingStatusFor(status);
      const expected =
        listings === 'exchanged' ? 'let' : listings === 'engaged' ? 'engaged' : 'open';
      expect(vacancyStatusFor(status)).toBe(expected);
    }
  });
});

describe('a chain swap ends as a cycle does', () => {
  it('is completed after every lessor approved, the vacancy’s included', () => {
    // Prepare
    let swap = confirmAll(chainOf([mover('A'), mover('B')]));

    // Act
    for (const review of swap.reviews)
      swap = decideReview(
        swap,
        { listingId: review.listingId, decision: 'approved' },
        'agent',
        NOW,
      );
    swap = completeSwap(swap, '2026-04-01', NOW);

    // Assess
    expect(swap.status).toBe('completed');
    expect(vacancyStatusFor(swap.status)).toBe('let');
  });

  it('gives the vacancy back when its lessor refuses the incoming household', () => {
    // Prepare
    const swap = confirmAll(chainOf([mover('A'), mover('B')]));

    // Act
    const refused = decideReview(
      swap,
      { listingId: 'V', decision: 'refused', reason: 'household_unsuited' },
      'agent',
      NOW,
    );
    const cancelled = cancelSwap(chainOf([mover('A')]), 'participant', 'Plus besoin', NOW);

    // Assess
    expect(vacancyStatusFor(refused.status)).toBe('open');
    expect(vacancyStatusFor(cancelled.status)).toBe('open');
  });
});
