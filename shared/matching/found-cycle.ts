/** A cycle the proposal search offers to the best K, and the order they are ranked in. */
import type { CompiledListing } from './compiled';
import type { RankedCycle } from './cycles';
import { cycleKey } from './cycles';

/** Its key is built only when it is kept: ties are broken by `compareFound` without it. */
export class FoundCycle implements RankedCycle {
  readonly size: number;
  private canonicalKey: string | null = null;

  constructor(
    readonly score: number,
    /** In move order, the start first. */
    readonly cycle: CompiledListing[],
  ) {
    this.size = cycle.length;
  }

  get key(): string {
    this.canonicalKey ??= cycleKey(this.cycle.map((listing) => listing.id));
    return this.canonicalKey;
  }
}

/** `compareRanked` for found cycles: the search meets many equal scores, and building keys to break each tie dominated. */
export function compareFound(x: FoundCycle, y: FoundCycle): number {
  if (x.score !== y.score) return y.score - x.score;
  if (x.size !== y.size) return x.size - y.size;
  return compareCycleKeys(x.cycle, y.cycle);
}

const SEPARATOR = '|'.charCodeAt(0);
const END = -1; // below every code unit, as the end of a string that is a prefix of another

/** Orders two cycles as their keys (`cycleKey`: rotated to the smallest id, joined by "|") compare as strings. */
export function compareCycleKeys(x: readonly CompiledListing[], y: readonly CompiledListing[]): number {
  const xStart = rotationStart(x);
  const yStart = rotationStart(y);
  let xId = 0;
  let xChar = 0;
  let yId = 0;
  let yChar = 0;
  for (;;) {
    const xUnit = keyUnitAt(x, xStart, xId, xChar);
    const yUnit = keyUnitAt(y, yStart, yId, yChar);
    if (xUnit !== yUnit) return xUnit < yUnit ? -1 : 1;
    if (xUnit === END) return 0;
    // Next unit: the id's next character, or past the separator to the next id.
    if (xChar < idAt(x, xStart, xId).length) xChar++;
    else {
      xId++;
      xChar = 0;
    }
    if (yChar < idAt(y, yStart, yId).length) yChar++;
    else {
      yId++;
      yChar = 0;
    }
  }
}

/** Index of the first smallest id, where `canonicalRotation` starts. */
function rotationStart(cycle: readonly CompiledListing[]): number {
  let start = 0;
  for (let i = 1; i < cycle.length; i++) if ((cycle[i] as CompiledListing).id < (cycle[start] as CompiledListing).id) start = i;
  return start;
}

function idAt(cycle: readonly CompiledListing[], start: number, k: number): string {
  return (cycle[(start + k) % cycle.length] as CompiledListing).id;
}

/** The code unit of the key at character `char` of its k-th id; the separator follows each id but the last. */
function keyUnitAt(cycle: readonly CompiledListing[], start: number, k: number, char: number): number {
  if (k >= cycle.length) return END;
  const id = idAt(cycle, start, k);
  if (char < id.length) return id.charCodeAt(char);
  return k < cycle.length - 1 ? SEPARATOR : END;
}
