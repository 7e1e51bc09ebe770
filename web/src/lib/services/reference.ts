/**
 * Reference data (GET /api/ref). Armos can edit it, so it is read from the API rather than from
 * the seed files; one request per visit is enough (it changes a few times a year).
 */
import { api } from '$lib/api';
import type { ReceptionPoint } from '$shared/reference/index';
import type { ReferenceView } from '$shared/schemas/common';

export type Reference = ReferenceView;

let cached: Promise<Reference> | undefined;

/** After Armos edits reference data, the next read goes to the API again. */
export function forgetReference(): void {
  cached = undefined;
}

/** Armos adds or edits a reception point (PUT /api/admin/reception-points/{id}); the next read of reference data sees it. */
export async function saveReceptionPoint(
  id: string,
  point: Omit<ReceptionPoint, 'id'>,
): Promise<ReceptionPoint> {
  const saved = await api.put<ReceptionPoint>(
    `/admin/reception-points/${encodeURIComponent(id)}`,
    point,
  );
  forgetReference();
  return saved;
}

/** Armos withdraws a reception point (DELETE /api/admin/reception-points/{id}). */
export async function removeReceptionPoint(id: string): Promise<void> {
  await api.delete(`/admin/reception-points/${encodeURIComponent(id)}`);
  forgetReference();
}

export function getReference(): Promise<Reference> {
  cached ??= api.get<Reference>('/ref').catch((error: unknown) => {
    cached = undefined; // let the next page try again after a network failure
    throw error;
  });
  return cached;
}

/** Name lookups for display; an unknown id shows as itself rather than disappearing. */
export function namesOf(reference: Reference) {
  const byId = <T>(items: T[], key: (item: T) => string, label: (item: T) => string) => {
    const map = new Map(items.map((item) => [key(item), label(item)]));
    return (id: string) => map.get(id) ?? id;
  };
  return {
    commune: byId(
      reference.communes,
      (c) => c.code,
      (c) => c.name,
    ),
    quartier: byId(
      reference.quartiers,
      (q) => q.id,
      (q) => q.name,
    ),
    lessor: byId(
      reference.lessors,
      (l) => l.id,
      (l) => l.name,
    ),
    motive: byId(
      reference.motives,
      (m) => m.id,
      (m) => m.label,
    ),
  };
}

export type ReferenceNames = ReturnType<typeof namesOf>;
