/**
 * A clone of the repository is all a newcomer has: nothing tracked may point to a file beside it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
// Paths that leave the repository: the spec folder that sits beside a working copy, a spec file
// named without its folder as if it sat beside the code (the repository's own are docs/api.md,
// docs/design.md…), or an absolute path of one machine. Imports such as `../../shared/schemas`
// stay inside and are fine.
const OUTSIDE =
  /(^|[^.\w/])\.\.\/shared\/(API|DESIGN|TOOLCHAIN|STYLE|README)\.md|(?<!docs\/)\b(API|DESIGN|TOOLCHAIN|STYLE)\.md\b|\.\.\/shared\/data\/|\/work\/|\/home\/[a-z]/;

function trackedTextFiles(): string[] {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
  return files.filter(
    (file) =>
      /\.(ts|svelte|js|json|md|sh|yml)$|^\.ci\/run$/.test(file) && file !== 'package-lock.json',
  );
}

describe('the repository', () => {
  it('refers to no file outside itself', () => {
    const offenders = trackedTextFiles().flatMap((file) =>
      readFileSync(resolve(root, file), 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          OUTSIDE.test(line) && file !== 'scripts/repository.test.ts'
            ? [`${file}:${index + 1}`]
            : [],
        ),
    );

    expect(offenders).toEqual([]);
  });

  it('recognises a reference to the spec folder beside a working copy', () => {
    expect(OUTSIDE.test(['see ..', 'shared', 'API.md'].join('/'))).toBe(true);
    expect(OUTSIDE.test("import x from '../../shared/schemas/listing';")).toBe(false);
  });

  it('recognises a spec file named without its folder', () => {
    expect(OUTSIDE.test('/** Sign-in (API.md "Auth and accounts"). */')).toBe(true);
    expect(OUTSIDE.test('// "Matches" in DESIGN.md')).toBe(true);
    expect(OUTSIDE.test('see TOOLCHAIN.md, gotcha 1')).toBe(true);
    expect(OUTSIDE.test('(STYLE.md)')).toBe(true);
    expect(OUTSIDE.test('/** Sign-in (docs/api.md "Auth and accounts"). */')).toBe(false);
    expect(OUTSIDE.test('[conception](docs/design.md)')).toBe(false);
    expect(OUTSIDE.test('shared/reference/SOURCES.md, OPENAPI.md')).toBe(false);
  });
});
