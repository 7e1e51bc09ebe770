/** "Pourquoi cette proposition ?": what each participant would receive, in French. */
import type { KeptCycle } from './best-cycles';
import type { CompiledListing } from './compiled';
import { featureMaskOf } from './compiled';
import { todayTotalRentOf } from '../listing/next-rent';
import { kindOf } from './cycles';
import type { ListingColumns } from './listing-columns';
import { HAS_NEEDS, OVER_OCCUPIED_NOW, UNDER_OCCUPIED_NOW, WISHES_QUARTIERS } from './mover-flags';
import { THREE_WAY_PENALTY } from './score';
import type { Explanation, PlaceNames, Proposal } from './types';

const FEATURE_LABELS: Record<string, string> = {
  balcony: 'balcon',
  garden: 'jardin',
  parking: 'parking',
};

/** Why a 3-way ranks after a direct swap of equal appeal (`THREE_WAY_PENALTY`), in the tenant's words. */
export const THREE_WAY_REASON = `échange à trois : classé après un échange direct aussi intéressant (${THREE_WAY_PENALTY} points de moins), car trois foyers et leurs bailleurs doivent s’accorder`;

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

const surfaceChanges = new PhraseCache((rounded) =>
  rounded > 0 ? `${rounded} m² de plus` : rounded < 0 ? `${-rounded} m² de moins` : 'même surface',
);
const savings = new PhraseCache((saving) => `${euros(saving)} de moins par mois qu’aujourd’hui`);
const margins = new PhraseCache((margin) =>
  margin > 0 ? `dans votre budget (${euros(margin)} sous votre maximum)` : 'dans votre budget',
);
const floors = new PhraseCache((floor) =>
  floor <= 0 ? 'au rez-de-chaussée' : `au ${floor}${floor === 1 ? 'er' : 'e'} étage`,
);

function listInFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** When B's lessor set another rent for the household moving in, says so beside today's. */
function nextRentReason(columns: ListingColumns, b: number): string | null {
  const next = columns.totalRent[b] as number;
  const today = todayTotalRentOf(columns.listingAt(b).candidate);
  if (Math.round(next) === Math.round(today)) return null;
  return `loyer après échange fixé par le bailleur : ${euros(next)} charges comprises (le locataire actuel paie ${euros(today)})`;
}

function rentReason(columns: ListingColumns, a: number, b: number): string | null {
  const rent = columns.totalRent[b] as number; // after the swap
  const saving = Math.round(todayTotalRentOf(columns.listingAt(a).candidate) - rent);
  if (saving > 0) return savings.of(saving);
  const maxRent = columns.maxTotalRent[a] as number;
  if (!Number.isFinite(maxRent)) return null;
  return margins.of(Math.round(maxRent - rent));
}

function pushNeedsReasons(a: CompiledListing, floor: number, reasons: string[]): void {
  if (a.needsAccessible) reasons.push('accessible aux personnes à mobilité réduite');
  if (a.needsLiftOrGround) reasons.push(floor <= 0 ? 'de plain-pied' : 'avec ascenseur');
  if (Number.isFinite(a.maxFloor) && !a.needsLiftOrGround) reasons.push(floors.of(floor));
}

/**
 * Builds proposals with their explanations, from the slot-indexed columns: a query's 50 proposals
 * name about a hundred households, whose columns it has just read, where their objects would each
 * be a few cache misses. A dwelling is described the same way in every move into it, and a
 * household lists the features it wants in the same words, so both phrases are kept per slot.
 */
export class ProposalBuilder {
  constructor(private readonly names: PlaceNames) {}

  /** The proposal of a kept cycle (its listings already start from the smallest id). */
  build(cycle: KeptCycle, columns: ListingColumns): Proposal {
    const { listingIds, slots } = cycle;
    const n = slots.length;
    const explanations = objectKeyedByIds<Explanation>();
    for (let i = 0; i < n; i++) {
      const explanation = this.explainMove(
        columns,
        slots[i] as number,
        slots[(i + 1) % n] as number,
      );
      if (n === 3) explanation.reasons.push(THREE_WAY_REASON);
      explanations[listingIds[i] as string] = explanation;
    }
    return {
      key: cycle.key,
      kind: kindOf(n),
      listingIds: [...listingIds],
      score: cycle.score,
      explanations,
    };
  }

  /** What the household in slot `a` would receive by moving into the dwelling in slot `b`, and why it fits its wishes. */
  explainMove(columns: ListingColumns, a: number, b: number): Explanation {
    const summary = `${this.dwellingLabel(columns, b)}, ${surfaceChanges.of(Math.round((columns.surface[b] as number) - (columns.surface[a] as number)))}`;
    const flags = columns.moverFlags[a] as number;
    const reasons: string[] = [];
    if ((flags & WISHES_QUARTIERS) !== 0) reasons.push('dans un quartier que vous avez choisi');
    const rent = rentReason(columns, a, b);
    if (rent !== null) reasons.push(rent);
    const nextRent = nextRentReason(columns, b);
    if (nextRent !== null) reasons.push(nextRent);
    const wantedThere =
      (columns.wantedFeatureMask[a] as number) & (columns.featureMask[b] as number);
    if (wantedThere !== 0) reasons.push(this.featurePhrase(columns, a, wantedThere));
    if ((flags & HAS_NEEDS) !== 0)
      pushNeedsReasons(columns.listingAt(a), columns.floor[b] as number, reasons);
    if ((flags & OVER_OCCUPIED_NOW) !== 0) reasons.push('résout votre sur-occupation');
    const underInB = (columns.rooms[b] as number) > (columns.occupants[a] as number) + 1;
    if ((flags & UNDER_OCCUPIED_NOW) !== 0 && !underInB)
      reasons.push('résout votre sous-occupation');
    if (underInB)
      reasons.push(
        'logement plus grand que les besoins de votre foyer (sous-occupation signalée au bailleur)',
      );
    return { summary, reasons };
  }

  /** e.g. "avec balcon et parking, comme souhaité": the wanted features among `present`, in the household's order. */
  private featurePhrase(columns: ListingColumns, a: number, present: number): string {
    let byMask = columns.featurePhrases[a];
    if (byMask === undefined) columns.featurePhrases[a] = byMask = [];
    let phrase = byMask[present];
    if (phrase === undefined) {
      const wanted = columns
        .listingAt(a)
        .candidate.wishes.features.filter((f) => (present & featureMaskOf([f])) !== 0);
      byMask[present] =
        phrase = `avec ${listInFrench(wanted.map((f) => FEATURE_LABELS[f] ?? f))}, comme souhaité`;
    }
    return phrase;
  }

  /** e.g. "T3 à Sainte-Clotilde (Saint-Denis), 620 € charges comprises" (the rent after the swap) */
  private dwellingLabel(columns: ListingColumns, b: number): string {
    let label = columns.labels[b];
    if (label === undefined) {
      const d = columns.listingAt(b).candidate.dwelling;
      label = `${d.typology} à ${this.names.quartierName(d.quartierId)} (${this.names.communeName(d.communeCode)}), ${euros(columns.totalRent[b] as number)} charges comprises`;
      columns.labels[b] = label;
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
