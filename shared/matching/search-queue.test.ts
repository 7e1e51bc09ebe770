import { describe, expect, it } from 'vitest';
import { SearchQueue } from './search-queue';

const admitsFrom = (lowest: number) => ({ admits: (bound: number) => bound >= lowest });

describe('SearchQueue', () => {
  it('hands out entries highest bound first, and none the bar does not admit', () => {
    const queue = new SearchQueue();
    queue.clear();
    const bounds = [55.5, 70, 62.1, 70, 40];
    const entries = bounds.map((bound, i) => {
      const entry = queue.create(i, 0, 0, 0);
      queue.push(entry, bound);
      return entry;
    });
    const popped: number[] = [];
    for (let entry = queue.pop(admitsFrom(50)); entry >= 0; entry = queue.pop(admitsFrom(50))) popped.push(queue.partner[entry] as number);
    expect(popped.map((partner) => bounds[partner])).toEqual([70, 70, 62.1, 55.5]);
    expect(entries).toHaveLength(5);
  });

  it('takes entries pushed back at a lower bound while it is being emptied', () => {
    const queue = new SearchQueue();
    queue.clear();
    queue.push(queue.create(7, 0, 0, 3), 80);
    const seen: number[] = [];
    for (let entry = queue.pop(admitsFrom(0)); entry >= 0; entry = queue.pop(admitsFrom(0))) {
      seen.push(queue.position[entry] as number);
      queue.position[entry] = (queue.position[entry] as number) + 1;
      if ((queue.position[entry] as number) < (queue.end[entry] as number)) queue.push(entry, 80 - seen.length);
    }
    expect(seen).toEqual([0, 1, 2]);
  });

  it('grows past its first capacity and starts empty after clear', () => {
    const queue = new SearchQueue();
    queue.clear();
    for (let i = 0; i < 1000; i++) queue.push(queue.create(i, i / 10, i, i), (i % 100) / 10);
    let count = 0;
    while (queue.pop(admitsFrom(0)) >= 0) count++;
    expect(count).toBe(1000);
    queue.clear();
    expect(queue.pop(admitsFrom(0))).toBe(-1);
  });
});
