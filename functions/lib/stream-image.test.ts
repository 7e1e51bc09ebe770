import { describe, expect, it } from 'vitest';
import { imageOf } from './stream-image';

describe('stream images', () => {
  it('keeps typed empty maps and lists, and drops untyped values', () => {
    const image = {
      id: { S: 'L1' },
      needs: { M: {} },
      quartiers: { L: [] },
      wishes: { M: { features: {}, communes: { L: [{ S: '97411' }, {}] } } },
      untyped: {},
    };

    expect(imageOf(image)).toEqual({
      id: 'L1',
      needs: {},
      quartiers: [],
      wishes: { communes: ['97411'] },
    });
  });
});
