/** Lambda entry point of the notifier's scheduled sweep (the stream's part is in functions/followers/). */
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { createSesSender } from '../lib/mail/sender';
import type { NotifierDeps } from './handler';
import { sweepOutbox } from './sweep';

const deps = (): NotifierDeps => ({ db: database(), send: createSesSender(config()) });

export const sweepHandler = lazyHandler<unknown, { sent: number; failed: number }>(() => {
  const sweepDeps = deps();
  return () => sweepOutbox(sweepDeps);
});
