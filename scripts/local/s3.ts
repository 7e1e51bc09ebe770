/**
 * The photos bucket on one machine: s3rver (an S3-compatible server from npm) in this process.
 * S3 calls the photo job for every object created under `uploads/`; here s3rver's own event
 * emitter does, with the same S3Event shape, the same handler, and Lambda's retries for an
 * asynchronous invocation (two more attempts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';
import { logger } from '../../functions/lib/logger';
import { PHOTO_OBJECT_PREFIXES } from '../../functions/lib/photos/storage';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** Resolves once every upload received so far has been handled (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalS3Options {
  port: number;
  bucket: string;
  /** Persist objects here; a temporary folder, removed at stop, when absent. */
  directory?: string;
  /** The web app's origin, allowed to PUT from the browser (CORS); photos are read through the app's origin. */
  appOrigin: string;
  /** Set once the stack's database is ready: the photo job. */
  onUpload?: () => ((event: S3Event) => Promise<void>) | undefined;
}

const corsConfig = (origin: string) => `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

const ATTEMPTS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const temporary = options.directory ? undefined : mkdtempSync(join(tmpdir(), 'echange-kaz-s3-'));
  const directory = options.directory ?? temporary!;
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [corsConfig(options.appOrigin)] }],
  });
  const inFlight = new Set<Promise<void>>();

  server.on('event', (event: S3Event) => {
    const record = event.Records[0];
    if (
      !record?.eventName.startsWith('ObjectCreated:') ||
      !record.s3.object.key.startsWith(PHOTO_OBJECT_PREFIXES.uploads)
    )
      return;
    const handler = options.onUpload?.();
    if (!handler) return;
    const run = (async () => {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        try {
          return await handler(event);
        } catch (error) {
          logger.warn('photo job failed', { key: record.s3.object.key, attempt, error });
          if (attempt < ATTEMPTS) await sleep(500 * attempt);
        }
      }
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  });

  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: options.bucket,
    idle: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      server.httpServer?.closeAllConnections();
      await server.close();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
