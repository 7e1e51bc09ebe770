/** Lambda entry point of the webhooks' scheduled retry sweep (the stream's part is in functions/followers/). */
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { sweepWebhookRetries } from './sweep';
import { appContext } from '../lib/app-context';

const deps = () => appContext(config(), database());

export const sweepHandler = lazyHandler<unknown, Record<string, number>>(() => {
  const sweepDeps = deps();
  return () => sweepWebhookRetries(sweepDeps);
});
