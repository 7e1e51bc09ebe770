/**
 * The statistics aggregator of an older tree of the repository, for `npm run bench:stats` to
 * measure side by side with the current one: `BENCH_BASE_DIR` names a checked-out tree, else the
 * commit `BENCH_BASE_REF` (by default the one before the current layout of aggregates) is
 * extracted to a temporary folder that borrows this tree's node_modules.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import type { createStatsAggregator } from '../../functions/stats/handler';
import type { aggregatesFromItems } from '../../functions/lib/db/stats';

/** The last commit with one aggregate item per month and scope. */
export const BASE_REF_DEFAULT = 'b99296e';

export interface BaseAggregator {
  label: string;
  create: typeof createStatsAggregator;
  /** How that tree reads its own stored aggregates. */
  read: typeof aggregatesFromItems;
}

function extracted(ref: string): string {
  const dir = join(os.tmpdir(), `bench-stats-base-${ref}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    execSync(`git archive ${ref} | tar -x -C ${dir}`);
  }
  const modules = join(dir, 'node_modules');
  // A link left by a tree since deleted is dangling: existsSync says false, symlinkSync EEXIST.
  if (!existsSync(modules)) {
    rmSync(modules, { force: true });
    symlinkSync(resolve('node_modules'), modules);
  }
  return dir;
}

export async function baseAggregator(): Promise<BaseAggregator> {
  const ref = process.env.BENCH_BASE_REF ?? BASE_REF_DEFAULT;
  const dir = process.env.BENCH_BASE_DIR ?? extracted(ref);
  const handler = (await import(resolve(dir, 'functions/stats/handler.ts'))) as {
    createStatsAggregator: typeof createStatsAggregator;
  };
  const stats = (await import(resolve(dir, 'functions/lib/db/stats.ts'))) as {
    aggregatesFromItems: typeof aggregatesFromItems;
  };
  return {
    label: process.env.BENCH_BASE_LABEL ?? (process.env.BENCH_BASE_DIR ? dir : ref),
    create: handler.createStatsAggregator,
    read: stats.aggregatesFromItems,
  };
}
