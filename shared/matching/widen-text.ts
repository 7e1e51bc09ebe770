/**
 * The sentence a tenant reads for one widening: "En acceptant aussi un T4, vous auriez 7 échanges
 * possibles de plus, dont 2 directs."
 */
import type { PlaceNames } from './types';
import type { WidenChange, Widening } from './widen-change';

const counts = new Intl.NumberFormat('fr-FR');
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
const euros = (amount: number) =>
  (Number.isInteger(amount) ? wholeEuros : centEuros).format(amount);

/** "En acceptant aussi un T4": what the change means, said as a condition. */
export function widenCondition(change: WidenChange, names: PlaceNames): string {
  switch (change.field) {
    case 'quartiers':
      return `En acceptant aussi le quartier ${names.quartierName(change.value)}`;
    case 'communes':
      return `En acceptant aussi la commune de ${names.communeName(change.value)}`;
    case 'typologies':
      return `En acceptant aussi un ${change.value}`;
    case 'maxTotalRent':
      return `En acceptant un loyer jusqu’à ${euros(change.value)} charges comprises`;
    case 'minSurface':
      return `En acceptant une surface à partir de ${counts.format(change.value)} m²`;
    case 'needs':
      if (change.value === 'accessible') return 'Sans exiger un logement accessible PMR';
      if (change.value === 'liftOrGroundFloor')
        return 'Sans exiger d’ascenseur ni de rez-de-chaussée';
      return 'Sans limite d’étage';
  }
}

/** "7 échanges possibles de plus, dont 2 directs"; "1 échange possible de plus, direct". */
export function widenGain(more2: number, more3: number): string {
  const total = more2 + more3;
  if (total === 1) return `1 échange possible de plus, ${more2 === 1 ? 'direct' : 'à trois'}`;
  const head = `${counts.format(total)} échanges possibles de plus`;
  if (more2 === 0) return `${head}, tous à trois`;
  if (more3 === 0) return `${head}, tous directs`;
  return `${head}, dont ${counts.format(more2)} ${more2 === 1 ? 'direct' : 'directs'}`;
}

export function widenSentence(widening: Widening, names: PlaceNames): string {
  return `${widenCondition(widening.change, names)}, vous auriez ${widenGain(widening.more2, widening.more3)}.`;
}
