/** How the app writes amounts and kinds of swap, the same on every page. */
import type { MatchKind } from '$shared/schemas/match';

const wholeEuros = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const centEuros = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "620 €", and "620,50 €" only when there are cents. */
export const formatEuros = (amount: number) =>
  (Number.isInteger(amount) ? wholeEuros : centEuros).format(amount);

/** A proposal's or a swap's kind, as every page names it. */
export const KIND_LABELS: Record<MatchKind, string> = {
  '2-way': 'Échange direct',
  '3-way': 'Échange à trois',
  chain: 'Chaîne de mutation',
};
