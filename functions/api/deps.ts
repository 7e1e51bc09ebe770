/** Builds the API's dependencies: the application's context and the configuration it came from. */
import { appContext, type AppContextOptions } from '../lib/app-context';
import { config, type Config } from '../lib/config';
import { database, type Database } from '../lib/db/client';
import type { ApiDeps } from './context';

export function apiContext(
  settings: Config,
  db: Database,
  options: AppContextOptions = {},
): ApiDeps {
  return Object.assign(appContext(settings, db, options), { config: settings });
}

export function defaultApiDeps(): ApiDeps {
  return apiContext(config(), database());
}
