/** "Pourquoi cette proposition ?": what each participant would receive, in French. */
import type { KeptCycle } from './best-cycles';
import type { CompiledListing } from './compiled';
import { featureMaskOf } from './compiled';
import { kindOf } from './cycles';
import { isUnderOccupiedIn } from './score';
import type { Explanation, PlaceNames, Proposal } from './types';

const FEATURE_LABELS: Record<string, string> = { balcony: 'balcon', garden: 'jardin', parking: 'parking' };

const euros = (amount: number) => `${Math.round(amount)} €`;

/**
 * A query explains about 150 moves, and the same few phrases come back in most of them: each
 * phrase of a number is made once and kept, so explaining a move mostly picks strings.
 */
class PhraseCache {
  private readonly phrases = new Map<number, string>();

  constructor(private readonly make: (value: number) => string) {}

  of(value: number): string {
    let phrase = this.phrases.get(value);
    if (phrase === undefined) this.phrases.set(value, (phrase = this.make(value)));
    return phrase;
  }
}

const surfaceChanges = new PhraseCache((rounded) => (rounded > 0 ? `${rounded} m² de plus` : rounded < 0 ? `${-rounded} m² de moins` : 'même surface'));
const savings = new PhraseCache((saving) => `${euros(saving)} de moins par mois qu’aujourd’hui`);
const margins = new PhraseCache((margin) => (margin > 0 ? `dans votre budget (${euros(margin)} sous votre maximum)` : 'dans votre budget'));
const floors = new PhraseCache((floor) => (floor <= 0 ? 'au rez-de-chaussée' : `au ${floor}${floor === 1 ? 'er' : 'e'} étage`));

function listInFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

function rentReason(a: CompiledListing, b: CompiledListing): string | null {
  const saving = Math.round(a.totalRent - b.totalRent); // a.totalRent: what A pays today, charges included
  if (saving > 0) return savings.of(saving);
  if (!Number.isFinite(a.maxTotalRent)) return null;
  return margins.of(Math.round(a.maxTotalRent - b.totalRent));
}

function pushNeedsReasons(a: CompiledListing, b: CompiledListing, reasons: string[]): void {
  if (a.needsAccessible) reasons.push('accessible aux personnes à mobilité réduite');
  if (a.needsLiftOrGround) reasons.push(b.floor <= 0 ? 'de plain-pied' : 'avec ascenseur');
  if (Number.isFinite(a.maxFloor) && !a.needsLiftOrGround) reasons.push(floors.of(b.floor));
}

/**
 * Builds proposals with their explanations. A dwelling is described the same way in every move
 * into it, and a household lists the features it wants in the same words, so both are kept.
 */
export class ProposalBuilder {
  private readonly dwellingLabels = new WeakMap<CompiledListing, string>();
  /** Per household, the "avec …, comme souhaité" phrase by mask of its wanted features that a dwelling has. */
  private readonly featurePhrases = new WeakMap<CompiledListing, (string | undefined)[]>();

  constructor(private readonly names: PlaceNames) {}

  /** The proposal of a kept cycle (its listings already start from the smallest id). */
  build(cycle: KeptCycle): Proposal {
    const listings = cycle.listings;
    const n = listings.length;
    const explanations = objectKeyedByIds<Explanation>();
    for (let i = 0; i < n; i++) {
      const mover = listings[i] as CompiledListing;
      explanations[mover.id] = this.explainMove(mover, listings[(i + 1) % n] as CompiledListing);
    }
    return { key: cycle.key, kind: kindOf(n), listingIds: listings.map((listing) => listing.id), score: cycle.score, explanations };
  }

  /** What household A would receive by moving into B's dwelling, and why it fits A's wishes. */
  explainMove(a: CompiledListing, b: CompiledListing): Explanation {
    const summary = `${this.dwellingLabel(b)}, ${surfaceChanges.of(Math.round(b.surface - a.surface))}`;
    const reasons: string[] = [];
    if (a.wishedQuartiers !== null) reasons.push('dans un quartier que vous avez choisi');
    const rent = rentReason(a, b);
    if (rent !== null) reasons.push(rent);
    const wantedThere = a.wantedFeatureMask & b.featureMask;
    if (wantedThere !== 0) reasons.push(this.featurePhrase(a, wantedThere));
    if (a.hasNeeds) pushNeedsReasons(a, b, reasons);
    if (a.overOccupiedNow) reasons.push('résout votre sur-occupation');
    const underInB = isUnderOccupiedIn(a, b);
    if (a.underOccupiedNow && !underInB) reasons.push('résout votre sous-occupation');
    if (underInB) reasons.push('logement plus grand que les besoins de votre foyer (sous-occupation signalée au bailleur)');
    return { summary, reasons };
  }

  /** e.g. "avec balcon et parking, comme souhaité": A's wanted features among `present`, in A's order. */
  private featurePhrase(a: CompiledListing, present: number): string {
    let byMask = this.featurePhrases.get(a);
    if (byMask === undefined) this.featurePhrases.set(a, (byMask = []));
    let phrase = byMask[present];
    if (phrase === undefined) {
      const wanted = a.candidate.wishes.features.filter((f) => (present & featureMaskOf([f])) !== 0);
      byMask[present] = phrase = `avec ${listInFrench(wanted.map((f) => FEATURE_LABELS[f] ?? f))}, comme souhaité`;
    }
    return phrase;
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
