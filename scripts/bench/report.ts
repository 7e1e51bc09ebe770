/** Shared by the benchmark scripts: machine line, percentiles, and their section of docs/benchmarks.md. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { resolve } from 'node:path';

export const BENCHMARKS_DOC = resolve(import.meta.dirname, '../../docs/benchmarks.md');

export function machineLine(command: string): string {
  const cpus = os.cpus();
  return `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}. Command: \`${command}\`.`;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    Number.NaN
  );
}

/** The machine's load average over 1, 5 and 15 minutes, as the benchmarks print it. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** Replaces the section between `<!-- bench:name -->` markers, or appends it. */
export function writeBenchSection(name: string, title: string, lines: string[]): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = `${start}\n## ${title}\n\n${lines.join('\n')}\n${end}`;
  const current = existsSync(BENCHMARKS_DOC)
    ? readFileSync(BENCHMARKS_DOC, 'utf8')
    : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(BENCHMARKS_DOC, next);
  formatBenchmarksDoc();
}

/** Prettier over the page once a section is written, as `npm run check` expects every file. */
export function formatBenchmarksDoc(): void {
  const prettier = createRequire(import.meta.url).resolve('prettier/bin/prettier.cjs');
  execFileSync(process.execPath, [prettier, '--write', '--log-level', 'warn', BENCHMARKS_DOC], {
    stdio: 'inherit',
  });
}
