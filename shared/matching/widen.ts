/**
 * "Ce qui élargirait vos propositions": for a listing A, the exact number of new 2-way and 3-way
 * cycles each single change of its wishes would bring.
 *
 * Widening A's wishes only adds dwellings to what A accepts; what every other listing accepts is
 * unchanged. So the new cycles are exactly those through one newly accepted dwelling B:
 * - a new 2-way A → B → A for each new B that accepts A (B is one of A's wanters, already marked);
 * - a new 3-way A → B → C → A for each new B and each C that B accepts and that accepts A: the very
 *   count `ThreeCycleCounter` makes for a partner B against A's wanters.
 * A dwelling is new for a change when it fails exactly the rule the change relaxes and passes every
 * other one (owners and the occupancy norm are never relaxed). Set-valued changes (one more
 * quartier, commune or neighbouring typology, one need dropped) pool their new dwellings in one
 * count; threshold changes (rent, surface) walk their dwellings from the nearest value and stop at
 * the first value whose dwellings bring a cycle ("the next value that matters").
 *
 * Checked against brute-force recounts of the whole market in `widen.test.ts`.
 */
import { TYPOLOGIES, roomsOf, type Typology } from '../reference/index';
import type { AcceptanceGraph } from './acceptance-graph';
import { ACCESSIBLE, LIFT_OR_GROUND } from './compiled';
import { FloatOrder } from './float-order';
import type { ListingColumns } from './listing-columns';
import { occupancyMinSurface } from './occupancy';
import { ThreeCycleCounter } from './three-cycle-count';
import { WanterTrees } from './wanter-trees';
import { WantersByBucket } from './wanters-by-bucket';
import { WishedGroups } from './wished-groups';
import { WIDEN_FIELDS, type WidenChange, type Widening } from './widen-change';

/** The edit API refuses a maximum rent above this (`wishesSchema`): such a raise is never offered. */
const HIGHEST_MAX_TOTAL_RENT = 5000;

/**
 * The total rent each dwelling is matched on, by slot. Read through here only, so that this module
 * follows whatever rent the acceptance rules use (`ListingColumns.totalRent`).
 */
function matchedRents(columns: ListingColumns): Float64Array {
  return columns.totalRent;
}

/** Typologies one room away from a wished one and not wished yet. */
function neighbouringTypologies(wished: readonly Typology[]): Set<Typology> {
  const rooms = new Set(wished.map(roomsOf));
  return new Set(
    TYPOLOGIES.filter(
      (t) => !rooms.has(roomsOf(t)) && (rooms.has(roomsOf(t) - 1) || rooms.has(roomsOf(t) + 1)),
    ),
  );
}

// The rules of A's wishes one change can relax, as bits.
const COMMUNE = 1;
const QUARTIER = 2;
const TYPOLOGY = 4;
const RENT = 8;
const SURFACE = 16;
const NEED_ACCESSIBLE = 32;
const NEED_LIFT = 64;
const NEED_FLOOR = 128;

/**
 * Scratch of the counts, reused from one listing to the next (the index is single-threaded): its
 * own wanter groups, so that it never disturbs a query in progress.
 */
export class WideningCounter {
  private readonly wanters = new WantersByBucket();
  private readonly trees = new WanterTrees();
  private readonly wished = new WishedGroups();
  private readonly counter: ThreeCycleCounter;
  private readonly order = new FloatOrder();

  /** `directCountMaxAccepted` is the `ThreeCycleCounter` tuning knob, for tests. */
  constructor(directCountMaxAccepted?: number) {
    this.counter = new ThreeCycleCounter(directCountMaxAccepted);
  }

  /** Every single change that adds at least one cycle through the listing in `start`, best first. */
  count(graph: AcceptanceGraph, start: number): Widening[] {
    const columns = graph.columns;
    const marks = graph.markIncoming(start);
    this.wanters.build(marks, columns);
    this.trees.build(this.wanters);
    this.wished.begin(this.wanters, this.trees);
    const fresh = this.classify(columns, start);

    const found: Widening[] = [];
    for (const [change, slots] of fresh.pooled) {
      let more2 = 0;
      for (const slot of slots) if (marks.has(slot)) more2++;
      const more3 = this.threeCyclesThrough(graph, slots);
      if (more2 + more3 > 0) found.push({ change, more2, more3 });
    }
    const rent = this.nearestThatMatters(graph, fresh.rentRaises, matchedRents(columns), 1);
    if (rent && rent.value <= HIGHEST_MAX_TOTAL_RENT)
      found.push({ change: { field: 'maxTotalRent', value: rent.value }, ...rent.more });
    const surface = this.nearestThatMatters(graph, fresh.surfaceCuts, columns.surface, -1);
    if (surface)
      found.push({ change: { field: 'minSurface', value: surface.value }, ...surface.more });
    return found.sort(byBenefit);
  }

