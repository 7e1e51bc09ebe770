import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors';
import { cursorCodec } from './pagination';

const codec = cursorCodec('secret-de-test');
const position = { pk: 'LISTING#01H', sk: 'META', gsi1pk: 'LESSOR#SIDR' };

describe('pagination cursors', () => {
  it('gives back the position it encoded, for the same list', () => {
    const cursor = codec.encode('lessor-queue:SIDR:pending', position);

    expect(codec.decode('lessor-queue:SIDR:pending', cursor)).toEqual(position);
    expect(codec.decode('lessor-queue:SIDR:pending', undefined)).toBeUndefined();
  });

  it('refuses a cursor of another list, one signed with another secret, and an altered one', () => {
    const cursor = codec.encode('lessor-queue:SIDR:pending', position);
    const [payload, signature] = cursor.split('.');
    const altered = `${Buffer.from(JSON.stringify({ ...position, pk: 'USER#x' })).toString('base64url')}.${signature}`;

    expect(() => codec.decode('lessor-queue:SHLMR:pending', cursor)).toThrow(ValidationError);
    expect(() => cursorCodec('autre').decode('lessor-queue:SIDR:pending', cursor)).toThrow(
      ValidationError,
    );
    expect(() => codec.decode('lessor-queue:SIDR:pending', altered)).toThrow(ValidationError);
    expect(() => codec.decode('lessor-queue:SIDR:pending', `${payload}`)).toThrow(ValidationError);
  });

  it('refuses any forged string with a validation error, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (forged) => {
        fc.pre(forged !== '');
        expect(() => codec.decode('scope', forged)).toThrow(ValidationError);
      }),
    );
  });
});
