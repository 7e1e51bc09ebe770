/**
 * The API in its production configuration (an origin secret configured, as on AWS): requests
 * that did not come through CloudFront are refused before anything is read or counted; the
 * viewer address counts only on verified requests; the per-address sign-in limit counts the
 * mailbox, whatever +tag or case the address carries. The app runs in this process on its own
 * table of DynamoDB Local.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../functions/api/origin-headers';
import { parseConfig } from '../../functions/lib/config';
import type { Database } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/model';
import { createOwnTable, dropOwnTable, stack } from '../support/stack';
import { apiContext } from '../../functions/api/deps';

const ORIGIN_SECRET = randomBytes(36).toString('base64url');
const PREVIOUS_SECRET = randomBytes(36).toString('base64url');
let db: Database;
let app: ReturnType<typeof createApi>;

beforeAll(async () => {
  db = await createOwnTable('origin-verify');
  const config = parseConfig({
    STAGE: 'prod',
    AWS_REGION: stack().region,
    TABLE_NAME: db.tableName,
    DYNAMODB_ENDPOINT: stack().dynamodbEndpoint,
    APP_URL: 'https://echange-kaz.example',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ORIGIN_VERIFY_SECRETS: `${ORIGIN_SECRET},${PREVIOUS_SECRET}`,
    LOGIN_LIMIT_PER_EMAIL: '2',
    LOG_LEVEL: 'error',
  });
  app = createApi(apiContext(config, db));
});

afterAll(() => dropOwnTable(db));

const login = (email: string, headers: Record<string, string> = {}) =>
  app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email }),
  });

/** Hits recorded for `subject` in the current window (undefined: never counted). */
async function hits(
  scope: 'login-ip' | 'login-email',
  subject: string,
  windowSeconds: number,
): Promise<number | undefined> {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.rateLimit(scope, subject, windowStart) }),
  );
  return Item?.hits as number | undefined;
}

const forgedAddress = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

describe('only CloudFront reaches the API (production configuration)', () => {
  it('refuses with 403 a request without the origin secret, or with a wrong one', async () => {
    const [health, signIn, wrong] = await Promise.all([
      app.request('/api/health'),
      login('quelqu.un@exemple.re'),
      login('quelqu.un@exemple.re', { [ORIGIN_VERIFY_HEADER]: `${ORIGIN_SECRET}x` }),
    ]);

    expect([health.status, signIn.status, wrong.status]).toEqual([403, 403, 403]);
    expect(((await signIn.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(await hits('login-email', 'quelqu.un@exemple.re', 900)).toBeUndefined();
  });

  it('counts nothing for a forged viewer address sent without the secret', async () => {
    const address = forgedAddress();

    const responses = await Promise.all(
      Array.from({ length: 3 }, () =>
        login('cible@exemple.re', { [VIEWER_ADDRESS_HEADER]: address }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual([403, 403, 403]);
    expect(await hits('login-ip', address, 3600)).toBeUndefined();
  });

  it('counts the viewer address CloudFront forwards with the secret, the previous secret included', async () => {
    const address = forgedAddress();

    const current = await login(`visiteur.${Date.now()}@exemple.re`, {
      [ORIGIN_VERIFY_HEADER]: ORIGIN_SECRET,
      [VIEWER_ADDRESS_HEADER]: address,
    });
    const previous = await login(`visiteur.${Date.now()}b@exemple.re`, {
      [ORIGIN_VERIFY_HEADER]: PREVIOUS_SECRET,
      [VIEWER_ADDRESS_HEADER]: address,
    });

    expect([current.status, previous.status]).toEqual([202, 202]);
    expect(await hits('login-ip', address, 3600)).toBe(2);
  });

  it('gives victim+1@… and victim+2@… one shared per-address limit', async () => {
    const victim = `victime${Date.now()}`;
    const through = (email: string) =>
      login(email, {
        [ORIGIN_VERIFY_HEADER]: ORIGIN_SECRET,
        [VIEWER_ADDRESS_HEADER]: forgedAddress(),
      });

    const first = await through(`${victim}+1@exemple.re`);
    const second = await through(`${victim}+2@exemple.re`);
    const third = await through(`${victim.toUpperCase()}+3@Exemple.re`);

    expect([first.status, second.status, third.status]).toEqual([202, 202, 429]);
    expect(await hits('login-email', `${victim}@exemple.re`, 900)).toBe(2);
  });
});
