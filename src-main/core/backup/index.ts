// 备份与恢复: encrypted online backups (SQLite backup API) with rotation, and verified restores.
import type { BackupRecord, BackupSettings, MethodOutput, ParsedInput, StagedRestore } from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';
import { BackupService } from './backup-service.js';
import type { BackupSecret } from './keyring.js';

export type BackupDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings' | 'audit' | 'dataDir' | 'version' | 'files'>;

export interface Backups {
  /** The scheduled-backup timer (unref'd); also catches up a missed slot. */
  start(): void;
  stop(): void;
  settings: {
    get(): MethodOutput<'backup.settings.get'>;
    update(patch: Partial<BackupSettings>): MethodOutput<'backup.settings.update'>;
  };
  /** Backs up now into the settings' folder, or `folder`. Throws BACKUP_RUNNING / BACKUP_FOLDER_UNAVAILABLE. */
  run(input?: { folder?: string | undefined; kind?: 'manual' | 'scheduled' }): Promise<BackupRecord>;
  /** Runs a scheduled backup if one is due (timers call it; tests too). */
  tick(): Promise<void>;
  list(): MethodOutput<'backup.list'>;
  inspect(source: ParsedInput<'backup.inspect'>['source']): MethodOutput<'backup.inspect'>;
  /** Verifies a backup into restore-staged/; the current data is untouched until the swap. */
  stage(source: ParsedInput<'backup.restore'>['source'], secret?: BackupSecret): Promise<StagedRestore>;
  cancelStaged(): { cancelled: boolean };
  /** Audits a restore that was applied at start, once the vault is open. */
  recordAppliedRestore(): boolean;
}

export function createBackups(d: BackupDeps): Backups {
  const service = new BackupService(d);
  return {
    start: () => service.start(),
    stop: () => service.stop(),
    settings: {
      get: () => service.settingsView(),
      update: (patch) => service.updateSettings(patch),
    },
    run: (input = {}) => service.run(input.kind ?? 'manual', input.folder),
    tick: () => service.tick(),
    list: () => service.list(),
    inspect: (source) => service.inspect(source),
    stage: (source, secret) => service.stage(source, secret),
    cancelStaged: () => service.cancelStaged(),
    recordAppliedRestore: () => service.recordAppliedRestore(),
  };
}

export { applyStagedRestore, assertNotInUse, readStaged, type ApplyOutcome, type AppliedRestore } from './apply-restore.js';
export { stageRestore, emptyInstallation } from './stage-restore.js';
export type { BackupSecret } from './keyring.js';
