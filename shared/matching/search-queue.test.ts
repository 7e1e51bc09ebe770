import { describe, expect, it } from 'vitest';
import { SearchQueue, scoreBin } from './search-queue';

const admitsFrom = (lowest: number) => ({ admits: (bound: number) => bound >= lowest });

describe('SearchQueue', () => {
  it('hands out entries highest bound first, and none the bar does not admit', () => {
    const queue = new SearchQueue();
    queue.clear();
    const bounds = [55.5, 70, 62.1, 70, 40];
    bounds.forEach((bound, i) => {
      const entry = queue.add(i, i, i + 1, scoreBin(bound));
      queue.startIntoPartner[entry] = i / 10;
      queue.partnerIntoBest[entry] = i / 5;
    });
    const popped: number[] = [];
    for (let entry = queue.pop(admitsFrom(50)); entry >= 0; entry = queue.pop(admitsFrom(50))) {
      const partner = queue.partner[entry] as number;
      popped.push(partner);
      // Every field of the entry is the one it was added with.
      expect([
        queue.startIntoPartner[entry],
        queue.partnerIntoBest[entry],
        queue.position[entry],
        queue.end[entry],
      ]).toEqual([partner / 10, partner / 5, partner, partner + 1]);
    }
    expect(popped.map((partner) => bounds[partner])).toEqual([70, 70, 62.1, 55.5]);
  });

  it('takes entries added at a lower bound while it is being emptied', () => {
    const queue = new SearchQueue();
    queue.clear();
    queue.add(7, 0, 3, scoreBin(80));
    const seen: number[] = [];
    for (let entry = queue.pop(admitsFrom(0)); entry >= 0; entry = queue.pop(admitsFrom(0))) {
      const next = (queue.position[entry] as number) + 1;
      seen.push(queue.position[entry] as number);
      if (next < (queue.end[entry] as number)) queue.add(7, next, 3, scoreBin(80 - seen.length));
    }
    expect(seen).toEqual([0, 1, 2]);
  });

  it('grows past its first capacity and starts empty after clear', () => {
    const queue = new SearchQueue();
    queue.clear();
    for (let i = 0; i < 1000; i++) queue.add(i, i, i, scoreBin((i % 100) / 10));
    let count = 0;
    while (queue.pop(admitsFrom(0)) >= 0) count++;
    expect(count).toBe(1000);
    queue.clear();
    expect(queue.pop(admitsFrom(0))).toBe(-1);
  });
});
