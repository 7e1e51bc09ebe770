import { roomsOf } from '../reference/index';
import type { Dwelling, Household } from '../schemas/listing';

/** Surfaces from the occupancy norm: 9 m² alone, 16 m² for two, +9 m² per extra occupant. */
const SURFACE_ALONE = 9;
const SURFACE_COUPLE = 16;
const SURFACE_PER_EXTRA = 9;
const SURFACE_CAP = 70;

export function occupantsOf(household: Pick<Household, 'adults' | 'children'>): number {
  return household.adults + household.children;
}

/** Minimum surface a household of `occupants` needs; capped at 70 m² from 8 occupants on. */
export function occupancyMinSurface(occupants: number): number {
  if (occupants <= 1) return SURFACE_ALONE;
  return Math.min(SURFACE_COUPLE + (occupants - 2) * SURFACE_PER_EXTRA, SURFACE_CAP);
}

export function isOverOccupied(
  household: Pick<Household, 'adults' | 'children'>,
  dwelling: Pick<Dwelling, 'surface'>,
): boolean {
  return dwelling.surface < occupancyMinSurface(occupantsOf(household));
}

/** Under-occupation is shown to lessors, never a blocker: more rooms than occupants + 1. */
export function isUnderOccupied(
  household: Pick<Household, 'adults' | 'children'>,
  dwelling: Pick<Dwelling, 'typology'>,
): boolean {
  return roomsOf(dwelling.typology) > occupantsOf(household) + 1;
}
