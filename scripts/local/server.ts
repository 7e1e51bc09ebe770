/**
 * The local web server: the API app under /api and the built web app for every other path,
 * and the photos' signed links under /photos, on one origin as CloudFront serves them on AWS.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createApi } from '../../functions/api/app';
import type { ApiDeps } from '../../functions/api/context';
import { securityHeaders } from '../../functions/api/middleware/security-headers';
import { servePhotos } from './photos-route';

export const WEB_BUILD_DIR = resolve(import.meta.dirname, '../../web/build');

export interface LocalServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function createLocalApp(deps: ApiDeps, webBuildDir = WEB_BUILD_DIR): Hono {
  const app = new Hono();
  app.route('/', createApi(deps));
  const root = relative(process.cwd(), webBuildDir) || '.';
  const web = new Hono();
  web.use('*', securityHeaders({ https: false, photoUploadOrigin: deps.config.s3Endpoint }));
  // CloudFront compresses the web app's files (infra/lib/web.ts `compress: true`): so does this server.
  web.use('*', compress());
  web.use('/_app/immutable/*', async (c, next) => {
    await next();
    c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  servePhotos(web, deps.config);
  web.use('*', serveStatic({ root }));
  // Single-page app: any other path is a client-side route.
  web.get('*', (c) => {
    try {
      return c.html(readFileSync(resolve(webBuildDir, 'index.html'), 'utf8'));
    } catch {
      return c.text("L'application web n'est pas construite : lancez « npm run build:web ».", 503);
    }
  });
  app.route('/', web);
  return app;
}

export function startLocalServer(
  app: Hono,
  port: number,
  hostname = '127.0.0.1',
): Promise<LocalServer> {
  return new Promise((ready, fail) => {
    const onError = (error: Error) => fail(error);
    const server: ServerType = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      server.off('error', onError);
      ready({
        url: `http://localhost:${info.port}`,
        port: info.port,
        stop: () =>
          new Promise((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', onError);
  });
}
