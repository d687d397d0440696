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
