import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Component tests run with the plain Svelte plugin, not SvelteKit's (docs/toolchain.md, « Pièges rencontrés », 1).
 * The `browser` condition makes `mount()` load Svelte's client runtime instead of the server one.
 */
export default defineConfig({
  plugins: [svelte()],
  resolve: {
    conditions: ['browser'],
    alias: {
      $lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
      $shared: fileURLToPath(new URL('../shared', import.meta.url)),
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
