import { describe, expect, it } from 'vitest';
import { ceilingCheck, reviewInfo } from './review-info';

describe('review information for the lessor', () => {
  it('compares occupants with rooms and surface, flags under-occupation, and never assumes a ceiling', () => {
    const info = reviewInfo(
      { adults: 1, children: 0, income: 14_500 },
      { typology: 'T4', surface: 80, financing: 'LLS' },
    );

    expect(info).toEqual({
      adults: 1,
      children: 0,
      occupants: 1,
      rooms: 4,
      surface: 80,
      minSurface: 9,
      overOccupied: false,
      underOccupied: true,
      declaredIncome: 14_500,
      ceilingCheck: { status: 'not_configured' },
    });
  });

  it('shows over-occupation and an undeclared income', () => {
    const info = reviewInfo(
      { adults: 2, children: 4 },
      { typology: 'T2', surface: 45, financing: 'LLTS' },
    );

    expect(info).toMatchObject({
      occupants: 6,
      minSurface: 52,
      overOccupied: true,
      underOccupied: false,
    });
    expect(info).not.toHaveProperty('declaredIncome');
  });

  it('checks the income against a configured table, by household size', () => {
    const table = { year: 2025, ceilings: { LLS: [20_000, 27_000, 32_000] } };

    expect(ceilingCheck(25_000, 'LLS', 2, table)).toEqual({
      status: 'below',
      year: 2025,
      ceiling: 27_000,
      income: 25_000,
    });
    expect(ceilingCheck(35_000, 'LLS', 7, table)).toEqual({
      status: 'above',
      year: 2025,
      ceiling: 32_000,
      income: 35_000,
    });
    expect(ceilingCheck(undefined, 'LLS', 2, table)).toEqual({
      status: 'income_unknown',
      year: 2025,
    });
    expect(ceilingCheck(25_000, 'PLS', 2, table)).toEqual({ status: 'not_configured' });
  });
});
