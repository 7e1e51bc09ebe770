/**
 * npm runs on the machine's own Node, the project on the pinned `node` devDependency: every locked
 * package must accept that runtime. (npm's own engine check would judge them by the wrong Node.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const readJson = (path: string) => JSON.parse(readFileSync(resolve(root, path), 'utf8'));

interface LockedPackage {
  engines?: { node?: string } | string[];
  os?: string[];
  cpu?: string[];
  optional?: boolean;
}

/** Packages built for another platform are never installed here nor on Lambda (Linux). */
function installedOnLinux(pkg: LockedPackage): boolean {
  return !pkg.os || pkg.os.includes('linux');
}

describe('the locked dependencies', () => {
  const runtime: string = readJson('package.json').devDependencies.node;
  const locked = Object.entries(
    readJson('package-lock.json').packages as Record<string, LockedPackage>,
  );

  it('run on the pinned Node runtime', () => {
    const refusing = locked
      .filter(
        ([, pkg]) =>
          installedOnLinux(pkg) &&
          !Array.isArray(pkg.engines) &&
          typeof pkg.engines?.node === 'string',
      )
      .filter(
        ([, pkg]) =>
          !semver.satisfies(runtime, (pkg.engines as { node: string }).node, {
            includePrerelease: true,
          }),
      )
      .map(([path, pkg]) => `${path} (${(pkg.engines as { node: string }).node})`);

    expect(semver.valid(runtime)).toBe(runtime);
    expect(refusing).toEqual([]);
  });

  it('judge a package that needs a newer Node as refusing', () => {
    expect(semver.satisfies('24.21.0', '>=26')).toBe(false);
  });
});
