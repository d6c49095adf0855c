// 备份与恢复: encrypted online backups (SQLite backup API) with rotation, and verified restores.
// Filled by the backup work; the interface below is what createCore relies on.
import type { CoreServices } from '../services.js';

export type BackupDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings' | 'audit' | 'dataDir' | 'version'>;

export interface Backups {
  start(): void;
  stop(): void;
}

export function createBackups(_d: BackupDeps): Backups {
  return { start() {}, stop() {} };
}
