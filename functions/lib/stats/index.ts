/**
 * The statistics CINOR and Armos read, by name — the use cases the API's routes reach: the period
 * asked for, the rows of each view, and each view as CSV for French Excel.
 */
import { communesCsv, flowsCsv, quartiersCsv } from './csv';
import { communeStats, flowStats, periodOf, quartierStats } from './service';

export const Statistics = {
  periodOf,
  quartiers: quartierStats,
  communes: communeStats,
  flows: flowStats,
  quartiersCsv,
  communesCsv,
  flowsCsv,
} as const;
