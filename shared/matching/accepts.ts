import { nextTotalRentOf } from '../listing/next-rent';
import type { MatchCandidate } from './types';
import { isOverOccupied } from './occupancy';

export type AcceptanceRule =
  | 'same_listing'
  | 'same_owner'
  | 'commune'
  | 'quartier'
  | 'typology'
  | 'rent'
  | 'surface'
  | 'accessible'
  | 'lift_or_ground_floor'
  | 'max_floor'
  | 'over_occupation';

/** French wording of each failed rule, seen by A ("Pourquoi pas ce logement ?"). */
export const ACCEPTANCE_RULE_LABELS: Record<AcceptanceRule, string> = {
  same_listing: "C'est votre propre annonce.",
  same_owner: 'Ce logement fait partie de vos propres annonces.',
  commune: "Ce logement n'est pas dans une commune que vous avez choisie.",
  quartier: "Ce logement n'est pas dans un quartier que vous avez choisi.",
  typology: "Ce logement n'a pas une typologie que vous recherchez.",
  rent: 'Le loyer après échange, charges comprises, dépasse votre maximum.',
  surface: 'La surface est inférieure à votre minimum.',
  accessible: "Ce logement n'est pas accessible PMR.",
  lift_or_ground_floor: "Ce logement n'a ni ascenseur ni accès de plain-pied.",
  max_floor: 'Ce logement est à un étage plus haut que votre maximum.',
  over_occupation: 'Ce logement serait trop petit pour votre foyer.',
};

/** Every rule that stops A from moving into B's dwelling; empty when A accepts B. */
export function failedRules(a: MatchCandidate, b: MatchCandidate): AcceptanceRule[] {
  const failed: AcceptanceRule[] = [];
  if (a.id === b.id) failed.push('same_listing');
  else if (a.ownerId === b.ownerId) failed.push('same_owner');
  const wishes = a.wishes;
  const dwelling = b.dwelling;
  if (!wishes.communes.includes(dwelling.communeCode)) failed.push('commune');
  if (wishes.quartiers.length > 0 && !wishes.quartiers.includes(dwelling.quartierId))
    failed.push('quartier');
  if (!wishes.typologies.includes(dwelling.typology)) failed.push('typology');
  if (wishes.maxTotalRent !== undefined && nextTotalRentOf(b) > wishes.maxTotalRent)
    failed.push('rent');
  if (wishes.minSurface !== undefined && dwelling.surface < wishes.minSurface)
    failed.push('surface');
  const needs = wishes.needs;
  if (needs.accessible && !dwelling.accessible) failed.push('accessible');
  if (needs.liftOrGroundFloor && !dwelling.lift && dwelling.floor > 0)
    failed.push('lift_or_ground_floor');
  if (needs.maxFloor !== undefined && dwelling.floor > needs.maxFloor) failed.push('max_floor');
  if (isOverOccupied(a.household, dwelling)) failed.push('over_occupation');
  return failed;
}

/** A would move into B's dwelling. Wanted features are not a rule: they only raise the score. */
export function accepts(a: MatchCandidate, b: MatchCandidate): boolean {
  return failedRules(a, b).length === 0;
}
