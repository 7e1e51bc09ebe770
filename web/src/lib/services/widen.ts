/**
 * "Ce qui élargirait vos propositions": applies one change the summary suggests to the listing's
 * wishes, through the ordinary listing edit (PATCH /api/listings/{id}).
 */
import { api } from '$lib/api';
import { applyWidening, type WidenChange } from '$shared/matching/widen-change';
import type { Listing } from '$shared/schemas/listing';
import type { WidenView } from '$shared/schemas/match';
import type { Reference } from './reference';

export type { WidenView };

export async function applyWideningTo(
  listing: Listing,
  widening: WidenView,
  reference: Reference,
): Promise<Listing> {
  const communeOf = new Map(reference.quartiers.map((q) => [q.id, q.communeCode]));
  const wishes = applyWidening(listing.wishes, widening.change as WidenChange, (id) =>
    communeOf.get(id),
  );
  return api.patch<Listing>(`/listings/${encodeURIComponent(listing.id)}`, { wishes });
}
