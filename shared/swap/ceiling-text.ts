/**
 * The income-ceiling pre-check in words. Information only: the lessor's CALEOL decides, with
 * documents the platform never sees (jeune ménage, disability, last year's income).
 */
import type { CeilingCheck } from './review-info';

const euros = (amount: number) => `${new Intl.NumberFormat('fr-FR').format(amount)} €`;

/** What the lessor reads in the review and in the exchange file. */
export function ceilingLabelForLessor(check: CeilingCheck): string {
  if (check.status === 'not_configured')
    return 'non vérifié : Armos n’a pas renseigné de plafonds de ressources pour cette année et ce financement';
  if (check.status === 'income_unknown')
    return `revenu fiscal de référence non déclaré (plafonds ${check.year})`;
  const where = check.financing ? ` ${check.financing}` : '';
  const category = check.category ? `, ménage de catégorie ${check.category}` : '';
  return `${euros(check.income)} : ${check.status === 'below' ? 'sous le' : 'au-dessus du'} plafond${where} ${check.year} (${euros(check.ceiling)}${category})`;
}

/** What the tenant reads before requesting a swap; null when there is nothing to say. */
export function ceilingSentenceForTenant(check: CeilingCheck): string | null {
  if (check.status === 'not_configured') return null;
  if (check.status === 'income_unknown')
    return `Vous n’avez pas indiqué votre revenu fiscal de référence : le bailleur le comparera au plafond de ressources ${check.year} de ce logement.`;
  const plafond = `le plafond ${check.financing ?? ''} ${check.year}`.replace('  ', ' ');
  if (check.status === 'above')
    return `Votre revenu fiscal de référence (${euros(check.income)}) dépasse ${plafond} de ce logement pour votre foyer (${euros(check.ceiling)}). C’est une information, pas un refus : le bailleur examinera votre situation et décidera.`;
  return `Votre revenu fiscal de référence (${euros(check.income)}) est sous ${plafond} de ce logement pour votre foyer (${euros(check.ceiling)}).`;
}
