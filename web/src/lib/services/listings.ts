/**
 * Listings and the lessors' verification queue (docs/api.md "Listings"). Types are the API's
 * (`$shared/schemas/listing`, `listing-views`), imported as types only so pages without a form
 * do not bundle zod.
 */
import { api, type Page } from '$lib/api';
import type {
  ListingInput,
  OnBehalfOf,
  VerificationBody,
  VerificationStatus,
} from '$shared/schemas/listing';
import type { ListingView } from '$shared/schemas/listing-views';
import type { RenewalResultBody } from '$shared/schemas/listing-renewal';

export const myListings = () => api.get<ListingView[]>('/listings/mine');
export const managedListings = () => api.get<ListingView[]>('/listings/managed');
export const getListing = (id: string) =>
  api.get<ListingView>(`/listings/${encodeURIComponent(id)}`);

export const createListing = (input: ListingInput, onBehalfOf?: OnBehalfOf) =>
  api.post<ListingView>('/listings', onBehalfOf ? { ...input, onBehalfOf } : input);

export const updateListing = (id: string, input: ListingInput) =>
  api.patch<ListingView>(`/listings/${encodeURIComponent(id)}`, input);

export type ListingTransition = 'publish' | 'withdraw' | 'renew';
export const changeListingStatus = (id: string, transition: ListingTransition) =>
  api.post<ListingView>(`/listings/${encodeURIComponent(id)}/${transition}`);

export type RenewalResult = RenewalResultBody;
/** The one-click renewal of an expiry mail's link: public, the token is the proof. */
export const renewByLink = (token: string) =>
  api.post<RenewalResult>('/listings/renew-by-link', { token });

/** Small pages: an agent treats a few at a time, and a phone shows them quickly. */
export const QUEUE_PAGE_SIZE = 20;

export function verificationQueue(query: {
  verification: VerificationStatus;
  lessorId?: string;
  cursor?: string;
}) {
  const params = new URLSearchParams({
    verification: query.verification,
    limit: String(QUEUE_PAGE_SIZE),
  });
  if (query.lessorId) params.set('lessorId', query.lessorId);
  if (query.cursor) params.set('cursor', query.cursor);
  return api.get<Page<ListingView>>(`/lessor/listings?${params}`);
}

/**
 * The rent and charges the household moving in would pay, stated when verifying: the screen
 * always states both, prefilled with today's.
 */
export type NextRent = Required<Pick<VerificationBody, 'nextRent' | 'nextCharges'>>;

export const recordVerification = (
  id: string,
  verified: boolean,
  reason?: string,
  next?: NextRent,
) =>
  api.post<ListingView>(
    `/listings/${encodeURIComponent(id)}/verification`,
    verified ? { verified, ...next } : { verified, reason },
  );

/** The tenant (or Armos) ends the reception agent's delegation over the listing. */
export const endAssistance = (id: string) =>
  api.delete<void>(`/listings/${encodeURIComponent(id)}/assistance`);
