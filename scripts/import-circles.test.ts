/**
 * No module imports itself back through others, type imports included: a circle makes load order
 * matter and hides which layer depends on which (shared/ must never reach functions/, a route never
 * its context's maker). A type both sides need lives in a module of its own, or with what it describes.
 */
import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every import circle among the TypeScript modules under `folders`, each as its list of files. */
async function importCircles(folders: string[]): Promise<string[][]> {
  const graph = await madge(folders, {
    baseDir: root,
    fileExtensions: ['ts'],
    tsConfig: `${root}tsconfig.json`,
    detectiveOptions: { ts: { skipTypeImports: false } },
    excludeRegExp: [/node_modules/, /\.d\.ts$/, /\.svelte-kit/],
  });
  return graph.circular();
}

describe('imports', () => {
  it('form no circle in shared/, functions/, scripts/, infra/ nor web/src/', async () => {
    const circles = await importCircles(['shared', 'functions', 'scripts', 'infra', 'web/src']);

    expect(circles).toEqual([]);
  }, 120_000);
});
