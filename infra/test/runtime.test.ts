/**
 * One Node major everywhere: the Lambda runtime, the bundle target, the pinned `node`
 * devDependency and the process running these tests (started by `npm run` / `npx`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_TARGET, LAMBDA_RUNTIME } from '../lib/function';
import { REPOSITORY_ROOT } from '../lib/functions';

const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);

describe('runtime', () => {
  it('deploys, bundles for and tests on the major of the pinned node devDependency', () => {
    const manifest = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const pinned = manifest.devDependencies.node ?? '';

    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(LAMBDA_RUNTIME.name).toBe(`nodejs${major(pinned)}.x`);
    expect(BUNDLE_TARGET).toBe(`node${major(pinned)}`);
    expect(major(manifest.devDependencies['@types/node'] ?? '')).toBe(major(pinned));
    expect(process.versions.node).toBe(pinned);
  });
});
