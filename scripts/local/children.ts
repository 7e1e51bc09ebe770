/**
 * Child processes of the local stack are killed when this process ends, however it ends:
 * Vitest skips global teardown on signals, and an orphan java keeps the port busy.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
}

export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!hooked) {
    hooked = true;
    process.once('exit', killAll);
  }
}

export function untrack(child: ChildProcess): void {
  children.delete(child);
}
