import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Field names that may carry a secret anywhere in a log object. pino replaces them before the line is
 * serialised, so a careless `log.info({input})` still cannot write a card secret or passphrase.
 */
export const REDACTED_FIELDS = [
  'secret', 'secrets', 'password', 'passphrase', 'next', 'recoveryKey', 'token', 'accessToken',
  'refreshToken', 'appSecret', 'clientSecret', 'sign', 'cardSecret', 'plaintext', 'kek', 'key',
];

const paths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Logs go to `<dataDir>/logs/keydesk.log`, synchronously, so the last line before a crash is kept. */
export function createLogger(dataDir: string, level = process.env.KEYDESK_LOG_LEVEL ?? 'info'): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths, censor: '[已隐藏]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: join(dir, 'keydesk.log'), sync: true, mkdir: true }),
  );
}
