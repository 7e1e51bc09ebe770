/**
 * For each listing sharing a 3-way cycle with a start listing, the best-ranked such cycle
 * (`compareRanked`): whether it enters that listing's own best says whether its proposals change.
 * A dense listing shares tens of thousands of 3-cycles with a couple of thousand listings: the
 * best score and its cycle are kept per slot in typed arrays, and a cycle's key is spelled out
 * only to break a tie at the best score.
 */
import type { AcceptanceGraph } from './acceptance-graph';
import { cycleKey, type CycleRecord } from './cycles';
import { threeWayScore } from './score';
import { grownInto } from './typed-arrays';

export class BestSharedThreeWay {
  private stamps = new Int32Array(0);
  private generation = 0;
  private bestScore = new Float64Array(0);
  private bestB = new Int32Array(0);
  private bestC = new Int32Array(0);
  private readonly keys: (string | undefined)[] = [];

  /** The best 3-cycle through `startSlot` and each listing it shares one with, by listing id. */
  of(graph: AcceptanceGraph, startSlot: number): Map<string, CycleRecord> {
    const columns = graph.columns;
    this.ensureCapacity(columns.capacity);
    const generation = ++this.generation;
    const { stamps, bestScore, bestB, bestC, keys } = this;
    const ids = columns.ids;
    const startId = ids[startSlot] as string;
    const keyOf = (b: number, c: number) => cycleKey([startId, ids[b] as string, ids[c] as string]);
    const found: number[] = [];
    const consider = (slot: number, score: number, b: number, c: number) => {
      if (stamps[slot] !== generation) {
        stamps[slot] = generation;
        found.push(slot);
      } else {
        const known = bestScore[slot] as number;
        if (score < known) return;
        if (score === known) {
          const best = (keys[slot] ??= keyOf(bestB[slot] as number, bestC[slot] as number));
          const key = keyOf(b, c);
          if (key >= best) return;
          keys[slot] = key;
          bestB[slot] = b;
          bestC[slot] = c;
          return;
        }
      }
      bestScore[slot] = score;
      bestB[slot] = b;
      bestC[slot] = c;
      keys[slot] = undefined;
    };
    const partners = graph.acceptedBy(startSlot);
    const startIntoPartners = graph.outgoingMoves(startSlot);
    const intoStart = graph.markIncoming(startSlot);
    const marked = intoStart.stamps;
    const marks = intoStart.generation;
    const intoStartScores = intoStart.scores;
    for (let p = 0; p < partners.length; p++) {
      const b = partners[p] as number;
      const startIntoB = startIntoPartners[p] as number;
      const next = graph.acceptedBy(b);
      for (let j = 0; j < next.length; j++) {
        const c = next[j] as number;
        if (marked[c] !== marks || c === startSlot) continue;
        const score = threeWayScore(
          startIntoB,
          columns.moveScore(b, c),
          intoStartScores[c] as number,
        );
        consider(b, score, b, c);
        consider(c, score, b, c);
      }
    }
    const best = new Map<string, CycleRecord>();
    for (const slot of found) {
      const key = keys[slot] ?? keyOf(bestB[slot] as number, bestC[slot] as number);
      keys[slot] = undefined;
      best.set(ids[slot] as string, {
        key,
        size: 3,
        score: bestScore[slot] as number,
        listingIds: key.split('|'),
      });
    }
    return best;
  }

  private ensureCapacity(capacity: number): void {
    if (this.stamps.length >= capacity) return;
    this.stamps = grownInto(this.stamps, new Int32Array(capacity));
    this.bestScore = new Float64Array(capacity);
    this.bestB = new Int32Array(capacity);
    this.bestC = new Int32Array(capacity);
  }
}
