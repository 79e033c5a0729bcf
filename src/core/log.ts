import pino, { type Logger, type LoggerOptions } from 'pino';

/** Secrets never reach a log line, whatever object carries them. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  'token',
  '*.token',
  '*.secret',
  '*.passwordHash',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  // feed sync: the NVD API key and the proxy credentials (vulns/feeds/sync)
  '*.nvdApiKey',
  '*.proxyAuth',
  '*.apikey',
  '*.apiKey',
  'headers.cookie',
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
