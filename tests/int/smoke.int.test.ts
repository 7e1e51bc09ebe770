/**
 * `npm run smoke` against the local stack, as CI runs it: the script an operator runs after a
 * deployment passes on what the tests run, signing in through the local mailbox.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stack } from '../support/stack';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** Runs the script with the Node running the tests (the pinned one, as `npm run smoke` uses). */
async function smoke(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/smoke.ts', ...args],
      { cwd: root, timeout: 90_000 },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('npm run smoke', () => {
  it('verifies health, OpenAPI, reference data, site headers, sign-in and a photo round trip on the local stack', async () => {
    const { appUrl, sesUrl } = stack();

    const { code, stdout } = await smoke('--url', appUrl, '--mailbox', sesUrl);

    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^OK +santé/m);
    expect(stdout).toMatch(/^OK +référentiel +3 communes, 36 quartiers, 7 bailleurs/m);
    expect(stdout).toMatch(/^OK +site et en-têtes .*HSTS non vérifiable en http/m);
    expect(stdout).toMatch(/^OK +demande de connexion/m);
    expect(stdout).toMatch(
      /^OK +photo envoyée et relue +JPEG avec position GPS envoyé, relu en WebP/m,
    );
    expect(stdout).toContain('Tout est vérifié.');
  }, 120_000);

  it('fails, saying why, when the address serves no platform', async () => {
    const outcome = await smoke('--url', 'http://127.0.0.1:9');

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/^ÉCHEC +santé/m);
  });
});
