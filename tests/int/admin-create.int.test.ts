import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signIn } from '../support/sign-in';
import { stack, uniqueEmail } from '../support/stack';

const root = resolve(import.meta.dirname, '../..');

function adminCreate(...args: string[]) {
  const { tableName, dynamodbEndpoint, region } = stack();
  // The Node running the tests (the pinned one), never whatever `node` the machine's PATH holds.
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin-create.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
  });
}

describe('npm run admin:create', () => {
  it('creates the first Armos account of a stage, who can then sign in; refuses a duplicate and bad input', async () => {
    const email = uniqueEmail('armos');

    const created = adminCreate('--email', email, '--role', 'armos');
    const duplicate = adminCreate('--email', email, '--role', 'armos');
    const bad = adminCreate('--email', 'pas-une-adresse', '--role', 'tenant');

    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain('Compte armos créé');
    expect(duplicate.status).toBe(1);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/adresse e-mail n'est pas valide/);
    expect((await signIn(email)).user).toMatchObject({ email, role: 'armos' });
  });
});
