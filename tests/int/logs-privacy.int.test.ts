/**
 * No personal data in logs: the API is run in this process with its logs captured, through a
 * sign-in, a listing with a phone and an income, a mutual proposal and a message; then the
 * captured output is scanned for e-mail addresses, phone numbers and tenancy references.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app';
import { parseConfig } from '../../functions/lib/config';
import { configureLogs } from '../../functions/lib/logger';
import { listingInput } from '../support/factories';
import { tokenFromMail } from '../support/sign-in';
import { waitForMails } from '../support/mailbox';
import { stack, stackDatabase, uniqueEmail } from '../support/stack';
import { apiContext } from '../../functions/api/deps';

const lines: string[] = [];
let app: ReturnType<typeof createApi>;

beforeAll(() => {
  const db = stackDatabase();
  const config = parseConfig({
    ...process.env,
    TABLE_NAME: db.tableName,
    DYNAMODB_ENDPOINT: stack().dynamodbEndpoint,
    APP_URL: stack().appUrl,
    SESSION_SECRET: 'x'.repeat(43),
  });
  app = createApi(apiContext(config, db));
  configureLogs({ level: 'debug', sink: (line) => lines.push(line) });
});

afterAll(() =>
  configureLogs({ level: 'error', sink: (line) => process.stdout.write(`${line}\n`) }),
);

const call = (path: string, init: { method?: string; token?: string; json?: unknown } = {}) =>
  app.request(`/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });

describe('logs', () => {
  it('carry no e-mail address, phone number, name, income or tenancy reference', async () => {
    const email = uniqueEmail();
    await call('/auth/login', { method: 'POST', json: { email } });
    const [mail] = await waitForMails(email);
    const verified = (await (
      await call('/auth/verify', {
        method: 'POST',
        json: { token: tokenFromMail(mail!.body.text!) },
      })
    ).json()) as { sessionToken: string };
    const token = verified.sessionToken;
    await call('/me', {
      method: 'PATCH',
      token,
      json: { displayName: 'Marie-Josée Hoarau', phone: '0692 45 67 89' },
    });
    await call('/listings', {
      method: 'POST',
      token,
      json: listingInput({
        dwelling: { tenancyRef: 'BAIL-SECRET-77' },
        household: { income: 23456 },
      } as never),
    });
    await call('/listings', {
      method: 'POST',
      token,
      json: { dwelling: { tenancyRef: 'BAIL-SECRET-77' } },
    });
    await call('/nulle-part', { token });

    const output = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(output).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/);
    expect(output).not.toMatch(/0692[ .]?45/);
    expect(output).not.toContain('Hoarau');
    expect(output).not.toContain('BAIL-SECRET-77');
    expect(output).not.toContain('23456');
    expect(output).not.toContain(token);
  });
});
