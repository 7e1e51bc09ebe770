/** Small dense markets of listings and vacancies, and changes to them, for the chains' property tests. */
import fc from 'fast-check';
import { makeCandidate } from './candidate-factory';
import type { VacancyCandidate } from './chains';
import type { MatchCandidate } from './types';

const QUARTIERS = ['97411-a', '97411-b', '97418-a'];
const typology = fc.constantFrom('T2' as const, 'T3' as const, 'T4' as const);

export const listingArb = fc.record({
  owner: fc.integer({ min: 0, max: 12 }),
  quartier: fc.constantFrom(...QUARTIERS),
  typology,
  surface: fc.integer({ min: 20, max: 90 }),
  total: fc.integer({ min: 300, max: 700 }),
  wantsTypologies: fc.uniqueArray(typology, { minLength: 1, maxLength: 3 }),
  wantsBoth: fc.boolean(),
  maxTotalRent: fc.option(fc.integer({ min: 450, max: 800 }), { nil: undefined, freq: 2 }),
  occupants: fc.integer({ min: 1, max: 5 }),
  needsAccessible: fc.boolean(),
});

export const vacancyArb = fc.record({
  quartier: fc.constantFrom(...QUARTIERS),
  typology,
  surface: fc.integer({ min: 20, max: 90 }),
  total: fc.integer({ min: 300, max: 700 }),
  accessible: fc.boolean(),
  overOccupiedOnly: fc.boolean(),
  accessibleNeedsFirst: fc.boolean(),
});

export type ListingDraw = typeof listingArb extends fc.Arbitrary<infer T> ? T : never;
export type VacancyDraw = typeof vacancyArb extends fc.Arbitrary<infer T> ? T : never;

export function listingOf(id: string, r: ListingDraw): MatchCandidate {
  return makeCandidate({
    id,
    ownerId: `u${r.owner}`,
    dwelling: {
      communeCode: r.quartier.slice(0, 5),
      quartierId: r.quartier,
      typology: r.typology,
      surface: r.surface,
      rent: r.total - 50,
      charges: 50,
      accessible: r.needsAccessible && r.surface > 50,
    },
    household: { adults: 1, children: r.occupants - 1 },
    wishes: {
      communes: r.wantsBoth ? ['97411', '97418'] : [r.quartier.slice(0, 5)],
      typologies: r.wantsTypologies,
      maxTotalRent: r.maxTotalRent,
      needs: r.needsAccessible ? { accessible: true } : {},
    },
  });
}

export function vacancyOf(id: string, r: VacancyDraw): VacancyCandidate {
  const { dwelling } = makeCandidate({
    dwelling: {
      communeCode: r.quartier.slice(0, 5),
      quartierId: r.quartier,
      typology: r.typology,
      surface: r.surface,
      rent: r.total - 50,
      charges: 50,
      accessible: r.accessible,
      lessorId: 'SIDR',
    },
  });
  const { tenancyRef: _tenancy, ...vacant } = dwelling;
  return {
    id,
    dwelling: vacant,
    priority: {
      overOccupiedOnly: r.overOccupiedOnly,
      accessibleNeedsFirst: r.accessibleNeedsFirst,
    },
  };
}

export type Step =
  | { on: 'listing'; remove: boolean; target: number; make: ListingDraw }
  | { on: 'vacancy'; remove: boolean; target: number; make: VacancyDraw };

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    on: fc.constant('listing' as const),
    remove: fc.boolean(),
    target: fc.nat(),
    make: listingArb,
  }),
  fc.record({
    on: fc.constant('vacancy' as const),
    remove: fc.boolean(),
    target: fc.nat(),
    make: vacancyArb,
  }),
);
