/**
 * Initial reference data (communes, quartiers, lessors, motives) gathered from public sources, with
 * sources in SOURCES.md. It seeds the database, where Armos can edit it; code that validates
 * against reference data receives a `ReferenceData` value rather than importing these files.
 */
import type { z } from 'zod';
import type {
  ReceptionPoint,
  communeSchema,
  motiveSchema,
  quartierSchema,
  storedLessorSchema,
} from '../schemas/common';
import type { IncomeCeilingYear } from '../schemas/income-ceilings';
import communes from './communes.json';
import incomeCeilings from './income-ceilings.json';
import lessors from './lessors.json';
import motives from './motives.json';
import quartiers from './quartiers.json';
import receptionPoints from './reception-points.json';

export * from './vocabulary';
export type { ReceptionPoint };

export type Commune = z.infer<typeof communeSchema>;
export type Quartier = z.infer<typeof quartierSchema>;
export type Lessor = z.infer<typeof storedLessorSchema>;
export type Motive = z.infer<typeof motiveSchema>;

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
