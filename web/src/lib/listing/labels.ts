/**
 * French words for the listing's codes, and the plain-French help shown next to them. Status
 * labels come from `shared/listing/lifecycle.ts` so the API's messages and the UI agree.
 */
import type { Feature, Financing, Typology } from '$shared/reference/index';
import type { VerificationStatus } from '$shared/schemas/listing';

export { STATUS_LABELS } from '$shared/listing/lifecycle';

export const TYPOLOGY_OPTIONS: { value: Typology; label: string }[] = [
  { value: 'T1', label: 'T1 (1 pièce)' },
  { value: 'T2', label: 'T2 (2 pièces)' },
  { value: 'T3', label: 'T3 (3 pièces)' },
  { value: 'T4', label: 'T4 (4 pièces)' },
  { value: 'T5', label: 'T5 (5 pièces)' },
  { value: 'T6', label: 'T6 (6 pièces ou plus)' },
];

export const FINANCING_OPTIONS: { value: Financing; label: string; help: string }[] = [
  { value: 'LLTS', label: 'LLTS', help: 'logement très social, aux loyers les plus bas' },
  { value: 'LLS', label: 'LLS', help: 'logement social, le plus courant' },
  { value: 'PLS', label: 'PLS', help: 'logement intermédiaire, loyer un peu plus élevé' },
  { value: 'PLI', label: 'PLI', help: 'logement intermédiaire, pour des revenus plus élevés' },
];

export const FEATURE_LABELS: Record<Feature, string> = {
  balcony: 'Balcon ou varangue',
  garden: 'Jardin ou cour',
  parking: 'Place de parking',
};

export const FEATURE_OPTIONS = (Object.keys(FEATURE_LABELS) as Feature[]).map((value) => ({
  value,
  label: FEATURE_LABELS[value],
}));

export const VERIFICATION_LABELS: Record<VerificationStatus, string> = {
  pending: 'en attente de vérification',
  verified: 'vérifiée par le bailleur',
  rejected: 'rejetée par le bailleur',
};

/** What the tenant should do next, for each verification state. */
export const VERIFICATION_NEXT_STEP: Record<VerificationStatus, string> = {
  pending:
    'Votre bailleur va vérifier que ce logement est bien le vôtre. Vous pouvez déjà publier votre annonce ; un échange ne pourra être demandé qu’une fois l’annonce vérifiée.',
  verified:
    'Votre bailleur a confirmé que ce logement est bien le vôtre. Vous pourrez demander un échange dès qu’une proposition vous convient.',
  rejected:
    'Corrigez les informations de votre logement (bailleur, référence de bail, numéro de logement) avec « Modifier ». Votre bailleur vérifiera à nouveau. En cas de doute, contactez-le ou un point d’accueil.',
};

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeZone: 'Indian/Reunion',
});

export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

export function formatFloor(floor: number): string {
  if (floor === 0) return 'rez-de-chaussée';
  if (floor === -1) return 'sous-sol ou rez-de-jardin (-1)';
  return floor === 1 ? '1er étage' : `${floor}e étage`;
}

export function formatHousehold(household: { adults: number; children: number }): string {
  const adults = `${household.adults} adulte${household.adults > 1 ? 's' : ''}`;
  if (household.children === 0) return `${adults}, sans enfant`;
  return `${adults}, ${household.children} enfant${household.children > 1 ? 's' : ''}`;
}

export const yesNo = (value: boolean | undefined) => (value ? 'oui' : 'non');
