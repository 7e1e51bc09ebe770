import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    // `$shared` lives outside web/: let the dev server read the repository root.
    fs: { allow: ['..'] },
  },
});
