import { describe, expect, it } from 'vitest';
import { aggregatesOf, cellKey, type Cells } from '../../../shared/stats/index';
import { ENTITY, keys } from './model';
import { aggregatesFromItems, monthItemKeyOf, statsItemOf, statsItemsOf } from './stats';

const sorted = (aggregates: ReturnType<typeof aggregatesFromItems>) =>
  [...aggregates].sort((a, b) => `${a.month}|${a.scope}`.localeCompare(`${b.month}|${b.scope}`));

describe('statistics items', () => {
  it('store a month’s scopes in two items, a year of the stock in one, and read back the same aggregates', () => {
    // Prepare
    const cells: Cells = new Map([
      [cellKey('2026-03', 'Q#97411-le-chaudron', 'new'), 2],
      [cellKey('2026-03', 'Q#97420-la-renaissance', 'offered.T3'), 1],
      [cellKey('2026-03', 'C#97411', 'new'), 2],
      [cellKey('2026-03', 'CINOR', 'new'), 2],
      [cellKey('2026-03', 'F#97411-le-chaudron#97420-la-renaissance', 'moves'), 1],
      [cellKey('2026-03', 'Q#97411-le-chaudron', 'active'), 2],
      [cellKey('2026-04', 'CINOR', 'active'), -1],
    ]);

    // Act
    const items = statsItemsOf(cells).map(({ target, counters }) =>
      statsItemOf(target, counters, 1),
    );

    // Assess
    const stored = items.map((item) => `${String(item.pk)}|${String(item.sk)}`);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.filter((key) => key.startsWith('STATSSTOCK|'))).toEqual(['STATSSTOCK|2026']);
    for (const item of items.filter((i) => i.entity === ENTITY.statsMonth)) {
      expect(String(item.sk)).toMatch(/^SCOPES#[01]$/);
      for (const scope of Object.keys(item.counters as object))
        expect(monthItemKeyOf('2026-03', scope)).toEqual({ pk: item.pk, sk: item.sk });
    }
    expect(sorted(aggregatesFromItems(items))).toEqual(sorted(aggregatesOf(cells)));
  });

  it('add the earlier one-item-per-scope layout to the current one, until a rebuild replaces it', () => {
    // Prepare: counts from before the change of layout, and after it, for the same month and scope.
    const legacy = {
      ...keys.statsAggregate('2026-03', 'Q#97411-le-chaudron'),
      entity: ENTITY.statsAggregate,
      month: '2026-03',
      scope: 'Q#97411-le-chaudron',
      new: 3,
      appliedDay0: 20_000,
      appliedIds0: new Set(['x']),
    };
    const legacyStock = {
      ...keys.statsStock('2026-03'),
      entity: ENTITY.statsStock,
      'Q#97411-le-chaudron': 3,
      appliedDay1: 20_001,
    };
    const [current, stock] = statsItemsOf(
      new Map([
        [cellKey('2026-03', 'Q#97411-le-chaudron', 'new'), 1],
        [cellKey('2026-03', 'Q#97411-le-chaudron', 'active'), 1],
      ]),
    ).map(({ target, counters }) => statsItemOf(target, counters, 4));

    // Act
    const aggregates = aggregatesFromItems([legacy, current!, legacyStock, stock!]);

    // Assess
    expect(aggregates).toEqual([
      { month: '2026-03', scope: 'Q#97411-le-chaudron', counters: { new: 4, active: 4 } },
    ]);
  });
});
