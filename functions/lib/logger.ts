/**
 * Structured JSON logs through Powertools for AWS Lambda's Logger: one line per event with the
 * keys CloudWatch users expect (`level`, `message`, `timestamp`, `service`, and on Lambda the
 * request id, cold start and correlation id). Never pass personal data (e-mails, phones, names,
 * incomes) as fields.
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogItem } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

type Level = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

let sink: ((line: string) => void) | undefined;

/** Writes to a sink when one is configured (tests read their own lines), else as Powertools does. */
class ServiceLogger extends PowertoolsLogger {
  protected override printLog(logLevel: number, log: LogItem): void {
    if (!sink) return super.printLog(logLevel, log);
    sink(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }
}

const root = new ServiceLogger({ serviceName: 'echange-kaz', logLevel: 'INFO' });

/** `silent`: the local stack's shutdown, once what it abandons has been said (scripts/local/stack.ts). */
export function configureLogs(options: {
  level?: Level | 'silent';
  sink?: (line: string) => void;
}): void {
  if (options.level) root.setLogLevel(options.level.toUpperCase() as Uppercase<Level | 'silent'>);
  if (options.sink) sink = options.sink;
}

/**
 * Tags every line of one Lambda invocation with its request id (and cold start), and with the
 * caller's request id as correlation id when the event carries one (API Gateway).
 */
export function startInvocation(event: unknown, context: unknown): void {
  root.resetKeys();
  if (context && typeof context === 'object' && 'awsRequestId' in context)
    root.addContext(context as Context);
  const requestId = (event as { requestContext?: { requestId?: unknown } } | undefined)
    ?.requestContext?.requestId;
  if (typeof requestId === 'string') root.setCorrelationId(requestId);
}

export function createLogger(base: LogFields = {}): Logger {
  const write =
    (level: Level) =>
    (message: string, fields: LogFields = {}) =>
      root[level](message, { ...base, ...fields });
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

export const logger = createLogger();
