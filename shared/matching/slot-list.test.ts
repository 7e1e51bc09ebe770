import { describe, expect, it } from 'vitest';
import { SlotList } from './slot-list';

describe('SlotList', () => {
  it('keeps the slots pushed, minus those removed, growing as needed', () => {
    const list = new SlotList();
    for (let slot = 0; slot < 100; slot++) list.push(slot);
    expect(list.remove(42)).toBe(true);
    expect(list.remove(42)).toBe(false);
    expect(list.remove(0)).toBe(true);
    const kept = Array.from(list.items.subarray(0, list.length)).sort((x, y) => x - y);
    expect(kept).toEqual(
      Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== 42 && i !== 0),
    );
  });
});
