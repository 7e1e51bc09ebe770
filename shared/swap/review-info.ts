/**
 * What a lessor sees when reviewing a household that would move into one of its dwellings:
 * occupants against rooms and surface, the under-occupation flag (shown, never a blocker), the
 * declared income, and the income-ceiling pre-check — only when a ceiling table for the year is
 * configured; never assumed.
 */
import { roomsOf, type Financing } from '../reference/index';
import { isUnderOccupied, occupancyMinSurface, occupantsOf } from '../matching/occupancy';
import type { Dwelling, Household } from '../schemas/listing';
import type { CeilingCheck, ReviewInfo } from '../schemas/swap';
import { HOUSEHOLD_CATEGORIES, type IncomeCeilingYear } from '../schemas/income-ceilings';

export type { CeilingCheck, ReviewInfo };

/**
 * The household category of the regulations (1 to 6, and the persons beyond 6): a single adult
 * with dependants counts one category more than its size. The "jeune ménage" and disability
 * rules need ages and cards the platform does not hold: the check is information, never a decision.
 */
export function householdCategory(household: Pick<Household, 'adults' | 'children'>): {
  category: number;
  extraPersons: number;
} {
  const size =
    household.adults === 1 && household.children > 0
      ? household.children + 2
      : household.adults + household.children;
  const equivalent = Math.max(size, 1);
  return {
    category: Math.min(equivalent, HOUSEHOLD_CATEGORIES),
    extraPersons: Math.max(equivalent - HOUSEHOLD_CATEGORIES, 0),
  };
}

/** The ceiling of `financing` for this household in `table`, when the table has that financing. */
export function ceilingFor(
  table: IncomeCeilingYear | undefined,
  financing: Financing,
  household: Pick<Household, 'adults' | 'children'>,
): { ceiling: number; category: number } | undefined {
  const row = table?.financings[financing];
  if (!row) return undefined;
  const { category, extraPersons } = householdCategory(household);
  return {
    ceiling: row.categories[category - 1]! + extraPersons * row.extraPerson,
    category,
  };
}

/** The table of `year` among those Armos keeps: only that year's, never another one assumed. */
export function ceilingTableOf(
  tables: readonly IncomeCeilingYear[] | undefined,
  year: number,
): IncomeCeilingYear | undefined {
  return tables?.find((table) => table.year === year);
}

export function ceilingCheck(
  household: Pick<Household, 'adults' | 'children' | 'income'>,
  financing: Financing,
  table?: IncomeCeilingYear,
): CeilingCheck {
  const found = ceilingFor(table, financing, household);
  if (!table || !found) return { status: 'not_configured' };
  const income = household.income;
  if (income === undefined) return { status: 'income_unknown', year: table.year };
  return {
    status: income <= found.ceiling ? 'below' : 'above',
    year: table.year,
    ceiling: found.ceiling,
    income,
    financing,
    category: found.category,
  };
}

export function reviewInfo(
  household: Pick<Household, 'adults' | 'children' | 'income'>,
  dwelling: Pick<Dwelling, 'typology' | 'surface' | 'financing'>,
  ceilings?: IncomeCeilingYear,
): ReviewInfo {
  const occupants = occupantsOf(household);
  const minSurface = occupancyMinSurface(occupants);
  return {
    adults: household.adults,
    children: household.children,
    occupants,
    rooms: roomsOf(dwelling.typology),
    surface: dwelling.surface,
    minSurface,
    overOccupied: dwelling.surface < minSurface,
    underOccupied: isUnderOccupied(household, dwelling),
    ...(household.income !== undefined ? { declaredIncome: household.income } : {}),
    ceilingCheck: ceilingCheck(household, dwelling.financing, ceilings),
  };
}
