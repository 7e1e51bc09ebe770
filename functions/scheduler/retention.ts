/** Lambda entry point of the retention jobs (EventBridge, see infra/lib/functions.ts). */
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { runInactiveAccounts, type InactiveAccountsReport } from './inactive-accounts';
import { appContext } from '../lib/app-context';

export const inactiveAccountsHandler = lazyHandler<unknown, InactiveAccountsReport>(() => {
  const deps = appContext(config(), database());
  return () => runInactiveAccounts(deps, new Date());
});
