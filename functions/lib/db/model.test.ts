import { describe, expect, it } from 'vitest';
import {
  ENTITY,
  PARTITION_PREFIX,
  entityOf,
  fromItem,
  indexKeys,
  indexPartitionOf,
  itemOf,
  keyOf,
  keys,
  tableDefinition,
} from './model';

describe('fromItem', () => {
  it('drops every attribute the table needs and keeps every other one', () => {
    const tableAttributes = {
      ...keys.listing('L1'),
      entity: 'Listing',
      [tableDefinition.ttlAttribute]: 1_900_000_000,
      ...Object.fromEntries(
        Object.values(tableDefinition.indexes).flatMap((index) => [
          [index.partitionKey, 'P'],
          [index.sortKey, 'S'],
        ]),
      ),
    };
    const stored = { id: 'L1', status: 'published', dwelling: { typology: 'T3' }, version: 4 };

    expect(fromItem({ ...tableAttributes, ...stored })).toEqual(stored);
  });
});

describe('itemOf, keyOf, entityOf', () => {
  it('write an item whose key, entity and object read back apart', () => {
    const object = { id: 'M1', status: 'proposed' };
    const item = itemOf(keys.match('M1'), ENTITY.match, object);

    expect(keyOf(item)).toEqual(keys.match('M1'));
    expect(entityOf(item)).toBe(ENTITY.match);
    expect(fromItem(item)).toEqual(object);
  });

  it('reads the index partition an item is in, none when it is out of the index', () => {
    const item = { ...keys.listing('L1'), ...indexKeys.listingsToVerify('B1', 'pending', 'T') };

    expect(indexPartitionOf(item, 'gsi2')).toBe(item.gsi2pk);
    expect(indexPartitionOf(item, 'gsi3')).toBeUndefined();
  });
});

describe('partition prefixes', () => {
  it('cover every partition of their kind and no other', () => {
    const stats = [
      keys.statsAggregate('2026-03', 'CINOR'),
      keys.statsEvent('E1'),
      keys.statsStock('2026-03'),
      keys.statsMonth('2026-03', 0),
      keys.statsStockYear('2026'),
      keys.statsLedger(7),
    ];
    const listing = [
      keys.listing('L1'),
      keys.photo('L1', 0),
      keys.matchLink('L1', 'M1'),
      keys.matchSummary('L1'),
    ];
    const others = [keys.user('U1'), keys.match('M1'), keys.swap('S1'), keys.outbox('O1')];

    for (const { pk } of stats) expect(pk.startsWith(PARTITION_PREFIX.stats)).toBe(true);
    for (const { pk } of listing) expect(pk.startsWith(PARTITION_PREFIX.listing)).toBe(true);
    for (const { pk } of [...listing, ...others])
      expect(pk.startsWith(PARTITION_PREFIX.stats)).toBe(false);
    for (const { pk } of [...stats, ...others])
      expect(pk.startsWith(PARTITION_PREFIX.listing)).toBe(false);
  });
});
