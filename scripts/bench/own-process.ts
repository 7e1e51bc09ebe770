/**
 * One tree's measurement in a Node process of its own, for the benchmarks that compare this tree
 * with an older one (`BENCH_BASE_DIR`): measured one after the other in one process, the second
 * tree would find the SDK, Hono and zod already compiled by V8, and the heap the first one left.
 * The benchmark's measuring file is the child's entry point too: `measureHereIfAsked` runs the
 * measurement there and hands its result back through a file.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

/**
 * Runs `entry` (a file that calls `measureHereIfAsked`) in a child process for the tree at
 * `root`, and resolves with what it measured; its output goes to this process's stderr.
 */
export async function measureInOwnProcess<T>(
  entry: string,
  label: string,
  root: string,
): Promise<T> {
  const resultFile = resolve(tmpdir(), `bench-${process.pid}-${Date.now()}.json`);
  const child = spawn(process.execPath, [...process.execArgv, entry], {
    env: {
      ...process.env,
      BENCH_MEASURE_LABEL: label,
      BENCH_MEASURE_ROOT: root,
      BENCH_RESULT_FILE: resultFile,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`The measurement of ${label} exited with code ${code}`);
  try {
    return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
  } finally {
    rmSync(resultFile, { force: true });
  }
}

/** In a process `measureInOwnProcess` started: measures, writes the result, and exits. */
export async function measureHereIfAsked<T>(
  measure: (label: string, root: string) => Promise<T>,
): Promise<void> {
  const { BENCH_MEASURE_ROOT: root, BENCH_RESULT_FILE: resultFile } = process.env;
  if (!root || !resultFile) return;
  const label = process.env.BENCH_MEASURE_LABEL ?? 'now';
  writeFileSync(resultFile, JSON.stringify(await measure(label, root)));
  console.error(label, 'done');
  // The SDK's sockets and the stack's timers would keep the process alive a while.
  process.exit(0);
}
