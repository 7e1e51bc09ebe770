import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Static SPA: the pages are plain files in `build/`, served by the Hono server locally and by
 * S3 + CloudFront in production. Unknown paths get `index.html` (the fallback) so deep links
 * such as /connexion?token=… load the app, which then routes on the client (docs/toolchain.md, piège 9).
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    alias: {
      // zod schemas, types and reference data shared with the API (repository root `shared/`).
      $shared: '../shared',
    },
  },
};

export default config;
