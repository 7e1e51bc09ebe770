/** Statistics for CINOR and Armos (docs/api.md "Statistics"): the query and the rows. */
import { z } from 'zod';
import { MAX_PERIOD_MONTHS, MONTH_PATTERN, monthCount } from '../stats/period';

const month = (field: string, label: string) =>
  z
    .string({
      error: `${label} (${field}) doit être un mois au format AAAA-MM, par exemple 2026-01.`,
    })
    .regex(MONTH_PATTERN, {
      error: `${label} (${field}) doit être un mois au format AAAA-MM, par exemple 2026-01.`,
    });

export const statsQuerySchema = z
  .object({
    from: month('from', 'Le mois de début').optional(),
    to: month('to', 'Le mois de fin').optional(),
    format: z
      .enum(['json', 'csv'], { error: 'Le format (format) doit être json ou csv.' })
      .default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['from'],
    error: 'Le mois de début (from) doit précéder ou égaler le mois de fin (to).',
  })
  .refine((q) => !q.from || !q.to || monthCount(q.from, q.to) <= MAX_PERIOD_MONTHS, {
    path: ['to'],
    error: `La période ne peut pas dépasser 10 ans (${MAX_PERIOD_MONTHS} mois).`,
  });

export type StatsQuery = z.infer<typeof statsQuerySchema>;

/**
 * A count. The `cinor` role sees a quartier's or a flow's 1 to 4 as "< 5", and as "secret" a cell
 * masked so that no sum of published cells reveals another one.
 */
export const figureSchema = z.union([z.number().int(), z.literal('< 5'), z.literal('secret')]);
export type Figure = z.infer<typeof figureSchema>;
const figures = z.record(z.string(), figureSchema);

export const indicatorsSchema = z.object({
  activeListings: figureSchema.meta({ description: 'Annonces en ligne à la fin de la période' }),
  newListings: figureSchema.meta({ description: 'Annonces publiées pendant la période' }),
  offeredByTypology: figures.meta({
    description: 'Annonces publiées, par typologie du logement proposé',
  }),
  wantedByTypology: figures.meta({
    description: 'Annonces publiées qui recherchent ce lieu, par typologie souhaitée',
  }),
  wantedListings: figureSchema,
  attractiveness: z.number().nullable().meta({
    description:
      'Annonces qui recherchent ce lieu / annonces qui y proposent un logement (null : non calculable ou non diffusé)',
  }),
  matches2: figureSchema,
  matches3: figureSchema,
  visitsWithoutFollowUp: figureSchema.meta({
    description: 'Propositions déclinées après une visite (« visites sans suite »)',
  }),
  swapsRequested: figureSchema,
  swapsApproved: figureSchema,
  swapsRefused: figureSchema,
  refusalReasons: figures,
  swapsCompleted: figureSchema,
  swapsCancelledAfterApproval: figureSchema,
  movesIn: figureSchema,
  movesOut: figureSchema,
  medianDaysToDecision: z.union([z.number(), z.literal('< 5'), z.literal('secret')]).nullable(),
  medianDaysToCompletion: z.union([z.number(), z.literal('< 5'), z.literal('secret')]).nullable(),
  motives: figures,
  overOccupationResolved: figureSchema,
  underOccupationResolved: figureSchema,
  chainMoves: figureSchema.meta({
    description: 'Foyers arrivés dans le quartier par une chaîne de mutation réalisée',
  }),
  dwellingsReleased: figureSchema.meta({
    description:
      'Logements du quartier libérés par une chaîne de mutation et rendus à leur bailleur',
  }),
});
export type Indicators = z.infer<typeof indicatorsSchema>;

export const periodSchema = z.object({ from: z.string(), to: z.string() });

export const quartierRowSchema = indicatorsSchema.extend({
  communeCode: z.string(),
  communeName: z.string(),
  quartierId: z.string(),
  quartierName: z.string(),
});
export const communeRowSchema = indicatorsSchema.extend({
  communeCode: z.string().meta({ description: 'Code INSEE, ou CINOR pour le total' }),
  communeName: z.string(),
});
export const flowRowSchema = z.object({
  fromCommuneCode: z.string(),
  fromQuartierId: z.string(),
  fromQuartierName: z.string(),
  toCommuneCode: z.string(),
  toQuartierId: z.string(),
  toQuartierName: z.string(),
  moves: figureSchema,
});
export const seriesPointSchema = z.object({
  month: z.string(),
  activeListings: figureSchema,
  newListings: figureSchema,
  matches2: figureSchema,
  matches3: figureSchema,
  swapsRequested: figureSchema,
  swapsCompleted: figureSchema,
});

export const quartierStatsSchema = z
  .object({ period: periodSchema, masked: z.boolean(), rows: z.array(quartierRowSchema) })
  .meta({ id: 'QuartierStats' });
export const communeStatsSchema = z
  .object({
    period: periodSchema,
    rows: z.array(communeRowSchema),
    series: z.array(seriesPointSchema).meta({ description: 'Total CINOR mois par mois' }),
  })
  .meta({ id: 'CommuneStats' });
export const flowStatsSchema = z
  .object({ period: periodSchema, masked: z.boolean(), rows: z.array(flowRowSchema) })
  .meta({ id: 'FlowStats' });

export type QuartierRow = z.infer<typeof quartierRowSchema>;
export type CommuneRow = z.infer<typeof communeRowSchema>;
export type FlowRow = z.infer<typeof flowRowSchema>;
export type SeriesPoint = z.infer<typeof seriesPointSchema>;
export type QuartierStats = z.infer<typeof quartierStatsSchema>;
export type CommuneStats = z.infer<typeof communeStatsSchema>;
export type FlowStats = z.infer<typeof flowStatsSchema>;
