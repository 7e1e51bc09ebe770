/**
 * What Armos can do with the reference data it keeps, by name — the use cases the API's routes
 * reach. Each takes the part of the application context it reads, then the caller.
 */
import { readIncomeCeilings } from '../db/reference';
import { saveIncomeCeilings } from './income-ceilings';
import { removeReceptionPoint, saveReceptionPoint } from './reception-points';

export const IncomeCeilings = {
  /** Every year's table as stored, newest year first. */
  read: readIncomeCeilings,
  save: saveIncomeCeilings,
} as const;

export const ReceptionPoints = {
  save: saveReceptionPoint,
  remove: removeReceptionPoint,
} as const;
