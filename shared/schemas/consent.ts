/**
 * How an assisted tenant agreed to a step that commits them (a yes, a visit's verdict, a swap's
 * request or confirmation), stated by the reception agent acting for them. Optional in the
 * bodies, required by the use cases when the caller is the agent rather than the tenant.
 */
import { z } from 'zod';

export const CONSENT_CHANNELS = ['guichet', 'telephone', 'courrier', 'autre'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** "Accord donné …" */
export const CONSENT_CHANNEL_LABELS: Record<ConsentChannel, string> = {
  guichet: 'en personne, au point d’accueil',
  telephone: 'par téléphone',
  courrier: 'par écrit (courrier, formulaire signé)',
  autre: 'autrement (précisé dans la note)',
};

export const CONSENT_STEPS = [
  'match-yes',
  'match-no',
  'visit',
  'swap-request',
  'swap-confirm',
] as const;
export type ConsentStep = (typeof CONSENT_STEPS)[number];

export const CONSENT_STEP_LABELS: Record<ConsentStep, string> = {
  'match-yes': 'Oui à la proposition',
  'match-no': 'Non à la proposition',
  visit: 'Résultat de la visite',
  'swap-request': 'Demande d’échange',
  'swap-confirm': 'Confirmation de l’échange',
};

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
