import type { BackupRecord } from '../../../../../src-shared/contract/methods/backup.js';
import type { MessageKey } from '../../../i18n/index.js';

/** `1.2 MB` — backups are shown in MB (KB below a tenth of one). */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 100 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file name of a path written on Windows or POSIX. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export const STATUS_COLOR: Record<BackupRecord['status'], string> = { running: 'processing', done: 'success', failed: 'error', rotated: 'default' };

export const statusLabel = (s: BackupRecord['status']): MessageKey => `backup.status.${s}`;
export const kindLabel = (k: BackupRecord['kind']): MessageKey => `backup.kind.${k}`;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdayLabel = (d: number): MessageKey => `backup.weekday.${d}` as MessageKey;
