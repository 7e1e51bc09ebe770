/**
 * HiGHS for the plan. In the Lambda bundle its WebAssembly module is copied next to the code
 * (infra/lib/functions.ts, `assets`); from the sources, the package finds its own.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import highsLoader from 'highs';
import { highsPackingSolver, type PackingSolver } from '../../shared/matching/optimiser-solver';

let loading: Promise<PackingSolver> | undefined;

export function loadPackingSolver(): Promise<PackingSolver> {
  const beside = fileURLToPath(new URL('./highs.wasm', import.meta.url));
  loading ??= highsLoader(existsSync(beside) ? { locateFile: () => beside } : {}).then(
    highsPackingSolver,
  );
  return loading;
}
