/** Reports to Armos and the suspension of a listing (docs/api.md "Additions"). */
import { z } from 'zod';
import { idSchema } from './common';

const reasonText = (what: string) =>
  z
    .string({ error: `${what} est obligatoire.` })
    .trim()
    .min(3, { error: `${what} est trop court.` })
    .max(1000, { error: `${what} est trop long (1 000 caractères au plus).` });

export const reportBodySchema = z
  .strictObject({
    matchId: idSchema,
    /** The participant reported (their listing in the proposal). */
    listingId: idSchema.optional(),
    /** Or one of their messages. */
    messageId: idSchema.optional(),
    reason: reasonText('Le motif du signalement'),
  })
  .refine((body) => body.listingId !== undefined || body.messageId !== undefined, {
    error: 'Indiquez le participant (listingId) ou le message (messageId) signalé.',
    path: ['listingId'],
  })
  .meta({ id: 'ReportBody' });

export const reportSchema = z
  .object({
    id: z.string(),
    matchId: z.string(),
    reporterListingId: z.string(),
    reportedListingId: z.string(),
    reportedListingStatus: z.string().optional(),
    messageId: z.string().optional(),
    messageText: z
      .string()
      .optional()
      .meta({ description: 'Le message signalé, tel qu’il était au moment du signalement' }),
    reason: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Report' });

/**
 * A report as stored: who sent it and whose listing it names, which Armos's list leaves out; the
 * listing's status is read when listing the reports.
 */
export const storedReportSchema = reportSchema.omit({ reportedListingStatus: true }).extend({
  reporterId: z.string(),
  reportedOwnerId: z.string(),
});

export const suspendBodySchema = z
  .strictObject({ reason: reasonText('Le motif de la suspension') })
  .meta({ id: 'SuspendBody' });

export type ReportBody = z.infer<typeof reportBodySchema>;
export type Report = z.infer<typeof reportSchema>;
