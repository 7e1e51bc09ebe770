/** Valid request bodies, overridable field by field. */
import type { ListingInput } from '../../shared/schemas/listing';

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

export function listingInput(overrides: DeepPartial<ListingInput> = {}): ListingInput {
  const base: ListingInput = {
    dwelling: {
      lessorId: 'SIDR',
      tenancyRef: 'BAIL-2021-0042',
      dwellingRef: 'LGT-1234',
      communeCode: '97411',
      quartierId: '97411-le-chaudron',
      typology: 'T3',
      surface: 65,
      rent: 480,
      charges: 60,
      floor: 2,
      lift: false,
      accessible: false,
      financing: 'LLS',
      features: ['balcony'],
    },
    household: { adults: 2, children: 1, income: 21000 },
    motive: 'over_occupation',
    wishes: {
      communes: ['97411'],
      quartiers: [],
      typologies: ['T4'],
      maxTotalRent: 700,
      needs: {},
      features: [],
    },
  };
  return {
    ...base,
    ...overrides,
    dwelling: { ...base.dwelling, ...overrides.dwelling },
    household: { ...base.household, ...overrides.household },
    wishes: {
      ...base.wishes,
      ...overrides.wishes,
      needs: { ...base.wishes.needs, ...overrides.wishes?.needs },
    },
  } as ListingInput;
}
