import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { ENTITY, itemOf, keys } from './model';
import { entityOfRawImage, expiryOfRawImage, keyOfRawImage } from './stream-records';

describe('raw stream images', () => {
  const item = itemOf(keys.outbox('O1'), ENTITY.outbox, { id: 'O1', ttl: 1_900_000_000 });

  it('give the key, entity and expiry of the item without unmarshalling it', () => {
    const raw = marshall(item);

    expect(keyOfRawImage(raw)).toEqual(keys.outbox('O1'));
    expect(entityOfRawImage(raw)).toBe(ENTITY.outbox);
    expect(expiryOfRawImage(raw)).toBe('1900000000');
  });

  it('give empty key parts and nothing else for a record without them', () => {
    expect(keyOfRawImage(undefined)).toEqual({ pk: '', sk: '' });
    expect(entityOfRawImage(undefined)).toBeUndefined();
    expect(expiryOfRawImage(marshall({ id: 'O1' }))).toBeUndefined();
  });
});
