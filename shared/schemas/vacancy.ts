/**
 * Vacant dwellings a lessor offers to mutation (docs/api.md "Additions", docs/design.md "Chains").
 * The dwelling is a listing's without the tenancy reference: nobody rents it.
 */
import { z } from 'zod';
import { dwellingSchema } from './listing';
import { publicDwellingSchema } from './listing-views';

export const vacantDwellingSchema = dwellingSchema.omit({ tenancyRef: true });

export const vacancyPrioritySchema = z.strictObject({
  overOccupiedOnly: z
    .boolean({ error: 'Indiquez overOccupiedOnly: true ou false.' })
    .optional()
    .meta({ description: 'Seul un foyer en sur-occupation peut entrer dans le logement vacant' }),
  /**
   * First, not only: the vacancy still serves other chains when nobody needing accessibility
   * accepts it.
   */
  accessibleNeedsFirst: z
    .boolean({ error: 'Indiquez accessibleNeedsFirst: true ou false.' })
    .optional()
    .meta({
      description:
        'Les chaînes dont le premier foyer a besoin d’un logement accessible passent avant les autres',
    }),
});

export const vacancyBodySchema = z
  .strictObject({
    dwelling: vacantDwellingSchema,
    priority: vacancyPrioritySchema.default({}),
  })
  .meta({ id: 'VacancyBody' });

/** `engaged` while a chain swap through it runs (docs/design.md "Chains"); `let` once it is completed. */
export const VACANCY_STATUSES = ['open', 'engaged', 'withdrawn', 'expired', 'let'] as const;

/** How many chains a vacancy starts, and how many households would move through the best one. */
export const vacancyChainsSchema = z.object({
  stored: z.number().meta({ description: 'Chaînes proposées aux locataires' }),
  households: z.number().meta({ description: 'Foyers qui déménageraient par la meilleure' }),
  chains: z.array(
    z.object({
      matchId: z.string(),
      status: z.string(),
      movers: z.number(),
      score: z.number(),
      moves: z.array(
        z.object({
          from: publicDwellingSchema.pick({ communeCode: true, quartierId: true, typology: true }),
        }),
      ),
    }),
  ),
});

export const vacancySchema = z
  .object({
    id: z.string(),
    lessorId: z.string(),
    dwelling: vacantDwellingSchema,
    priority: vacancyPrioritySchema,
    status: z.enum(VACANCY_STATUSES),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    expiresAt: z.string(),
    /** The chains stored for tenants through this vacancy (absent on creation). */
    chains: vacancyChainsSchema.optional(),
  })
  .meta({ id: 'Vacancy' });

export const vacancyPageSchema = z
  .object({ items: z.array(vacancySchema), nextCursor: z.string().optional() })
  .meta({ id: 'VacancyPage' });

export type VacantDwellingInput = z.infer<typeof vacantDwellingSchema>;
export type VacancyPriorityInput = z.infer<typeof vacancyPrioritySchema>;
export type VacancyBody = z.infer<typeof vacancyBodySchema>;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
export type Vacancy = z.infer<typeof vacancySchema>;
export type VacancyChains = z.infer<typeof vacancyChainsSchema>;
