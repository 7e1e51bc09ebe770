/**
 * The words listings are written in: typologies, financings, features, kinds of reception point.
 * Schemas import them from here; the reference data (`index.ts`) is built on schemas' types.
 */
export const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
export type Typology = (typeof TYPOLOGIES)[number];

export const FINANCINGS = ['LLTS', 'LLS', 'PLS', 'PLI'] as const;
export type Financing = (typeof FINANCINGS)[number];

export const FEATURES = ['balcony', 'garden', 'parking'] as const;
export type Feature = (typeof FEATURES)[number];

export const RECEPTION_POINT_KINDS = ['PILS', 'GADLS'] as const;
export type ReceptionPointKind = (typeof RECEPTION_POINT_KINDS)[number];

/** Number of rooms a typology stands for (T6 means six rooms or more). */
export function roomsOf(typology: Typology): number {
  return Number(typology.slice(1));
}
