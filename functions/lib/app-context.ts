/**
 * What the product's use cases are given, built once per process: by the API, each stream handler,
 * each scheduled job and the local stack alike. A use case names the part it reads as
 * `Pick<AppContext, …>`, so its signature says what it touches and a test builds only that.
 */
import type { ReferenceData } from '../../shared/reference/index';
import type { Config } from './config';
import type { Database } from './db/client';
import { cachedReferenceData } from './db/reference';
import { createPhotoStorage, type PhotoStorage } from './photos/storage';

export interface AppContext {
  db: Database;
  now: () => Date;
  /** Communes, quartiers and lessors, cached for a few seconds (Armos may edit them). */
  reference: () => Promise<ReferenceData>;
  /** The site's address, for the links in mails. */
  appUrl: string;
  /** Signs sessions, links and tokens; read when asked, since only some functions are given it. */
  sessionSecret: () => string;
  /** The photo bucket, built on first use: only photo requests and purges need its configuration. */
  storage: () => PhotoStorage;
  /** The local stack only: webhook receivers on http://localhost are accepted. */
  allowLocalhost: boolean;
}

export interface AppContextOptions {
  now?: () => Date;
  reference?: () => Promise<ReferenceData>;
  storage?: PhotoStorage;
}

export function appContext(
  settings: Config,
  db: Database,
  options: AppContextOptions = {},
): AppContext {
  let storage = options.storage;
  return {
    db,
    now: options.now ?? (() => new Date()),
    reference: options.reference ?? cachedReferenceData(db),
    appUrl: settings.appUrl,
    sessionSecret: () => settings.sessionSecret,
    storage: () => (storage ??= createPhotoStorage(settings)),
    allowLocalhost: settings.isLocal,
  };
}
