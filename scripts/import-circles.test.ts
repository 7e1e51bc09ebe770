/**
 * No module imports itself back through others: a circle makes load order matter and hides which
 * layer depends on which (shared/ must never reach functions/, a route never its context's maker).
 */
import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('imports', () => {
  it('form no circle in shared/, functions/, infra/, scripts/ nor web/src/lib', async () => {
    const graph = await madge(['shared', 'functions', 'infra/lib', 'scripts', 'web/src/lib'], {
      baseDir: root,
      fileExtensions: ['ts'],
      tsConfig: `${root}tsconfig.json`,
      detectiveOptions: { ts: { skipTypeImports: false } },
      excludeRegExp: [/node_modules/, /\.d\.ts$/],
    });

    expect(graph.circular()).toEqual([]);
  }, 120_000);
});
