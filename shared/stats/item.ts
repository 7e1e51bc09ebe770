/** Types of statistics facts, and defensive readers of stored items (a missing field drops a fact). */
import type { Typology } from '../reference/index';
import { TYPOLOGIES } from '../reference/index';
import { scopes } from './scopes';

export type FactType =
  | 'listing_published'
  | 'listing_wishes'
  | 'listing_left'
  | 'match_found'
  | 'visit_without_follow_up'
  | 'swap_requested'
  | 'swap_decided'
  | 'review_refused'
  | 'swap_cancelled_after_approval'
  | 'swap_completed';

/** One counter change: [scope, counter, amount]. */
export type Count = readonly [scope: string, counter: string, amount: number];

export interface Fact {
  type: FactType;
  month: string;
  counts: Count[];
}

/** What statistics need of a listing named by a match or a swap: its dwelling and household. */
export interface ListingFacts {
  id: string;
  communeCode: string;
  quartierId: string;
  typology: Typology;
  surface: number;
  adults: number;
  children: number;
  publishedAt?: string;
}

export type ListingLookup = (listingId: string) => ListingFacts | undefined;
export type Item = Record<string, unknown>;

/** Codes only (motives, refusal reasons): free text could carry personal data, so it never becomes a counter. */
export const code = (value: unknown, fallback: string) =>
  typeof value === 'string' && /^[a-z0-9_-]{1,40}$/i.test(value) ? value : fallback;
export const str = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value : undefined;
export const obj = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Item) : undefined;
export const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
export const strings = (value: unknown) => [
  ...new Set(
    list(value)
      .map(str)
      .filter((s): s is string => s !== undefined),
  ),
];
export const isTypology = (value: unknown): value is Typology =>
  TYPOLOGIES.includes(value as Typology);

export function homeScopes(listing: Pick<ListingFacts, 'communeCode' | 'quartierId'>): string[] {
  return [scopes.quartier(listing.quartierId), scopes.commune(listing.communeCode), scopes.cinor()];
}

/** The distinct quartiers and communes of the listings named, and the CINOR total. */
export function scopesOfListings(ids: string[], lookup: ListingLookup): string[] {
  const found = new Set<string>([scopes.cinor()]);
  for (const id of ids) {
    const listing = lookup(id);
    if (listing) homeScopes(listing).forEach((s) => found.add(s));
  }
  return [...found].sort();
}

/** The statistics-relevant part of a listing item, or undefined if it lacks a dwelling. */
export function listingFactsOf(item: Item): ListingFacts | undefined {
  const dwelling = obj(item.dwelling);
  const household = obj(item.household);
  const id = str(item.id);
  if (
    !id ||
    !dwelling ||
    !str(dwelling.communeCode) ||
    !str(dwelling.quartierId) ||
    !isTypology(dwelling.typology)
  )
    return undefined;
  return {
    id,
    communeCode: String(dwelling.communeCode),
    quartierId: String(dwelling.quartierId),
    typology: dwelling.typology,
    surface: Number(dwelling.surface ?? 0),
    adults: Number(household?.adults ?? 1),
    children: Number(household?.children ?? 0),
    ...(str(item.publishedAt) ? { publishedAt: String(item.publishedAt) } : {}),
  };
}
