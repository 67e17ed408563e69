/**
 * The logger: pino, one JSON object per line on stderr (stdout stays free for what a command
 * prints on purpose: URLs, keys, tables), or pino-pretty's readable lines where a person watches
 * (`dev`). The Temporal SDK's logs come through here too (src/worker.ts).
 *
 * Callers pass ids and facts, never secrets or payloads. As a second line of defence, fields that
 * carry credentials by name are masked wherever they turn up.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { REDACTED } from './redaction';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

/** Fields that hold credentials by name (pino's path syntax), masked at the top level and one object down (`headers.authorization`). */
const SECRET_FIELDS = ['authorization', 'cookie', '["set-cookie"]', '["x-api-key"]', 'apiKey', 'secret', 'password', 'token'];
const SECRET_PATHS = SECRET_FIELDS.flatMap((field) => [field, field.startsWith('[') ? `*${field}` : `*.${field}`]);

function createLogger(level: LogLevel, format: LogFormat): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: SECRET_PATHS, censor: REDACTED },
  };
  // Through process.stderr, whose writes to files, pipes and terminals are synchronous on Linux:
  // the last lines before a crash or an exit are not lost in a buffer (and tests can read them).
  const destination =
    format === 'pretty'
      ? pretty({ destination: process.stderr, sync: true, colorize: process.stderr.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid' })
      : process.stderr;
  return pino(options, destination);
}

let logger = createLogger('info', 'json');

/** Called once at start-up with the configuration's level and format. */
export function configureLogging(level: LogLevel, format: LogFormat): void {
  logger = createLogger(level, format);
}

export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Whether a level is on: to skip building fields nobody will read. */
  enabled(level: LogLevel): boolean;
}

/** A log whose every line carries `bindings` (a delivery's ids, say) beside its own fields. */
export function logWith(bindings: () => Record<string, unknown>): Log {
  const at = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (logger.isLevelEnabled(level)) logger[level]({ ...bindings(), ...fields }, message);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), enabled: (level) => logger.isLevelEnabled(level) };
}

export const log: Log = logWith(() => ({}));

/** The message of anything thrown, for logs and error bodies. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
