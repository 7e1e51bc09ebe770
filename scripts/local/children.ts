/**
 * Child processes of the local stack are killed when this process ends, however it ends:
 * Vitest skips global teardown on signals, and an orphan java keeps the port busy.
 */
import type { ChildProcess } from 'node:child_process';
import { logger } from '../../functions/lib/logger';

const children = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      // A child already gone makes kill() return false, not throw; whatever it throws is
      // logged and the others are still killed, as an orphan keeps its port busy.
      try {
        child.kill('SIGKILL');
      } catch (error) {
        logger.error('local child process not killed', { pid: child.pid, error });
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
