/**
 * Structured JSON logs, one line per event, so CloudWatch Logs Insights (and a terminal) can
 * filter by field. Never pass personal data (e-mails, phones, names, incomes) as fields.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

let minimumLevel: Level = 'info';
let sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

export function configureLogs(options: { level?: Level; sink?: (line: string) => void }): void {
  if (options.level) minimumLevel = options.level;
  if (options.sink) sink = options.sink;
}

function describeError(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(base: LogFields = {}): Logger {
  const write = (level: Level, message: string, fields: LogFields = {}) => {
    if (rank[level] < rank[minimumLevel]) return;
    const entry: LogFields = { time: new Date().toISOString(), level, message, ...base };
    for (const [key, value] of Object.entries(fields)) entry[key] = describeError(value);
    sink(JSON.stringify(entry));
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

export const logger = createLogger();
