import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  close,
  mayReopen,
  recordInterest,
  recordVisit,
  resume,
  suspend,
  type MatchState,
} from './lifecycle';

const proposed = (n: number): MatchState => ({
  status: 'proposed',
  participants: Array.from({ length: n }, (_, i) => ({
    listingId: `L${i}`,
    ownerId: `U${i}`,
    interest: 'pending' as const,
  })),
});

describe('match lifecycle', () => {
  it('becomes mutual only when every participant said yes', () => {
    let match = proposed(3);

    match = recordInterest(match, 'L0', true);
    match = recordInterest(match, 'L1', true);
    expect(match.status).toBe('proposed');
    match = recordInterest(match, 'L2', true);

    expect(match.status).toBe('mutual');
  });

  it('is declined as soon as anyone says no, even after a mutual yes', () => {
    const mutual = ['L0', 'L1'].reduce((m, id) => recordInterest(m, id, true), proposed(2));

    const declined = recordInterest(mutual, 'L1', false);

    expect(declined.status).toBe('declined');
    expect(() => recordInterest(declined, 'L0', true)).toThrow(/plus ouverte/);
  });

  it('refuses answers while suspended and resumes to the status it had', () => {
    const mutual = ['L0', 'L1'].reduce((m, id) => recordInterest(m, id, true), proposed(2));

    const paused = suspend(mutual);

    expect(paused.status).toBe('suspended');
    expect(() => recordInterest(paused, 'L0', false)).toThrow(/en pause/);
    expect(resume(paused).status).toBe('mutual');
    expect(close(paused).status).toBe('closed');
  });

  it('records a visit only once everyone said yes', () => {
    const proposal = proposed(2);
    const mutual = ['L0', 'L1'].reduce((m, id) => recordInterest(m, id, true), proposal);

    const visited = recordVisit(mutual, 'L1', true, '2026-12-01T10:00:00Z');

    expect(() => recordVisit(proposal, 'L0', true, '2026-12-01T10:00:00Z')).toThrow(
      /tous les participants/,
    );
    expect(visited.participants[1]?.visit).toEqual({ suitable: true, at: '2026-12-01T10:00:00Z' });
    expect(visited.status).toBe('mutual');
  });

  it('a visit that does not suit declines the proposal for everyone, not once a swap is requested', () => {
    const mutual = ['L0', 'L1'].reduce((m, id) => recordInterest(m, id, true), proposed(2));

    const declined = recordVisit(mutual, 'L1', false, '2026-12-01T10:00:00Z');

    expect(declined.status).toBe('declined');
    expect(declined.declinedAfterVisitAt).toBe('2026-12-01T10:00:00Z');
    expect(declined.participants[1]).toMatchObject({ interest: 'no', visit: { suitable: false } });
    expect(() =>
      recordVisit({ ...mutual, status: 'engaged' }, 'L1', false, '2026-12-01T10:00:00Z'),
    ).toThrow(/annulez la demande/);
  });

  it('ends in mutual exactly when all answers are yes, declined when any is no (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 3 })
          .chain((n) =>
            fc
              .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.boolean()), { maxLength: 8 })
              .map((answers) => ({ n, answers })),
          ),
        ({ n, answers }) => {
          let match = proposed(n);
          const last = new Map<number, boolean>();
          let declinedAt = -1;
          answers.forEach(([who, yes], index) => {
            if (match.status === 'declined') return;
            match = recordInterest(match, `L${who}`, yes);
            last.set(who, yes);
            if (!yes && declinedAt < 0) declinedAt = index;
          });
          if (declinedAt >= 0) expect(match.status).toBe('declined');
          else if (last.size === n) expect(match.status).toBe('mutual');
          else expect(match.status).toBe('proposed');
        },
      ),
    );
  });

  it('reopens a closed proposal only if nobody said no and no swap was requested from it', () => {
    const mutual = ['L0', 'L1'].reduce((m, id) => recordInterest(m, id, true), proposed(2));
    const retired = close(proposed(2));

    expect(mayReopen(retired)).toBe(true);
    expect(mayReopen(close(mutual))).toBe(true);
    expect(mayReopen({ ...close(mutual), swapId: 'S1' })).toBe(false);
    expect(
      mayReopen({
        ...retired,
        participants: recordInterest(proposed(2), 'L0', false).participants,
      }),
    ).toBe(false);
    expect(mayReopen(mutual)).toBe(false);
  });
});
