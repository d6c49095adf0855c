import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
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

const MAX_LOG_BYTES = 10 * 1024 * 1024;
const KEPT_LOGS = 3;

/** At start: keydesk.log over 10 MB becomes keydesk.log.1 (…3), so the folder never grows without bound. */
export function rotateLogs(dir: string): void {
  const file = join(dir, 'keydesk.log');
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return;
  }
  if (size < MAX_LOG_BYTES) return;
  rmSync(`${file}.${KEPT_LOGS}`, { force: true });
  for (let i = KEPT_LOGS - 1; i >= 1; i--) {
    try {
      renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    } catch {
      // that generation does not exist yet
    }
  }
  renameSync(file, `${file}.1`);
}

/** Logs go to `<dataDir>/logs/keydesk.log`, synchronously, so the last line before a crash is kept. */
export function createLogger(dataDir: string, level = process.env.KEYDESK_LOG_LEVEL ?? 'info'): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  rotateLogs(dir);
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
