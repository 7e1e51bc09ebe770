/** "Pourquoi cette proposition ?": what each participant would receive, in French. */
import type { CompiledListing } from './compiled';
import { canonicalRotation, kindOf } from './cycles';
import { isUnderOccupiedIn } from './score';
import type { Explanation, PlaceNames, Proposal } from './types';

const FEATURE_LABELS: Record<string, string> = { balcony: 'balcon', garden: 'jardin', parking: 'parking' };

const euros = (amount: number) => `${Math.round(amount)} €`;

function listInFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

function surfaceChange(gain: number): string {
  const rounded = Math.round(gain);
  if (rounded > 0) return `${rounded} m² de plus`;
  if (rounded < 0) return `${-rounded} m² de moins`;
  return 'même surface';
}

function rentReason(a: CompiledListing, b: CompiledListing): string | null {
  const current = a.candidate.dwelling.rent + a.candidate.dwelling.charges;
  const saving = Math.round(current - b.totalRent);
  if (saving > 0) return `${euros(saving)} de moins par mois qu’aujourd’hui`;
  if (!Number.isFinite(a.maxTotalRent)) return null;
  const margin = Math.round(a.maxTotalRent - b.totalRent);
  return margin > 0 ? `dans votre budget (${euros(margin)} sous votre maximum)` : 'dans votre budget';
}

function needsReasons(a: CompiledListing, b: CompiledListing): string[] {
  const reasons: string[] = [];
  if (a.needsAccessible) reasons.push('accessible aux personnes à mobilité réduite');
  if (a.needsLiftOrGround) reasons.push(b.floor <= 0 ? 'de plain-pied' : 'avec ascenseur');
  if (Number.isFinite(a.maxFloor) && !a.needsLiftOrGround) {
    reasons.push(b.floor <= 0 ? 'au rez-de-chaussée' : `au ${b.floor}${b.floor === 1 ? 'er' : 'e'} étage`);
  }
  return reasons;
}

/** What household A would receive by moving into B's dwelling, and why it fits A's wishes. */
export function explainMove(a: CompiledListing, b: CompiledListing, names: PlaceNames): Explanation {
  const d = b.candidate.dwelling;
  const place = `${names.quartierName(d.quartierId)} (${names.communeName(d.communeCode)})`;
  const summary = `${d.typology} à ${place}, ${euros(b.totalRent)} charges comprises, ${surfaceChange(b.surface - a.surface)}`;
  const reasons: string[] = [];
  if (a.wishedQuartiers !== null) reasons.push('dans un quartier que vous avez choisi');
  const rent = rentReason(a, b);
  if (rent !== null) reasons.push(rent);
  const features = a.candidate.wishes.features.filter((f) => d.features.includes(f));
  if (features.length > 0) reasons.push(`avec ${listInFrench(features.map((f) => FEATURE_LABELS[f] ?? f))}, comme souhaité`);
  reasons.push(...needsReasons(a, b));
  if (a.overOccupiedNow) reasons.push('résout votre sur-occupation');
  const underInB = isUnderOccupiedIn(a, b);
  if (a.underOccupiedNow && !underInB) reasons.push('résout votre sous-occupation');
  if (underInB) reasons.push('logement plus grand que les besoins de votre foyer (sous-occupation signalée au bailleur)');
  return { summary, reasons };
}

/** Builds the proposal of a cycle given in move order (each moves into the next one's dwelling). */
export function buildProposal(cycle: readonly CompiledListing[], score: number, names: PlaceNames): Proposal {
  const byId = new Map(cycle.map((listing) => [listing.id, listing]));
  const listingIds = canonicalRotation(cycle.map((listing) => listing.id));
  const explanations: Record<string, Explanation> = {};
  listingIds.forEach((id, i) => {
    const mover = byId.get(id) as CompiledListing;
    const home = byId.get(listingIds[(i + 1) % listingIds.length] as string) as CompiledListing;
    explanations[id] = explainMove(mover, home, names);
  });
  return { key: listingIds.join('|'), kind: kindOf(listingIds.length), listingIds, score, explanations };
}
