// Structured logs (pino). Never log secrets or message text: the redaction list is a
// second line of defence; the first is not passing such values to the logger at all.
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'text',
  '*.text',
  'content',
  '*.content',
  'body',
  '*.body',
  'summary',
  '*.summary',
  'appSecret',
  '*.appSecret',
  'token',
  '*.token',
  'encryptKey',
  '*.encryptKey',
  'headers.authorization',
];

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'liandong' }, redact: { paths: REDACT_PATHS, censor: '[已隐去]' } }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
export type { Logger };

/**
 * A failure that repeats (every turn of a sender election while PostgreSQL restarts) logged at most
 * once a minute per message, the next line saying how many were left out: a restart is one line,
 * not seventy. `now` is injected for tests.
 */
export function quietly(log: Logger, everyMs = 60_000, now: () => number = Date.now) {
  const seen = new Map<string, { at: number; left: number }>();
  return (level: 'warn' | 'error', fields: Record<string, unknown>, message: string): void => {
    const last = seen.get(message);
    const t = now();
    if (last && t - last.at < everyMs) {
      last.left++;
      return;
    }
    log[level](last?.left ? { ...fields, leftOut: last.left } : fields, message);
    seen.set(message, { at: t, left: 0 });
  };
}
