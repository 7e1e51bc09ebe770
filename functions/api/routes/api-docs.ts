/**
 * The API reference at /api/docs, rendered in the browser by Scalar's standalone bundle served
 * from this app (no CDN): in the Lambda bundle the file is copied beside the code
 * (infra/lib/functions.ts, `assets`); from the sources it is read from node_modules. The page
 * has its own Content-Security-Policy: scripts from this origin only, no inline script.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { ApiEnv } from '../context';

const RENDERER = 'standalone.js';

function rendererPath(): string {
  const beside = fileURLToPath(new URL(`./${RENDERER}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(
    new URL(
      `../../../node_modules/@scalar/api-reference/dist/browser/${RENDERER}`,
      import.meta.url,
    ),
  );
}

/** Scalar reads its settings from this element's attributes: no inline script is needed. */
const configuration = JSON.stringify({
  withDefaultFonts: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  telemetry: false,
});

const PAGE = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Référence de l’API — Échange Kaz</title>
  </head>
  <body>
    <noscript>La référence interactive demande JavaScript ; le document OpenAPI est à l’adresse /api/openapi.json.</noscript>
    <script id="api-reference" type="application/json" data-url="/api/openapi.json" data-configuration='${configuration.replace(/'/g, '&#39;')}'></script>
    <script src="/api/docs/${RENDERER}"></script>
  </body>
</html>
`;

export function apiDocsRoutes() {
  let renderer: Promise<string> | undefined;
  const router = new Hono<ApiEnv>();
  router.use(
    '/docs/*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The reference sets its own styles, inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  router.get('/docs', (c) => c.redirect('/api/docs/', 301));
  router.get('/docs/', (c) => c.html(PAGE));
  router.get(`/docs/${RENDERER}`, async (c) => {
    renderer ??= readFile(rendererPath(), 'utf8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(await renderer, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  return router;
}
