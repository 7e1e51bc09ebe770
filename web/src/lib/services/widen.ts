/**
 * "Ce qui élargirait vos propositions": applies one change the summary suggests to the listing's
 * wishes, through the ordinary listing edit (PATCH /api/listings/{id}).
 */
import { api } from '$lib/api';
import { applyWidening, type WidenChange } from '$shared/matching/widen-change';
import type { ListingView } from '$shared/schemas/listing-views';
import type { WidenView } from '$shared/schemas/match';
import type { Reference } from './reference';

export type { WidenView };

export async function applyWideningTo(
  listing: ListingView,
  widening: WidenView,
  reference: Reference,
): Promise<ListingView> {
  const communeOf = new Map(reference.quartiers.map((q) => [q.id, q.communeCode]));
  const wishes = applyWidening(listing.wishes, widening.change as WidenChange, (id) =>
    communeOf.get(id),
  );
  return api.patch<ListingView>(`/listings/${encodeURIComponent(listing.id)}`, { wishes });
}
