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
import type { Wishes } from '../schemas/listing';
import type { AcceptanceGraph } from './acceptance-graph';
import { ACCESSIBLE, LIFT_OR_GROUND } from './compiled';
import type { ListingColumns } from './listing-columns';
import { occupancyMinSurface } from './occupancy';
import { ThreeCycleCounter } from './three-cycle-count';
import { WanterTrees } from './wanter-trees';
import { WantersByBucket } from './wanters-by-bucket';
import { WishedGroups } from './wished-groups';

export const WIDEN_FIELDS = [
  'quartiers',
  'communes',
  'typologies',
  'maxTotalRent',
  'minSurface',
  'needs',
] as const;
export type WidenField = (typeof WIDEN_FIELDS)[number];
export const DROPPABLE_NEEDS = ['accessible', 'liftOrGroundFloor', 'maxFloor'] as const;
export type DroppableNeed = (typeof DROPPABLE_NEEDS)[number];

/** One change of the wishes: a quartier id, a commune code, a typology, a rent or surface, a need's name. */
export type WidenChange =
  | { field: 'quartiers'; value: string }
  | { field: 'communes'; value: string }
  | { field: 'typologies'; value: Typology }
  | { field: 'maxTotalRent'; value: number }
  | { field: 'minSurface'; value: number }
  | { field: 'needs'; value: DroppableNeed };

export interface Widening {
  change: WidenChange;
  /** New 2-way and 3-way cycles through the listing. */
  more2: number;
  more3: number;
}

/** The edit API refuses a maximum rent above this (`wishesSchema`): such a raise is never offered. */
const HIGHEST_MAX_TOTAL_RENT = 5000;

/**
 * The total rent a dwelling is matched on. Read here only, so that this module follows whatever
 * rent the acceptance rules use (`ListingColumns.totalRent`).
 */
function matchedRentOf(columns: ListingColumns, slot: number): number {
  return columns.totalRent[slot] as number;
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

    const pooled = new Map<string, { change: WidenChange; slots: number[] }>();
    const rentRaises: number[] = [];
    const surfaceCuts: number[] = [];
    this.classify(graph, start, (slot, change) => {
      if (change.field === 'maxTotalRent') rentRaises.push(slot);
      else if (change.field === 'minSurface') surfaceCuts.push(slot);
      else {
        const key = `${change.field}:${change.value}`;
        const entry = pooled.get(key);
        if (entry) entry.slots.push(slot);
        else pooled.set(key, { change, slots: [slot] });
      }
    });

    const found: Widening[] = [];
    for (const { change, slots } of pooled.values()) {
      const more2 = slots.reduce((n, slot) => n + (marks.has(slot) ? 1 : 0), 0);
      const more3 = this.threeCyclesThrough(graph, slots);
      if (more2 + more3 > 0) found.push({ change, more2, more3 });
    }
    const rent = this.nearestThatMatters(graph, rentRaises, (slot) => matchedRentOf(columns, slot));
    if (rent && rent.value <= HIGHEST_MAX_TOTAL_RENT)
      found.push({ change: { field: 'maxTotalRent', value: rent.value }, ...rent.more });
    const surface = this.nearestThatMatters(
      graph,
      surfaceCuts,
      (slot) => -(columns.surface[slot] as number),
    );
    if (surface)
      found.push({ change: { field: 'minSurface', value: -surface.value }, ...surface.more });
    return found.sort(byBenefit);
  }

  /** Calls `onNew` for each dwelling that exactly one change would let the listing in `start` accept. */
  private classify(
    graph: AcceptanceGraph,
    start: number,
    onNew: (slot: number, change: WidenChange) => void,
  ): void {
    const columns = graph.columns;
    const a = columns.listingAt(start);
    const wishes = a.candidate.wishes;
    const communes = new Set(wishes.communes);
    const typologies = new Set(wishes.typologies);
    const neighbours = neighbouringTypologies(wishes.typologies);
    const wishedKeys = new Set(a.wishedKeys);
    const norm = occupancyMinSurface(a.occupants);
    const owner = columns.owner[start] as number;
    for (const slot of graph.slots()) {
      if (columns.owner[slot] === owner || (columns.surface[slot] as number) < norm) continue;
      // The rules the dwelling fails, one bit each: a dwelling failing two is new for no single change.
      let failed = 0;
      const dwelling = columns.listingAt(slot).candidate.dwelling;
      if (!wishedKeys.has(columns.offeredKey[slot] as number)) {
        if (!typologies.has(dwelling.typology)) failed |= TYPOLOGY;
        // With quartier wishes, a dwelling of another commune is in an unwished quartier too: adding its quartier adds its commune.
        if (!communes.has(dwelling.communeCode) && a.wishedQuartiers === null) failed |= COMMUNE;
      }
      if (a.wishedQuartiers !== null && !a.wishedQuartiers.has(columns.quartier[slot] as number))
        failed |= QUARTIER;
      if (matchedRentOf(columns, slot) > a.maxTotalRent) failed |= RENT;
      if ((columns.surface[slot] as number) < a.minSurface) failed |= SURFACE;
      const access = columns.accessFlags[slot] as number;
      if (a.needsAccessible && (access & ACCESSIBLE) === 0) failed |= NEED_ACCESSIBLE;
      if (a.needsLiftOrGround && (access & LIFT_OR_GROUND) === 0) failed |= NEED_LIFT;
      if ((columns.floor[slot] as number) > a.maxFloor) failed |= NEED_FLOOR;
      if (failed === 0 || (failed & (failed - 1)) !== 0) continue;
      const change = changeFor(failed, dwelling, neighbours);
      if (change) onNew(slot, change);
    }
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
   * The smallest `valueOf` among `slots` whose dwellings bring a cycle, and the cycles all dwellings
   * up to that value bring (those before it bring none). Counted one dwelling at a time from its
   * own acceptance list: the walk usually stops after a few.
   */
  private nearestThatMatters(
    graph: AcceptanceGraph,
    slots: number[],
    valueOf: (slot: number) => number,
  ): { value: number; more: { more2: number; more3: number } } | null {
    slots.sort((x, y) => valueOf(x) - valueOf(y));
    let more2 = 0;
    let more3 = 0;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      if (graph.marks.has(slot)) more2++;
      more3 += graph.countMarked(graph.acceptedBy(slot));
      const value = valueOf(slot);
      const last = i + 1 === slots.length || valueOf(slots[i + 1] as number) !== value;
      if (last && more2 + more3 > 0) return { value, more: { more2, more3 } };
    }
    return null;
  }
}

