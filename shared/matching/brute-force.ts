/**
 * The reference the index is checked against: every pair and every triple, with the plain
 * `accepts` of docs/design.md. Quadratic and cubic: for tests and benchmarks only.
 */
import { accepts } from './accepts';
import type { CompiledListing } from './compiled';
import { Interner, compileListing } from './compiled';
import { compareRanked, cycleKey } from './cycles';
import type { CycleRecord } from './market-index';
import { cycleScore, moveScore } from './score';
import type { MatchCandidate } from './types';

function scoreOf(cycle: readonly MatchCandidate[], compiled: Map<string, CompiledListing>): number {
  const moves = cycle.map((mover, i) => {
    const home = cycle[(i + 1) % cycle.length] as MatchCandidate;
    return moveScore(
      compiled.get(mover.id) as CompiledListing,
      compiled.get(home.id) as CompiledListing,
    );
  });
  return cycleScore(moves);
}

function record(
  cycle: readonly MatchCandidate[],
  compiled: Map<string, CompiledListing>,
): CycleRecord {
  const key = cycleKey(cycle.map((l) => l.id));
  return { key, size: cycle.length, score: scoreOf(cycle, compiled), listingIds: key.split('|') };
}

/** All cycles of a market, each once, best first. */
export function bruteForceCycles(market: readonly MatchCandidate[]): CycleRecord[] {
  const interner = new Interner();
  const compiled = new Map(market.map((l) => [l.id, compileListing(l, interner)]));
  const found: CycleRecord[] = [];
  const n = market.length;
  for (let i = 0; i < n; i++) {
    const a = market[i] as MatchCandidate;
    for (let j = i + 1; j < n; j++) {
      const b = market[j] as MatchCandidate;
      if (accepts(a, b) && accepts(b, a)) found.push(record([a, b], compiled));
      for (let m = j + 1; m < n; m++) {
        const c = market[m] as MatchCandidate;
        // Both directions of the triangle are different cycles.
        if (accepts(a, b) && accepts(b, c) && accepts(c, a))
          found.push(record([a, b, c], compiled));
        if (accepts(a, c) && accepts(c, b) && accepts(b, a))
          found.push(record([a, c, b], compiled));
      }
    }
  }
  return found.sort(compareRanked);
}

/**
 * All cycles through one listing by scanning, without any index: every other listing for pairs;
 * for each listing the start accepts, every other listing again for triples. What the index must beat.
 */
export function bruteForceCyclesThrough(
  start: MatchCandidate,
  market: readonly MatchCandidate[],
): CycleRecord[] {
  const interner = new Interner();
  const compiled = new Map(market.map((l) => [l.id, compileListing(l, interner)]));
  compiled.set(start.id, compileListing(start, interner));
  const found: CycleRecord[] = [];
  for (const b of market) {
    if (!accepts(start, b)) continue;
    if (accepts(b, start)) found.push(record([start, b], compiled));
    for (const c of market) {
      if (c !== b && accepts(b, c) && accepts(c, start))
        found.push(record([start, b, c], compiled));
    }
  }
  return found.sort(compareRanked);
}

/** A listing's own proposals from all its cycles ranked best first: every 2-way and the first `k` 3-ways. */
export function ownBestOf<T extends { size: number }>(ranked: readonly T[], k: number): T[] {
  let threeWays = 0;
  return ranked.filter((cycle) => cycle.size === 2 || threeWays++ < k);
}
