import { describe, expect, it } from 'vitest';
import { fromItem, keys, tableDefinition } from './model';

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
