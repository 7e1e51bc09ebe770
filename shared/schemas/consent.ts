/**
 * How an assisted tenant agreed to a step that commits them (a yes, a visit's verdict, a swap's
 * request or confirmation), stated by the reception agent acting for them. Optional in the
 * bodies, required by the use cases when the caller is the agent rather than the tenant.
 */
import { z } from 'zod';
import { CONSENT_CHANNELS, CONSENT_STEPS } from '../match/consent';

export * from '../match/consent';

export const consentSchema = z
  .strictObject({
    channel: z.enum(CONSENT_CHANNELS, {
      error:
        'Indiquez comment le locataire a donné son accord : guichet, telephone, courrier ou autre.',
    }),
    note: z
      .string()
      .trim()
      .max(300, { error: 'La note est trop longue (300 caractères au plus).' })
      .optional(),
  })
  .refine((consent) => consent.channel !== 'autre' || (consent.note ?? '').length > 0, {
    error: 'Précisez dans la note comment le locataire a donné son accord.',
    path: ['note'],
  })
  .meta({ id: 'Consent' });

export type Consent = z.infer<typeof consentSchema>;

/** A consent as kept with the proposal or the swap, and shown in its history. */
export const recordedConsentSchema = z
  .object({
    listingId: z.string(),
    step: z.enum(CONSENT_STEPS),
    channel: z.enum(CONSENT_CHANNELS),
    note: z.string().optional(),
    at: z.string(),
    agentId: z.string(),
  })
  .meta({ id: 'RecordedConsent' });

export type RecordedConsent = z.infer<typeof recordedConsentSchema>;
