// The owner's backup settings, stored with the data (a restore brings them back with it).
import { isAbsolute, resolve } from 'node:path';
import { backupSettings, KeyDeskError, type BackupSettings } from '../../../src-shared/contract/index.js';
import type { BackupDeps } from './index.js';
import { assertUsableFolder } from './folder.js';

const KEY = 'backup.settings';
/** When the current schedule was set: slots before it were never promised, so they are not "missed". */
const SINCE_KEY = 'backup.scheduleSince';
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, schedule: 'off', hour: 3, weekday: 1, keep: 7 };

export class BackupSettingsStore {
  constructor(private readonly d: Pick<BackupDeps, 'sqlite' | 'settings' | 'appendAudit' | 'clock'>) {}

  scheduleSince(): number | null {
    const v = this.d.settings.get(SINCE_KEY);
    return typeof v === 'number' ? v : null;
  }

  get(): BackupSettings {
    const parsed = backupSettings.safeParse({ ...DEFAULT_BACKUP_SETTINGS, ...(this.d.settings.get(KEY) as object | undefined) });
    return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
  }

  /** A folder must exist and take files now; a schedule needs a folder. Audited. */
  update(patch: Partial<BackupSettings>): BackupSettings {
    const prev = this.get();
    const next: BackupSettings = { ...prev, ...patch };
    const rescheduled = next.schedule !== prev.schedule || next.hour !== prev.hour || next.weekday !== prev.weekday;
    if (patch.folder !== undefined && patch.folder !== null) {
      const folder = patch.folder.trim();
      if (!isAbsolute(folder)) throw new KeyDeskError('INVALID_INPUT', { field: 'folder' }, '备份文件夹请填写完整路径（例如 D:\\卡密备份 或 /home/me/卡密备份）。');
      next.folder = resolve(folder);
      assertUsableFolder(next.folder);
    }
    if (next.schedule !== 'off' && !next.folder) throw new KeyDeskError('INVALID_INPUT', { field: 'folder' }, '开启定时备份前，请先选择备份文件夹。');
    this.d.sqlite.transaction(() => {
      this.d.settings.set(KEY, next);
      if (rescheduled) this.d.settings.set(SINCE_KEY, this.d.clock.now());
      this.d.appendAudit({
        actor: 'owner', action: 'backup.settings.update', objectType: 'backup',
        summary: { folder: next.folder, schedule: next.schedule, hour: next.hour, weekday: next.weekday, keep: next.keep },
      });
    }).immediate();
    return next;
  }
}
