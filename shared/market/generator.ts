/**
 * Seeded synthetic market calibrated on CINOR (shared/reference/SOURCES.md), for tests, benchmarks
 * and the demo database. Pure: the same options always give the same listings.
 */
import type { Feature, Financing, Typology } from '../reference/index';
import { TYPOLOGIES, roomsOf, seedReferenceData } from '../reference/index';
import type { Dwelling, Household, ListingInput, Wishes } from '../schemas/listing';
import type { Random } from './prng';
import { createRandom } from './prng';
import type { MarketRegion } from './regions';
import { cinorRegion, region100 } from './regions';

export type MarketDensity = 'broad' | 'narrow';

export interface MarketOptions {
  size: number;
  seed: number;
  /** 'broad': any quartier of one's communes, two typologies; 'narrow': 1–2 quartiers, one typology. */
  density: MarketDensity;
  region: 'cinor' | 'region100';
  /** Share of `size` posted as vacant dwellings by their lessors (0 unless set); the listings stay the same. */
  vacancyShare?: number;
}

/** A vacant dwelling a lessor posts for mutation: a listing's dwelling without tenancy, and its priority. */
export interface GeneratedVacancy {
  id: string;
  dwelling: Omit<Dwelling, 'tenancyRef'>;
  priority: { overOccupiedOnly?: boolean; accessibleNeedsFirst?: boolean };
}

export interface GeneratedListing extends ListingInput {
  id: string;
  ownerId: string;
}

export interface GeneratedMarket {
  listings: GeneratedListing[];
  vacancies: GeneratedVacancy[];
  communes: MarketRegion['communes'];
  quartiers: MarketRegion['quartiers'];
}

const TYPOLOGY_MIX: readonly (readonly [Typology, number])[] = [
  ['T1', 6],
  ['T2', 21],
  ['T3', 38],
  ['T4', 27],
  ['T5', 6],
  ['T6', 2],
];
const SURFACE_BY_ROOMS = [0, 30, 47, 66, 80, 95, 110];
const FINANCING_MIX: readonly (readonly [Financing, number])[] = [
  ['LLS', 60],
  ['LLTS', 25],
  ['PLS', 12],
  ['PLI', 3],
];
const RENT_PER_M2: Record<Financing, number> = { LLTS: 6.0, LLS: 6.5, PLS: 8.5, PLI: 10 };
/** Berlin's exchange portal: four upsizing wishes for one downsizing; some move sideways. */
const DIRECTION_MIX = [
  ['bigger', 4],
  ['same', 1.5],
  ['smaller', 1],
] as const;
type Direction = (typeof DIRECTION_MIX)[number][0];

const typologyOfRooms = (rooms: number): Typology =>
  TYPOLOGIES[Math.min(6, Math.max(1, rooms)) - 1] as Typology;
const euros = (value: number) => Math.round(value);

function generateDwelling(
  random: Random,
  region: MarketRegion,
  index: number,
  seed: number,
): Dwelling {
  const communeCode = random.weighted([...region.weights]);
  const typology = random.weighted(TYPOLOGY_MIX);
  const surface = Math.round(
    Math.max(18, random.around(SURFACE_BY_ROOMS[roomsOf(typology)] as number, 8)),
  );
  const financing = random.weighted(FINANCING_MIX);
  const floor = random.weighted([
    [0, 3],
    [1, 3],
    [2, 3],
    [3, 2],
    [4, 2],
    [5, 1],
    [6, 1],
    [8, 0.5],
  ] as const);
  const features: Feature[] = [];
  if (random.chance(0.55)) features.push('balcony');
  if (random.chance(floor === 0 ? 0.3 : 0.03)) features.push('garden');
  if (random.chance(0.45)) features.push('parking');
  return {
    lessorId: random.pick(seedReferenceData.lessors).id,
    tenancyRef: `BAIL-${seed}-${index}`,
    dwellingRef: `LGT-${seed}-${index}`,
    communeCode,
    quartierId: random.pick(region.quartiersOf.get(communeCode) ?? []),
    typology,
    surface,
    rent: euros(surface * RENT_PER_M2[financing] * random.around(1, 0.1)),
    charges: euros(surface * (0.5 + random.next() * 0.7)),
    floor,
    lift: floor >= 4 ? random.chance(0.8) : random.chance(0.15),
    accessible: random.chance(floor === 0 ? 0.2 : 0.05),
    financing,
    features,
  };
}

function generateHousehold(random: Random, rooms: number): Household {
  const occupants = Math.max(
    1,
    rooms +
      random.weighted([
        [-2, 2],
        [-1, 4],
        [0, 3],
        [1, 2],
        [2, 0.5],
      ] as const),
  );
  const adults = occupants === 1 ? 1 : random.chance(0.7) ? 2 : 1;
  return { adults, children: occupants - adults, income: euros(random.around(18_000, 8_000)) };
}

function directionOf(random: Random, rooms: number, household: Household): Direction {
  const occupants = household.adults + household.children;
  if (rooms > occupants + 1 && random.chance(0.6)) return 'smaller';
  if (occupants > rooms) return 'bigger';
  return random.weighted(DIRECTION_MIX);
}

