/**
 * Test layers, visible in file names (docs/architecture.md):
 *  - unit:  `*.test.ts` — pure code, no I/O (shared/, functions/, scripts/).
 *  - web:   Svelte component tests (web/vitest.config.ts).
 *  - stack: `*.int.test.ts` against DynamoDB Local and the local SES endpoint, and
 *           `tests/e2e/*.e2e.test.ts` in Chromium — one local stack started by the global setup.
 */
import { defineConfig } from 'vitest/config';

// Metrics are log lines for CloudWatch; nothing reads them locally (functions/lib/metrics.test.ts turns them on).
const env = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

export default defineConfig({
  test: {
    // One file at a time whatever the machine: stack files share one local stack, and two at once on
    // 2 cores (9-11 min instead of 18-22) made a test or two per run miss its wait; a fixed number
    // keeps a run on a large machine like a run on a small one.
    maxWorkers: 1,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'functions/**/*.test.ts',
            'scripts/**/*.test.ts',
            'infra/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          // Generated markets, property runs and bundle loads take seconds on a busy 2-core machine;
          // a timeout is a guard against a hang, never a performance assertion.
          testTimeout: 30_000,
          env,
        },
      },
      'web/vitest.config.ts',
      {
        test: {
          name: 'stack',
          include: ['tests/int/**/*.int.test.ts', 'tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // What the stream handlers and the browser do shows up "soon", later on a busy machine:
          // a poll waits up to 15 s (each call may still say less), a guard against a hang only.
          expect: { poll: { timeout: 15_000 } },
          setupFiles: ['tests/support/quiet-logs.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env,
        },
      },
    ],
  },
});
