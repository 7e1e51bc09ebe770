/** What the hostile-input tests send: made-up ids, values, bodies and cursors, and an oversized body. */
import { request } from 'node:http';
import fc from 'fast-check';
import { stack } from './stack';

/** Sends a large body the way a client that keeps writing would, and reads the answer. */
export function sendLarge(
  method: string,
  path: string,
  token: string,
  body: string,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${stack().appUrl}/api${path}`);
    const req = request(
      {
        method,
        agent: false,
        hostname: '127.0.0.1',
        port: url.port,
        path: url.pathname,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') }),
        );
      },
    );
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    req.end(body);
  });
}

/** Path parameters an attacker tries: traversal, injection, markup, oversized, odd encodings. */
export const hostileIds = [
  '../../etc/passwd',
  '..%2F..%2Fadmin',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'a'.repeat(300),
  '%00',
  '🏠🏠🏠',
  'LISTING#x',
  ' ',
];

/** Any JSON value, including the awkward ones (huge strings, prototype keys, NaN-like text). */
export const hostileValue = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', 'NaN', '-1', '1e309', '__proto__', 'constructor', 'x'.repeat(20_000)),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 5 }),
);
/** Bodies with the API's own field names holding hostile values. */
export const hostileBody = fc.oneof(
  hostileValue,
  fc.dictionary(
    fc.constantFrom(
      'email',
      'token',
      'dwelling',
      'household',
      'wishes',
      'motive',
      'interested',
      'text',
      'verified',
      'reason',
      'role',
      '__proto__',
      'onBehalfOf',
    ),
    hostileValue,
    { maxKeys: 6 },
  ),
);

/** Cursors a client could make up: plain JSON keys, wrong types, an empty object, garbage. */
const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const forgedCursors = [
  encoded({ pk: 1 }),
  encoded({ pk: 'LISTING#x', sk: 'META', gsi2pk: 'LESSOR#SHLMR' }),
  encoded({ s: 'abc', k: { pk: [] } }),
  encoded({ s: 99 }),
  encoded({}),
  encoded(null),
  `${encoded({ pk: 'x' })}.${'A'.repeat(43)}`,
  'pas-un-curseur',
  '....',
];
