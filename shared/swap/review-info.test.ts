import { describe, expect, it } from 'vitest';
import { seedReferenceData } from '../reference/index';
import { incomeCeilingYearSchema } from '../schemas/income-ceilings';
import { ceilingLabelForLessor, ceilingSentenceForTenant } from './ceiling-text';
import { ceilingCheck, ceilingTableOf, householdCategory, reviewInfo } from './review-info';

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

  it('checks the income against a configured table, by household category', () => {
    const table = {
      year: 2026,
      source: 'arrêté',
      financings: {
        LLS: {
          categories: [20_000, 27_000, 32_000, 38_000, 44_000, 50_000],
          extraPerson: 5_000,
        },
      },
    };

    expect(ceilingCheck({ adults: 2, children: 0, income: 25_000 }, 'LLS', table)).toEqual({
      status: 'below',
      year: 2026,
      ceiling: 27_000,
      income: 25_000,
      financing: 'LLS',
      category: 2,
    });
    // Two adults and five children: category 6 and one person more.
    expect(ceilingCheck({ adults: 2, children: 5, income: 56_000 }, 'LLS', table)).toMatchObject({
      status: 'above',
      ceiling: 55_000,
      category: 6,
    });
    expect(ceilingCheck({ adults: 2, children: 0 }, 'LLS', table)).toEqual({
      status: 'income_unknown',
      year: 2026,
    });
    expect(ceilingCheck({ adults: 2, children: 0, income: 1 }, 'PLS', table)).toEqual({
      status: 'not_configured',
    });
    expect(ceilingCheck({ adults: 2, children: 0, income: 1 }, 'LLS')).toEqual({
      status: 'not_configured',
    });
  });

  it('counts a single adult with dependants one category up', () => {
    expect(householdCategory({ adults: 1, children: 0 })).toEqual({ category: 1, extraPersons: 0 });
    expect(householdCategory({ adults: 1, children: 1 })).toEqual({ category: 3, extraPersons: 0 });
    expect(householdCategory({ adults: 2, children: 1 })).toEqual({ category: 3, extraPersons: 0 });
    expect(householdCategory({ adults: 1, children: 5 })).toEqual({ category: 6, extraPersons: 1 });
  });

  it('uses only the table of the year asked, never another', () => {
    const tables = [2025, 2026].map((year) => ({ year, source: 's', financings: {} }));
    expect(ceilingTableOf(tables, 2026)?.year).toBe(2026);
    expect(ceilingTableOf(tables, 2027)).toBeUndefined();
  });

  it('seeds the official 2026 figures for La Réunion, derived from the PLUS table', () => {
    const table = ceilingTableOf(seedReferenceData.incomeCeilings, 2026)!;
    // PLUS « autres régions » 2026, category 1: 23 403 €.
    expect(table.financings.LLS?.categories[0]).toBe(Math.round(23_403 * 0.9));
    expect(table.financings.LLTS?.categories[0]).toBe(Math.round(23_403 * 0.675));
    expect(table.financings.PLS?.categories[0]).toBe(Math.round(23_403 * 1.3));
    expect(table.financings.PLI).toBeUndefined();
    expect(incomeCeilingYearSchema.safeParse(table).success).toBe(true);
  });
});

describe('the pre-check in words', () => {
  const above = {
    status: 'above' as const,
    year: 2026,
    ceiling: 30_424,
    income: 41_000,
    financing: 'PLS' as const,
    category: 1,
  };

  it('tells the tenant, as information, that the income is above the ceiling', () => {
    expect(ceilingSentenceForTenant(above)?.replace(/\s/g, ' ')).toBe(
      'Votre revenu fiscal de référence (41 000 €) dépasse le plafond PLS 2026 de ce logement pour votre foyer (30 424 €). C’est une information, pas un refus : le bailleur examinera votre situation et décidera.',
    );
    expect(ceilingSentenceForTenant({ status: 'not_configured' })).toBeNull();
  });

  it('tells the lessor the figures and the category', () => {
    expect(ceilingLabelForLessor(above).replace(/\s/g, ' ')).toBe(
      '41 000 € : au-dessus du plafond PLS 2026 (30 424 €, ménage de catégorie 1)',
    );
  });
});
