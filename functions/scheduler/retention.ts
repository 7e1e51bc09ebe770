/** Lambda entry point of the retention jobs (EventBridge, see infra/lib/functions.ts). */
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { photoStorage } from '../lib/photos/storage';
import { runInactiveAccounts, type InactiveAccountsReport } from './inactive-accounts';

export const inactiveAccountsHandler = lazyHandler<unknown, InactiveAccountsReport>(() => {
  const deps = { db: database(), appUrl: config().appUrl, storage: photoStorage };
  return () => runInactiveAccounts(deps, new Date());
});
