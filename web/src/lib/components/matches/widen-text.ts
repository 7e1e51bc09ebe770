/** Labels of "Ce qui élargirait vos propositions": each button says the change it makes. */
import { formatEuros } from '$lib/format';
import type { WidenView } from '$lib/services/widen';
import type { ReferenceNames } from '$lib/services/reference';

const NEED_LABELS: Record<string, string> = {
  accessible: 'Ne plus exiger un logement accessible PMR',
  liftOrGroundFloor: 'Ne plus exiger d’ascenseur ni de rez-de-chaussée',
  maxFloor: 'Ne plus limiter l’étage',
};

/** "Accepter aussi un T5": the button, and the change the confirmation names. */
export function widenActionLabel(widening: WidenView, names: ReferenceNames): string {
  const { field, value } = widening.change;
  switch (field) {
    case 'quartiers':
      return `Accepter aussi le quartier ${names.quartier(String(value))}`;
    case 'communes':
      return `Accepter aussi la commune de ${names.commune(String(value))}`;
    case 'typologies':
      return `Accepter aussi un ${value}`;
    case 'maxTotalRent':
      return `Porter mon loyer maximum à ${formatEuros(Number(value))}`;
    case 'minSurface':
      return `Ramener ma surface minimum à ${Number(value).toLocaleString('fr-FR')} m²`;
    case 'needs':
      return NEED_LABELS[String(value)] ?? 'Modifier mes besoins';
  }
}
