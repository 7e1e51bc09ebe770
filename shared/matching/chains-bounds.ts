/**
 * For each listing in a chain of a vacancy, the best its chains of that vacancy can rank, found
 * without building them: the highest tier and the highest score, each move taken at its best over
 * the moves before and after (owners not checked, so a bound, never below). A broad market gives a
 * vacancy millions of chains but only thousands of moves; the bound is all the bars need.
 */
import { chainScoreOfSum, type ChainRecord } from './chains';
import type { Move } from './chains-moves';
import type { CompiledListing } from './compiled';

export type ChainBound = Pick<ChainRecord, 'tier' | 'score'>;

/** Whether a chain ranking at best as `bound` may still come before `bar` (`compareChains`). */
export function boundReaches(bound: ChainBound, bar: ChainBound): boolean {
  return bound.tier > bar.tier || (bound.tier === bar.tier && bound.score >= bar.score);
}

export function vacancyChainBounds(
  firsts: ReadonlyArray<Move<CompiledListing> & { tier: number }>,
  wantersOf: (home: CompiledListing) => Move<CompiledListing>[],
): Map<string, ChainBound> {
  const bounds = new Map<string, ChainBound>();
  const raise = (id: string, tier: number, score: number) => {
    const bound = bounds.get(id);
    if (bound === undefined) bounds.set(id, { tier, score });
    else {
      bound.tier = Math.max(bound.tier, tier);
      bound.score = Math.max(bound.score, score);
    }
  };
  /** The best one more move into `home`, and two more (into it, then into the mover's home). */
  const oneMore = new Map<string, number>();
  const tail1 = (home: CompiledListing) => {
    let best = oneMore.get(home.id);
    if (best === undefined) {
      best = Number.NEGATIVE_INFINITY;
      for (const move of wantersOf(home)) best = Math.max(best, move.score);
      oneMore.set(home.id, best);
    }
    return best;
  };
  const tail2 = (home: CompiledListing) => {
    let best = Number.NEGATIVE_INFINITY;
    for (const move of wantersOf(home)) best = Math.max(best, move.score + tail1(move.to));
    return best;
  };
  const scoreOf = (sums: number[]) =>
    Math.max(
      ...sums.map((sum, i) =>
        sum === Number.NEGATIVE_INFINITY ? sum : chainScoreOfSum(sum, i + 1),
      ),
    );
  /** Second movers: the best first move before them, and its tier. */
  const seconds = new Map<string, { mover: CompiledListing; tier: number; sum: number }>();
  for (const first of firsts) {
    const m0 = first.score;
    raise(first.to.id, first.tier, scoreOf([m0, m0 + tail1(first.to), m0 + tail2(first.to)]));
    for (const second of wantersOf(first.to)) {
      const sum = m0 + second.score;
      raise(
        second.to.id,
        first.tier,
        scoreOf([Number.NEGATIVE_INFINITY, sum, sum + tail1(second.to)]),
      );
      const kept = seconds.get(second.to.id);
      if (kept === undefined)
        seconds.set(second.to.id, { mover: second.to, tier: first.tier, sum });
      else {
        kept.tier = Math.max(kept.tier, first.tier);
        kept.sum = Math.max(kept.sum, sum);
      }
    }
  }
  for (const { mover, tier, sum } of seconds.values())
    for (const third of wantersOf(mover))
      raise(third.to.id, tier, chainScoreOfSum(sum + third.score, 3));
  return bounds;
}