function wishedTypologies(
  random: Random,
  rooms: number,
  direction: Direction,
  density: MarketDensity,
  household: Household,
): Typology[] {
  const target = direction === 'bigger' ? rooms + 1 : direction === 'smaller' ? rooms - 1 : rooms;
  const span = density === 'narrow' || random.chance(0.4) ? [target] : [target, target + 1];
  const min = household.children > 0 ? 3 : 1; // households with children want a T3 or more
  const rooms_ = [...new Set(span.map((r) => Math.min(6, Math.max(min, r))))];
  return rooms_.map(typologyOfRooms);
}

function wishedPlaces(
  random: Random,
  region: MarketRegion,
  home: Dwelling,
  density: MarketDensity,
): Pick<Wishes, 'communes' | 'quartiers'> {
  const neighbours = region.neighbours.get(home.communeCode) ?? [];
  if (density === 'narrow') {
    const commune = random.chance(0.8) ? home.communeCode : random.pick(neighbours);
    const choices = region.quartiersOf.get(commune) ?? [];
    const quartiers = [
      ...new Set([random.pick(choices), random.pick(choices)].slice(0, random.int(1, 2))),
    ];
    return { communes: [commune], quartiers };
  }
  const communes = [home.communeCode, ...neighbours.filter(() => random.chance(0.1))];
  return { communes, quartiers: [] };
}

function generateWishes(
  random: Random,
  region: MarketRegion,
  home: Dwelling,
  household: Household,
  direction: Direction,
  density: MarketDensity,
): Wishes {
  const rooms = roomsOf(home.typology);
  const total = home.rent + home.charges;
  const ceilingFactor =
    direction === 'bigger'
      ? random.around(1.15, 0.15)
      : direction === 'same'
        ? random.around(1.1, 0.1)
        : random.around(0.95, 0.1);
  return {
    ...wishedPlaces(random, region, home, density),
    typologies: wishedTypologies(random, rooms, direction, density, household),
    maxTotalRent: random.chance(0.8) ? euros(total * ceilingFactor) : undefined,
    minSurface: direction === 'bigger' && random.chance(0.3) ? home.surface : undefined,
    needs: {
      accessible: random.chance(0.05) ? true : undefined,
      liftOrGroundFloor: random.chance(0.08) ? true : undefined,
      maxFloor: random.chance(0.05) ? 2 : undefined,
    },
    features: random.chance(0.3) ? [random.pick(['balcony', 'garden', 'parking'] as const)] : [],
  };
}

function motiveOf(
  random: Random,
  direction: Direction,
  household: Household,
  home: Dwelling,
): string {
  if (direction === 'smaller') return random.chance(0.6) ? 'under_occupation' : 'rent_too_high';
  if (direction === 'bigger' && household.adults + household.children > roomsOf(home.typology))
    return 'over_occupation';
  return random.weighted([
    ['family_change', 3],
    ['work', 2],
    ['neighbourhood', 3],
    ['closer_to_family_services', 2],
    ['health_disability', 1],
    ['other', 1],
  ] as const);
}

/** Drops the optional fields left undefined, so the output equals what the zod schema would parse. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function generateMarket(options: MarketOptions): GeneratedMarket {
  const random = createRandom(options.seed);
  const region = options.region === 'cinor' ? cinorRegion() : region100();
  const width = String(options.size).length;
  const listings: GeneratedListing[] = [];
  for (let i = 0; i < options.size; i++) {
    const dwelling = generateDwelling(random, region, i, options.seed);
    const household = generateHousehold(random, roomsOf(dwelling.typology));
    const direction = directionOf(random, roomsOf(dwelling.typology), household);
    const wishes = generateWishes(random, region, dwelling, household, direction, options.density);
    listings.push({
      id: `L${String(i).padStart(width, '0')}`,
      ownerId: `U${String(i).padStart(width, '0')}`,
      dwelling,
      household,
      motive: motiveOf(random, direction, household, dwelling),
      wishes: { ...withoutUndefined(wishes), needs: withoutUndefined(wishes.needs) },
    });
  }
  return {
    listings,
    vacancies: generateVacancies(options, region),
    communes: region.communes,
    quartiers: region.quartiers,
  };
}

/** Vacant dwellings follow the market's typology and commune mix; a quarter ask for an over-occupied household first. */
const OVER_OCCUPIED_ONLY_SHARE = 0.25;
/** Of the accessible vacancies, the share kept first for households needing accessibility. */
const ACCESSIBLE_NEEDS_FIRST_SHARE = 0.5;

/** From a stream of its own, so that a market with vacancies has the very listings of one without. */
function generateVacancies(options: MarketOptions, region: MarketRegion): GeneratedVacancy[] {
  const count = Math.round((options.vacancyShare ?? 0) * options.size);
  const random = createRandom((options.seed ^ 0x5f3759df) >>> 0);
  const width = String(Math.max(1, count)).length;
  return Array.from({ length: count }, (_, i) => {
    const { tenancyRef: _tenancy, ...dwelling } = generateDwelling(random, region, i, options.seed);
    const priority = {
      overOccupiedOnly: random.chance(OVER_OCCUPIED_ONLY_SHARE) ? true : undefined,
      accessibleNeedsFirst:
        dwelling.accessible && random.chance(ACCESSIBLE_NEEDS_FIRST_SHARE) ? true : undefined,
    };
    return {
      id: `V${String(i).padStart(width, '0')}`,
      dwelling: { ...dwelling, dwellingRef: `VAC-${options.seed}-${i}` },
      priority: withoutUndefined(priority),
    };
  });
}
