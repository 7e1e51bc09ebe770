/**
 * Initial reference data (communes, quartiers, lessors, motives) gathered from public sources, with
 * sources in SOURCES.md. It seeds the database, where Armos can edit it; code that validates
 * against reference data receives a `ReferenceData` value rather than importing these files.
 */
import type { ReceptionPoint } from '../schemas/common';
import type { IncomeCeilingYear } from '../schemas/income-ceilings';
import communes from './communes.json';
import incomeCeilings from './income-ceilings.json';
import lessors from './lessors.json';
import motives from './motives.json';
import quartiers from './quartiers.json';
import receptionPoints from './reception-points.json';

export * from './vocabulary';
export type { ReceptionPoint };

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
