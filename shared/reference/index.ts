/**
 * Initial reference data (communes, quartiers, lessors, motives) gathered from public sources, with
 * sources in SOURCES.md. It seeds the database, where Armos can edit it; code that validates
 * against reference data receives a `ReferenceData` value rather than importing these files.
 */
import type { IncomeCeilingYear } from '../schemas/income-ceilings';
import communes from './communes.json';
import incomeCeilings from './income-ceilings.json';
import lessors from './lessors.json';
import motives from './motives.json';
import quartiers from './quartiers.json';
import receptionPoints from './reception-points.json';

export const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
export type Typology = (typeof TYPOLOGIES)[number];

export const FINANCINGS = ['LLTS', 'LLS', 'PLS', 'PLI'] as const;
export type Financing = (typeof FINANCINGS)[number];

export const FEATURES = ['balcony', 'garden', 'parking'] as const;
export type Feature = (typeof FEATURES)[number];

export interface Commune {
  code: string;
  name: string;
}
export interface Quartier {
  id: string;
  communeCode: string;
  name: string;
}
export interface Lessor {
  id: string;
  name: string;
  group?: string;
}
export interface Motive {
  id: string;
  label: string;
}

export const RECEPTION_POINT_KINDS = ['PILS', 'GADLS'] as const;
export type ReceptionPointKind = (typeof RECEPTION_POINT_KINDS)[number];

/** Where an agent helps tenants without internet or e-mail; Armos keeps the list. */
export interface ReceptionPoint {
  id: string;
  kind: ReceptionPointKind;
  name: string;
  communeCode: string;
  place: string;
}

export interface ReferenceData {
  communes: Commune[];
  quartiers: Quartier[];
  lessors: Lessor[];
  motives: Motive[];
  receptionPoints: ReceptionPoint[];
  /** Yearly income ceilings for La Réunion, kept by Armos (absent where a caller needs none). */
  incomeCeilings?: IncomeCeilingYear[];
}

export const seedReferenceData: ReferenceData = {
  communes,
  quartiers,
  lessors,
  motives,
  receptionPoints: receptionPoints as ReceptionPoint[],
  incomeCeilings: incomeCeilings as IncomeCeilingYear[],
};

/** Number of rooms a typology stands for (T6 means six rooms or more). */
export function roomsOf(typology: Typology): number {
  return Number(typology.slice(1));
}
