import type { z } from 'zod';
import type { Listing } from '../schemas/listing';
import type { explanationSchema } from '../schemas/match';

/** What the engine needs of a listing. Callers pass only active listings (published, not engaged). */
export type MatchCandidate = Pick<
  Listing,
  'id' | 'ownerId' | 'dwelling' | 'household' | 'wishes' | 'nextRent' | 'nextCharges'
>;

export type CycleKind = '2-way' | '3-way';

export type Explanation = z.infer<typeof explanationSchema>;

export interface Proposal {
  /** Canonical cycle id: ids rotated so the smallest comes first, joined by "|". */
  key: string;
  kind: CycleKind;
  /** In cycle order: listingIds[i] moves into the dwelling of listingIds[i + 1] (the last into the first's). */
  listingIds: string[];
  score: number;
  explanations: Record<string, Explanation>;
}

export interface ProposalsResult {
  proposals: Proposal[];
  /** Every 2-way cycle through the listing, not only those kept in `proposals`. */
  count2: number;
  count3: number;
}

/** Names shown to people; the engine never imports reference JSON itself. */
export interface PlaceNames {
  communeName(code: string): string;
  quartierName(id: string): string;
}

export function placeNamesFrom(reference: {
  communes: readonly { code: string; name: string }[];
  quartiers: readonly { id: string; name: string }[];
}): PlaceNames {
  const communes = new Map(reference.communes.map((c) => [c.code, c.name]));
  const quartiers = new Map(reference.quartiers.map((q) => [q.id, q.name]));
  return {
    communeName: (code) => communes.get(code) ?? code,
    quartierName: (id) => quartiers.get(id) ?? id,
  };
}
