import { describe, expect, it } from 'vitest';
import type { Swap } from '../../../shared/swap/lifecycle';
import { reviewsCsv, toFrenchCsv } from './csv';

describe('CSV for French Excel', () => {
  it('starts with a byte order mark, separates with semicolons, ends lines with CRLF, writes a decimal comma', () => {
    const csv = toFrenchCsv(['Nom', 'Jours'], [['Payet; fils', 2.5]]);

    expect(csv.startsWith('\uFEFFNom;Jours\r\n')).toBe(true);
    expect(csv).toContain('"Payet; fils";2,5\r\n');
  });

  it('counts the days from request to decision and flags overdue reviews', () => {
    const swap = {
      id: 'S1',
      status: 'under_review',
      createdAt: '2026-11-01T00:00:00.000Z',
    } as Swap;
    const csv = reviewsCsv(
      [
        {
          swap,
          review: {
            listingId: 'L1',
            lessorId: 'SIDR',
            incomingListingId: 'L2',
            decision: 'approved',
            dueAt: '2026-12-01T00:00:00.000Z',
            decidedAt: '2026-11-11T12:00:00.000Z',
          },
        },
        {
          swap,
          review: {
            listingId: 'L2',
            lessorId: 'SIDR',
            incomingListingId: 'L1',
            decision: 'pending',
            dueAt: '2026-12-01T00:00:00.000Z',
          },
        },
      ],
      new Date('2026-12-06T00:00:00Z'),
    );

    const [, first, second] = csv.split('\r\n');
    expect(first!.split(';')[9]).toBe('10,5');
    expect(first!.split(';')[10]).toBe('non');
    expect(second!.split(';')[10]).toBe('oui');
  });
});
