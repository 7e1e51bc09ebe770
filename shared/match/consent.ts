/** The assisted tenant's consent: its channels and the steps that need it (labels for people). */
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