/** The change that relaxes the one rule failed; null for a typology that is not a neighbouring one. */
function changeFor(
  failed: number,
  dwelling: { communeCode: string; quartierId: string; typology: Typology },
  neighbours: ReadonlySet<Typology>,
): WidenChange | null {
  switch (failed) {
    case TYPOLOGY:
      return neighbours.has(dwelling.typology)
        ? { field: 'typologies', value: dwelling.typology }
        : null;
    case COMMUNE:
      return { field: 'communes', value: dwelling.communeCode };
    case QUARTIER:
      return { field: 'quartiers', value: dwelling.quartierId };
    // Thresholds: the value is chosen once all their dwellings are known.
    case RENT:
      return { field: 'maxTotalRent', value: 0 };
    case SURFACE:
      return { field: 'minSurface', value: 0 };
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

/**
 * The wishes after a change, as the listing edit sends them. A quartier of a commune not wished
 * yet brings its commune along (wished quartiers lie in wished communes).
 */
export function applyWidening(
  wishes: Wishes,
  change: WidenChange,
  communeOfQuartier: (quartierId: string) => string | undefined,
): Wishes {
  const add = <T>(list: readonly T[], value: T) =>
    list.includes(value) ? [...list] : [...list, value];
  switch (change.field) {
    case 'quartiers': {
      const commune = communeOfQuartier(change.value);
      return {
        ...wishes,
        quartiers: add(wishes.quartiers, change.value),
        communes: commune === undefined ? [...wishes.communes] : add(wishes.communes, commune),
      };
    }
    case 'communes':
      return { ...wishes, communes: add(wishes.communes, change.value) };
    case 'typologies':
      return { ...wishes, typologies: add(wishes.typologies, change.value) };
    case 'maxTotalRent':
      return { ...wishes, maxTotalRent: change.value };
    case 'minSurface':
      return { ...wishes, minSurface: change.value };
    case 'needs': {
      const needs = { ...wishes.needs };
      delete needs[change.value];
      return { ...wishes, needs };
    }
  }
}
