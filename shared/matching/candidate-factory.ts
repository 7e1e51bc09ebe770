/** Builds candidates for tests: a plain T3 in Saint-Denis wanting a T3/T4 there, overridable. */
import type { Dwelling, Household, Wishes } from '../schemas/listing';
import type { MatchCandidate } from './types';

export interface CandidateOverrides {
  id?: string;
  ownerId?: string;
  dwelling?: Partial<Dwelling>;
  household?: Partial<Household>;
  wishes?: Partial<Wishes>;
}

export function makeCandidate(overrides: CandidateOverrides = {}): MatchCandidate {
  const id = overrides.id ?? 'L1';
  return {
    id,
    ownerId: overrides.ownerId ?? `owner-${id}`,
    dwelling: {
      lessorId: 'SHLMR',
      tenancyRef: `BAIL-${id}`,
      dwellingRef: `LGT-${id}`,
      communeCode: '97411',
      quartierId: '97411-sainte-clotilde',
      typology: 'T3',
      surface: 65,
      rent: 450,
      charges: 60,
      floor: 1,
      lift: false,
      accessible: false,
      financing: 'LLS',
      features: [],
      ...overrides.dwelling,
    },
    household: { adults: 2, children: 1, ...overrides.household },
    wishes: {
      communes: ['97411'],
      quartiers: [],
      typologies: ['T3', 'T4'],
      needs: {},
      features: [],
      ...overrides.wishes,
    },
  };
}
