/**
 * What a lessor sees when reviewing a household that would move into one of its dwellings:
 * occupants against rooms and surface, the under-occupation flag (shown, never a blocker), the
 * declared income, and the income-ceiling pre-check — only when a ceiling table for the year is
 * configured; never assumed.
 */
import { roomsOf, type Financing } from '../reference/index';
import { isUnderOccupied, occupancyMinSurface, occupantsOf } from '../matching/occupancy';
import type { Dwelling, Household } from '../schemas/listing';

/** Annual taxable income ceilings of one year, by financing, indexed by occupants − 1 (last value for more). */
export interface IncomeCeilingTable {
  year: number;
  ceilings: Partial<Record<Financing, number[]>>;
}

export type CeilingCheck =
  | { status: 'not_configured' }
  | { status: 'income_unknown'; year: number }
  | { status: 'below' | 'above'; year: number; ceiling: number; income: number };

export interface ReviewInfo {
  adults: number;
  children: number;
  occupants: number;
  rooms: number;
  surface: number;
  /** Minimum surface for the household under the occupancy norm. */
  minSurface: number;
  overOccupied: boolean;
  underOccupied: boolean;
  /** The household's declared annual taxable income, when given. */
  declaredIncome?: number;
  ceilingCheck: CeilingCheck;
}

export function ceilingCheck(
  income: number | undefined,
  financing: Financing,
  occupants: number,
  table?: IncomeCeilingTable,
): CeilingCheck {
  const row = table?.ceilings[financing];
  if (!table || !row || row.length === 0) return { status: 'not_configured' };
  if (income === undefined) return { status: 'income_unknown', year: table.year };
  const ceiling = row[Math.min(Math.max(occupants, 1), row.length) - 1]!;
  return { status: income <= ceiling ? 'below' : 'above', year: table.year, ceiling, income };
}

export function reviewInfo(
  household: Pick<Household, 'adults' | 'children' | 'income'>,
  dwelling: Pick<Dwelling, 'typology' | 'surface' | 'financing'>,
  ceilings?: IncomeCeilingTable,
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
    ceilingCheck: ceilingCheck(household.income, dwelling.financing, occupants, ceilings),
  };
}
