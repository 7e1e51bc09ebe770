/** "Pourquoi cette proposition ?": what each participant would receive, in French. */
import type { CompiledListing } from './compiled';
import { kindOf } from './cycles';
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

/**
 * Builds proposals with their explanations. A dwelling is described the same way in every move
 * into it, and a query's 50 proposals share many dwellings, so each description is kept.
 */
export class ProposalBuilder {
  private readonly dwellingLabels = new WeakMap<CompiledListing, string>();

  constructor(private readonly names: PlaceNames) {}

  /** The proposal of a cycle given in move order (each moves into the next one's dwelling). */
  build(cycle: readonly CompiledListing[], score: number): Proposal {
    // Rotated as `canonicalRotation` does, so the smallest id comes first; each still moves into the next.
    let first = 0;
    for (let i = 1; i < cycle.length; i++) if ((cycle[i] as CompiledListing).id < (cycle[first] as CompiledListing).id) first = i;
    const inOrder = [...cycle.slice(first), ...cycle.slice(0, first)];
    const listingIds = inOrder.map((listing) => listing.id);
    const explanations = objectKeyedByIds<Explanation>();
    inOrder.forEach((mover, i) => {
      explanations[mover.id] = this.explainMove(mover, inOrder[(i + 1) % inOrder.length] as CompiledListing);
    });
    return { key: listingIds.join('|'), kind: kindOf(listingIds.length), listingIds, score, explanations };
  }

  /** What household A would receive by moving into B's dwelling, and why it fits A's wishes. */
  explainMove(a: CompiledListing, b: CompiledListing): Explanation {
    const summary = `${this.dwellingLabel(b)}, ${surfaceChange(b.surface - a.surface)}`;
    const reasons: string[] = [];
    if (a.wishedQuartiers !== null) reasons.push('dans un quartier que vous avez choisi');
    const rent = rentReason(a, b);
    if (rent !== null) reasons.push(rent);
    const dwellingFeatures = b.candidate.dwelling.features;
    const features = a.candidate.wishes.features.filter((f) => dwellingFeatures.includes(f));
    if (features.length > 0) reasons.push(`avec ${listInFrench(features.map((f) => FEATURE_LABELS[f] ?? f))}, comme souhaité`);
    reasons.push(...needsReasons(a, b));
    if (a.overOccupiedNow) reasons.push('résout votre sur-occupation');
    const underInB = isUnderOccupiedIn(a, b);
    if (a.underOccupiedNow && !underInB) reasons.push('résout votre sous-occupation');
    if (underInB) reasons.push('logement plus grand que les besoins de votre foyer (sous-occupation signalée au bailleur)');
    return { summary, reasons };
  }

  /** e.g. "T3 à Sainte-Clotilde (Saint-Denis), 620 € charges comprises" */
  private dwellingLabel(b: CompiledListing): string {
    let label = this.dwellingLabels.get(b);
    if (label === undefined) {
      const d = b.candidate.dwelling;
      label = `${d.typology} à ${this.names.quartierName(d.quartierId)} (${this.names.communeName(d.communeCode)}), ${euros(b.totalRent)} charges comprises`;
      this.dwellingLabels.set(b, label);
    }
    return label;
  }
}

/**
 * An empty object already in V8's dictionary mode. Explanations are keyed by listing id: adding
 * ids never seen as property names to a fresh object makes V8 derive a hidden class per id
 * (about 1 µs per proposal, measured); deleting properties first switches the object to a hash
 * table, where adding a key costs no hidden class. It is still a plain object for every reader.
 */
function objectKeyedByIds<T>(): Record<string, T> {
  const object: Record<string, unknown> = { toBeDeleted: 0, alsoDeleted: 0 };
  delete object.toBeDeleted;
  delete object.alsoDeleted;
  return object as Record<string, T>;
}
