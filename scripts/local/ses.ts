/** Starts the local SES endpoint (aws-ses-v2-local), whose web page lists every mail sent. */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';

type StartSes = (config: { port: number; host: string }) => Promise<Server>;

export interface LocalSes {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalSes(options: { port: number; host?: string }): Promise<LocalSes> {
  // Its default export is shaped differently under Vitest and plain Node; require() is stable.
  const required = createRequire(import.meta.url)('aws-ses-v2-local') as { default: StartSes };
  const server = await required.default({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}
