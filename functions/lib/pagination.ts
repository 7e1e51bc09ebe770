/**
 * Pagination cursors handed to clients: the storage position, signed and bound to the list it
 * came from. A forged, altered or replayed-elsewhere cursor is refused with 400 before it can
 * reach DynamoDB (which would otherwise fail on a malformed start key, or start another list).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../shared/errors';

export interface CursorCodec {
  /** `scope` names the list (and its filters) the position belongs to. */
  encode(scope: string, position: unknown): string;
  decode<T>(scope: string, cursor: string | undefined): T | undefined;
}

const invalid = () =>
  new ValidationError('Curseur de pagination invalide : recommencez depuis la première page.', [
    { path: 'cursor', message: 'Curseur invalide.' },
  ]);

export function cursorCodec(secret: string): CursorCodec {
  // A key of its own, derived from the secret: a cursor's signature can never serve as a session's.
  const key = createHmac('sha256', secret).update('pagination-cursor-v1').digest();
  const sign = (scope: string, payload: string) =>
    createHmac('sha256', key).update(`${scope}\n${payload}`).digest();
  return {
    encode(scope, position) {
      const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
      return `${payload}.${sign(scope, payload).toString('base64url')}`;
    },
    decode<T>(scope: string, cursor: string | undefined): T | undefined {
      if (cursor === undefined || cursor === '') return undefined;
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) throw invalid();
      const expected = sign(scope, payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
      } catch {
        throw invalid();
      }
    },
  };
}
