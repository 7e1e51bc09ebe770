/** Builds the API's dependencies from the process configuration. */
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { cachedReferenceData } from '../lib/db/reference';
import type { ApiDeps } from './context';

export function defaultApiDeps(): ApiDeps {
  const db = database();
  return { config: config(), db, now: () => new Date(), reference: cachedReferenceData(db) };
}
