/**
 * What the listing form holds while the tenant types: text for numbers (so "12,5" or an empty
 * field can be shown back as typed), `null` for a yes/no not answered yet. `inputFromDraft` turns
 * it into the API's body; the zod schema then says what is missing, in French.
 */
import type { ListingInput } from '$shared/schemas/listing';
import type { ListingView } from '$shared/schemas/listing-views';
import type { Quartier } from '$shared/reference/index';

export interface ListingDraft {
  dwelling: {
    lessorId: string;
    tenancyRef: string;
    dwellingRef: string;
    communeCode: string;
    quartierId: string;
    typology: string;
    surface: string;
    rent: string;
    charges: string;
    floor: string;
    lift: boolean | null;
    accessible: boolean | null;
    financing: string;
    features: string[];
  };
  household: { adults: string; children: string; income: string };
  motive: string;
  wishes: {
    communes: string[];
    quartiers: string[];
    typologies: string[];
    maxTotalRent: string;
    minSurface: string;
    needs: { accessible: boolean; liftOrGroundFloor: boolean; maxFloor: string };
    features: string[];
  };
}

export interface TenantDraft {
  name: string;
  phone: string;
  email: string;
  consent: boolean;
}

export function emptyDraft(): ListingDraft {
  return {
    dwelling: {
      lessorId: '',
      tenancyRef: '',
      dwellingRef: '',
      communeCode: '',
      quartierId: '',
      typology: '',
      surface: '',
      rent: '',
      charges: '',
      floor: '',
      lift: null,
      accessible: null,
      financing: '',
      features: [],
    },
    household: { adults: '1', children: '0', income: '' },
    motive: '',
    wishes: {
      communes: [],
      quartiers: [],
      typologies: [],
      maxTotalRent: '',
      minSurface: '',
      needs: { accessible: false, liftOrGroundFloor: false, maxFloor: '' },
      features: [],
    },
  };
}

const text = (value: number | undefined) =>
  value === undefined ? '' : String(value).replace('.', ',');

export function draftFromListing(listing: ListingInput | ListingView): ListingDraft {
  const { dwelling, household, wishes } = listing;
  return {
    dwelling: {
      ...dwelling,
      surface: text(dwelling.surface),
      rent: text(dwelling.rent),
      charges: text(dwelling.charges),
      floor: text(dwelling.floor),
      features: [...dwelling.features],
    },
    household: {
      adults: text(household.adults),
      children: text(household.children),
      income: text(household.income),
    },
    motive: listing.motive,
    wishes: {
      communes: [...wishes.communes],
      quartiers: [...wishes.quartiers],
      typologies: [...wishes.typologies],
      maxTotalRent: text(wishes.maxTotalRent),
      minSurface: text(wishes.minSurface),
      needs: {
        accessible: wishes.needs.accessible ?? false,
        liftOrGroundFloor: wishes.needs.liftOrGroundFloor ?? false,
        maxFloor: text(wishes.needs.maxFloor),
      },
      features: [...wishes.features],
    },
  };
}

/** "12,5" → 12.5, "1 200" → 1200, "" → undefined (then zod says the field is required), "abc" → NaN. */
export function parseNumber(value: string): number | undefined {
  const cleaned = value.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return cleaned === '' ? undefined : Number(cleaned);
}

/** The API body. Wished quartiers of a commune no longer wished are dropped rather than refused. */
export function inputFromDraft(draft: ListingDraft, quartiers: Quartier[]): ListingInput {
  const { dwelling, household, wishes } = draft;
  const communeOf = new Map(quartiers.map((quartier) => [quartier.id, quartier.communeCode]));
  const optional = <K extends string>(key: K, value: string) => {
    const parsed = parseNumber(value);
    return parsed === undefined ? {} : ({ [key]: parsed } as Record<K, number>);
  };
  return {
    dwelling: {
      ...dwelling,
      surface: parseNumber(dwelling.surface),
      rent: parseNumber(dwelling.rent),
      charges: parseNumber(dwelling.charges),
      floor: parseNumber(dwelling.floor),
      lift: dwelling.lift ?? undefined,
      accessible: dwelling.accessible ?? undefined,
    },
    household: {
      adults: parseNumber(household.adults),
      children: parseNumber(household.children),
      ...optional('income', household.income),
    },
    motive: draft.motive,
    wishes: {
      communes: wishes.communes,
      quartiers: wishes.quartiers.filter((id) => wishes.communes.includes(communeOf.get(id) ?? '')),
      typologies: wishes.typologies,
      ...optional('maxTotalRent', wishes.maxTotalRent),
      ...optional('minSurface', wishes.minSurface),
      needs: {
        ...(wishes.needs.accessible ? { accessible: true } : {}),
        ...(wishes.needs.liftOrGroundFloor ? { liftOrGroundFloor: true } : {}),
        ...optional('maxFloor', wishes.needs.maxFloor),
      },
      features: wishes.features,
    },
    // Unanswered fields are `undefined` here on purpose: the schema names them in its errors.
  } as unknown as ListingInput;
}

export function onBehalfOfFromDraft(tenant: TenantDraft) {
  return {
    name: tenant.name.trim(),
    ...(tenant.phone.trim() ? { phone: tenant.phone.trim() } : {}),
    ...(tenant.email.trim() ? { email: tenant.email.trim() } : {}),
    consent: tenant.consent as true,
  };
}