  /** The dwellings that exactly one change would let the listing in `start` accept, by change. */
  private classify(columns: ListingColumns, start: number): NewDwellings {
    const a = columns.listingAt(start);
    const wishes = a.candidate.wishes;
    const communes = new Set(wishes.communes);
    const typologies = new Set(wishes.typologies);
    const neighbours = neighbouringTypologies(wishes.typologies);
    const wishedKeys = new Set(a.wishedKeys);
    const norm = occupancyMinSurface(a.occupants);
    const owner = columns.owner[start] as number;
    const fresh = new NewDwellings();
    const rents = matchedRents(columns);
    const slots = columns.ids.length;
    for (let slot = 0; slot < slots; slot++) {
      if (columns.ids[slot] === undefined) continue; // a free slot
      if (columns.owner[slot] === owner || (columns.surface[slot] as number) < norm) continue;
      // The rules the dwelling fails, one bit each: a dwelling failing two is new for no single change.
      let failed = 0;
      if (a.wishedQuartiers !== null && !a.wishedQuartiers.has(columns.quartier[slot] as number))
        failed |= QUARTIER;
      if ((rents[slot] as number) > a.maxTotalRent) failed |= RENT;
      if ((columns.surface[slot] as number) < a.minSurface) failed |= SURFACE;
      const access = columns.accessFlags[slot] as number;
      if (a.needsAccessible && (access & ACCESSIBLE) === 0) failed |= NEED_ACCESSIBLE;
      if (a.needsLiftOrGround && (access & LIFT_OR_GROUND) === 0) failed |= NEED_LIFT;
      if ((columns.floor[slot] as number) > a.maxFloor) failed |= NEED_FLOOR;
      if ((failed & (failed - 1)) !== 0) continue;
      if (!wishedKeys.has(columns.offeredKey[slot] as number)) {
        const dwelling = columns.listingAt(slot).candidate.dwelling;
        if (!typologies.has(dwelling.typology)) {
          if (failed !== 0 || !neighbours.has(dwelling.typology)) continue;
          failed |= TYPOLOGY;
        }
        // With quartier wishes, a dwelling of another commune is in an unwished quartier too: adding its quartier adds its commune.
        if (!communes.has(dwelling.communeCode) && a.wishedQuartiers === null) failed |= COMMUNE;
        if ((failed & (failed - 1)) !== 0) continue;
      }
      if (failed !== 0) fresh.add(failed, slot, columns);
    }
    return fresh;
  }

  /** The 3-cycles start → B → C → start over every B of `partners`, counted as a query counts its partners. */
  private threeCyclesThrough(graph: AcceptanceGraph, partners: readonly number[]): number {
    this.counter.begin(graph, this.wanters);
    for (const partner of partners) {
      const run = this.wished.runOf(partner, graph.columns);
      this.counter.addPartner(partner, this.wished.groups, run);
    }
    return this.counter.finish();
  }

  /**
   * The value nearest the current limit (the smallest when `direction` is 1, the largest when −1)
   * among `slots` whose dwellings bring a cycle, and the cycles all dwellings up to that value
   * bring (those before it bring none). Counted one dwelling at a time from its own acceptance
   * list: the walk usually stops after a few.
   */
  private nearestThatMatters(
    graph: AcceptanceGraph,
    slots: readonly number[],
    values: Float64Array,
    direction: 1 | -1,
  ): { value: number; more: { more2: number; more3: number } } | null {
    const n = slots.length;
    if (n === 0) return null;
    this.order.reserve(n);
    for (let i = 0; i < n; i++)
      this.order.keys[i] = direction * (values[slots[i] as number] as number);
    const order = this.order.sort(n);
    let more2 = 0;
    let more3 = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots[order[i] as number] as number;
      if (graph.marks.has(slot)) more2++;
      more3 += graph.countMarked(graph.acceptedBy(slot));
      const value = values[slot] as number;
      const last = i + 1 === n || values[slots[order[i + 1] as number] as number] !== value;
      if (last && more2 + more3 > 0) return { value, more: { more2, more3 } };
    }
    return null;
  }
}

/** The dwellings each change would add, grouped by change. */
class NewDwellings {
  readonly pooled = new Map<WidenChange, number[]>();
  readonly rentRaises: number[] = [];
  readonly surfaceCuts: number[] = [];
  private readonly byValue = new Map<string, number[]>();

  add(failed: number, slot: number, columns: ListingColumns): void {
    if (failed === RENT) this.rentRaises.push(slot);
    else if (failed === SURFACE) this.surfaceCuts.push(slot);
    else {
      const change = changeFor(failed, columns.listingAt(slot).candidate.dwelling);
      const key = `${change.field}:${change.value}`;
      let slots = this.byValue.get(key);
      if (slots === undefined) {
        this.byValue.set(key, (slots = []));
        this.pooled.set(change, slots);
      }
      slots.push(slot);
    }
  }
}

/** The set-valued change that relaxes the one rule failed. */
function changeFor(
  failed: number,
  dwelling: { communeCode: string; quartierId: string; typology: Typology },
): WidenChange {
  switch (failed) {
    case TYPOLOGY:
      return { field: 'typologies', value: dwelling.typology };
    case COMMUNE:
      return { field: 'communes', value: dwelling.communeCode };
    case QUARTIER:
      return { field: 'quartiers', value: dwelling.quartierId };
    case NEED_ACCESSIBLE:
      return { field: 'needs', value: 'accessible' };
    case NEED_LIFT:
      return { field: 'needs', value: 'liftOrGroundFloor' };
    default:
      return { field: 'needs', value: 'maxFloor' };
  }
}

/** More cycles first; then more direct ones (the easiest to carry out); then a stable order. */
function byBenefit(x: Widening, y: Widening): number {
  return (
    y.more2 + y.more3 - (x.more2 + x.more3) ||
    y.more2 - x.more2 ||
    WIDEN_FIELDS.indexOf(x.change.field) - WIDEN_FIELDS.indexOf(y.change.field) ||
    String(x.change.value).localeCompare(String(y.change.value))
  );
}
