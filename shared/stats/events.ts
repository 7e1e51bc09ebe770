/**
 * Statistics events: what changed between a stream record's old and new image. The facts the new
 * image states and the old one did not are asserted (+1), those the old image stated and the new
 * one does not are retracted (−1). Summed over an item's history the events telescope to the facts
 * of its latest state, so aggregates built from the stream equal a rebuild from the items, in any
 * order (they are sums) provided each record counts once (its change id, from the item key and the
 * record's sequence number, is recorded with the sums: ./ledger.ts and the StatsEvent marker).
 */
import { factsOf } from './facts';
import type { Count, Fact, FactType, Item, ListingLookup } from './item';

export interface Transition {
  /** Stable across redeliveries of the same stream record. */
  id: string;
  before?: Item;
  after?: Item;
}

export interface StatsEvent {
  id: string;
  type: FactType;
  sign: 1 | -1;
  month: string;
  counts: Count[];
}

/** All of one record's events, applied together under the record's id. */
export interface StatsChange {
  id: string;
  events: StatsEvent[];
}

const factKey = (fact: Fact) =>
  `${fact.type}|${fact.month}|${JSON.stringify([...fact.counts].sort())}`;

export function changeOf(transition: Transition, lookup: ListingLookup): StatsChange {
  const before = new Map(factsOf(transition.before, lookup).map((f) => [factKey(f), f]));
  const after = new Map(factsOf(transition.after, lookup).map((f) => [factKey(f), f]));
  const events: StatsEvent[] = [];
  for (const [key, fact] of before)
    if (!after.has(key))
      events.push({ id: `${transition.id}/-${events.length}`, sign: -1, ...fact });
  for (const [key, fact] of after)
    if (!before.has(key))
      events.push({ id: `${transition.id}/+${events.length}`, sign: 1, ...fact });
  return { id: transition.id, events };
}

/** A cell is one counter of one aggregate: `month|scope|counter`. */
export type Cells = Map<string, number>;

export const cellKey = (month: string, scope: string, counter: string) =>
  `${month}|${scope}|${counter}`;

export function splitCell(key: string): { month: string; scope: string; counter: string } {
  const [month = '', scope = '', counter = ''] = key.split('|');
  return { month, scope, counter };
}

/** Adds signed counts into `cells`, dropping cells that come back to zero. */
export function addInto(
  cells: Cells,
  month: string,
  counts: readonly Count[],
  sign: number,
): Cells {
  for (const [scope, counter, amount] of counts) {
    const key = cellKey(month, scope, counter);
    const value = (cells.get(key) ?? 0) + sign * amount;
    if (value === 0) cells.delete(key);
    else cells.set(key, value);
  }
  return cells;
}

/** The net counter changes of a change: what the aggregator adds to the table in one transaction. */
export function cellsOf(change: StatsChange): Cells {
  const cells: Cells = new Map();
  for (const event of change.events) addInto(cells, event.month, event.counts, event.sign);
  return cells;
}

/** The aggregates from scratch: the facts of every item's current state. */
export function rebuildCells(items: Iterable<Item>, lookup: ListingLookup): Cells {
  const cells: Cells = new Map();
  for (const item of items)
    for (const fact of factsOf(item, lookup)) addInto(cells, fact.month, fact.counts, 1);
  return cells;
}

/** The in-memory twin of the table's aggregates: sums plus the ids of the changes already applied. */
export class StatsLedger {
  readonly cells: Cells = new Map();
  private readonly applied = new Set<string>();

  /** Applies a change once; returns false for a change already applied. */
  apply(change: StatsChange): boolean {
    if (this.applied.has(change.id)) return false;
    this.applied.add(change.id);
    for (const [key, amount] of cellsOf(change)) {
      const value = (this.cells.get(key) ?? 0) + amount;
      if (value === 0) this.cells.delete(key);
      else this.cells.set(key, value);
    }
    return true;
  }
}
