/**
 * Yearly income ceilings (plafonds de ressources) for La Réunion, per financing and household
 * category (docs/api.md "Additions": GET·PUT /admin/income-ceilings). Armos keeps them; the
 * repository seeds the official figures (shared/reference/income-ceilings.json, SOURCES.md).
 */
import { z } from 'zod';
import { FINANCINGS } from '../reference/vocabulary';

/** Household categories 1 to 6 of the regulations; beyond 6, `extraPerson` per person. */
export const HOUSEHOLD_CATEGORIES = 6;

const euros = z
  .number({ error: 'Un plafond doit être un nombre (en euros par an).' })
  .int({ error: 'Un plafond s’écrit en euros entiers.' })
  .min(1, { error: 'Un plafond doit être positif.' })
  .max(500_000, { error: 'Un plafond ne peut pas dépasser 500 000 €.' });

export const financingCeilingsSchema = z.strictObject({
  categories: z
    .array(euros)
    .length(HOUSEHOLD_CATEGORIES, {
      error: 'Indiquez les plafonds des 6 catégories de ménage.',
    })
    .refine((values) => values.every((value, i) => i === 0 || value >= values[i - 1]!), {
      error: 'Les plafonds doivent croître avec la catégorie de ménage.',
    }),
  extraPerson: euros,
});

export const incomeCeilingYearSchema = z
  .strictObject({
    year: z
      .number({ error: 'L’année doit être un nombre.' })
      .int({ error: 'L’année doit être un nombre entier.' })
      .min(2020, { error: 'L’année doit être comprise entre 2020 et 2100.' })
      .max(2100, { error: 'L’année doit être comprise entre 2020 et 2100.' }),
    source: z
      .string({ error: 'Indiquez le texte officiel (arrêté) d’où viennent ces plafonds.' })
      .trim()
      .min(5, { error: 'Indiquez le texte officiel (arrêté) d’où viennent ces plafonds.' })
      .max(600, { error: 'La source est trop longue (600 caractères au plus).' }),
    financings: z.partialRecord(z.enum(FINANCINGS), financingCeilingsSchema),
  })
  .meta({ id: 'IncomeCeilingYear' });

export const storedIncomeCeilingYearSchema = incomeCeilingYearSchema.extend({
  /** Absent for the repository's seed; set when Armos saved the year. */
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});

export const incomeCeilingsViewSchema = z
  .object({ years: z.array(storedIncomeCeilingYearSchema) })
  .meta({ id: 'IncomeCeilings' });

export type FinancingCeilings = z.infer<typeof financingCeilingsSchema>;
export type IncomeCeilingYear = z.infer<typeof incomeCeilingYearSchema>;
export type StoredIncomeCeilingYear = z.infer<typeof storedIncomeCeilingYearSchema>;
export type IncomeCeilingsView = z.infer<typeof incomeCeilingsViewSchema>;
