/**
 * Cold start of a Lambda entry point: resolve secrets, read the configuration once (failing
 * fast), set the log level. Entry points await it lazily on the first invocation, so that the
 * bundles stay loadable with require() (no top-level await).
 */
import { config, type Config } from './config';
import { configureLogs, startInvocation } from './logger';
import { publishMetrics, recordStreamLag } from './metrics';
import { resolveSecrets } from './secrets';

let ready: Promise<Config> | undefined;

export function bootstrap(): Promise<Config> {
  ready ??= resolveSecrets().then(() => {
    const loaded = config();
    configureLogs({ level: loaded.logLevel });
    return loaded;
  });
  return ready;
}

/** Wraps a handler factory so that it is built once, after bootstrap. */
export function lazyHandler<E, R, C = unknown>(build: () => (event: E, context: C) => Promise<R>) {
  let built: ((event: E, context: C) => Promise<R>) | undefined;
  return async (event: E, context: C): Promise<R> => {
    startInvocation(event, context);
    recordStreamLag(event);
    try {
      if (!built) {
        await bootstrap();
        built = build();
      }
      return await built(event, context);
    } finally {
      publishMetrics();
    }
  };
}
