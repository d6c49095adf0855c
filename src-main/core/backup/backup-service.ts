// 备份与恢复 as the owner sees it: back up now or on a schedule (with rotation), list what exists, inspect a
// file, stage a verified restore. Failures of a scheduled backup become an `app.notice` (kind 'backup'),
// never a crash.
import { resolve, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  KeyDeskError, type BackupRecord, type BackupSettings, type MethodOutput, type ParsedInput, type StagedRestore,
} from '../../../src-shared/contract/index.js';
import { formatTime } from '../../../src-shared/format.js';
import type { BackupDeps } from './index.js';
import { BackupSettingsStore } from './backup-settings.js';
import { createBackupFile } from './create-backup.js';
import { countsOf, ensureInstallationId, installationIdOf, vaultRowsOf } from './facts.js';
import { assertUsableFolder, folderProblem, pickRotated, scanFolder } from './folder.js';
import { readBackupHeader } from './format.js';
import { describeBackup, restorePermission, stageRestore, type LiveInstallation } from './stage-restore.js';
import { cancelStaged, clearAppliedMarker, readAppliedMarker, readStaged } from './apply-restore.js';
import { isDue, nextSlot } from './schedule.js';
import type { BackupSecret } from './keyring.js';

type Source = ParsedInput<'backup.restore'>['source'];
type SettingsView = MethodOutput<'backup.settings.get'>;

interface BackupRow {
  id: number; kind: 'manual' | 'scheduled'; path: string; bytes: number | null; keys: number | null;
  audit_seq: number | null; status: BackupRecord['status']; error: string | null; started_at: number; finished_at: number | null;
}

const TICK_MS = 60_000;

const toRecord = (r: BackupRow): BackupRecord => ({
  id: r.id, kind: r.kind, path: r.path, bytes: r.bytes, keys: r.keys, auditSeq: r.audit_seq,
  status: r.status, error: r.error, startedAt: r.started_at, finishedAt: r.finished_at,
});

export class BackupService {
  readonly store: BackupSettingsStore;
  private running: Promise<BackupRecord> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly d: BackupDeps) {
    this.store = new BackupSettingsStore(d);
    // A restore applied at start is audited in the restored chain once the vault opens.
    d.events.on((m) => {
      if (m.event === 'vault.changed' && d.vault.unlocked) {
        this.recordAppliedRestore();
        // Scheduled backups belong to the long-running hosts (started), never to a CLI command.
        if (this.timer) void this.tick();
      }
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  settingsView(): SettingsView {
    const s = this.store.get();
    const now = this.d.clock.now();
    const due = isDue(s, now, this.lastScheduled());
    const last = this.d.sqlite.prepare("select max(finished_at) as at from backups where status in ('done', 'rotated')").get() as { at: number | null };
    return { ...s, nextDueAt: s.schedule === 'off' ? null : due ? now : nextSlot(s, now), lastBackupAt: last.at };
  }

  updateSettings(patch: Partial<BackupSettings>): SettingsView {
    this.store.update(patch);
    if (this.timer) void this.tick();
    return this.settingsView();
  }

  /** Runs a scheduled backup when one is due and the vault is open; a failure is already a notice. */
  async tick(): Promise<void> {
    if (this.running || !this.d.vault.unlocked) return;
    const s = this.store.get();
    if (!s.folder || !isDue(s, this.d.clock.now(), this.lastScheduled())) return;
    await this.run('scheduled').catch(() => undefined);
  }

  async run(kind: 'manual' | 'scheduled', folder?: string): Promise<BackupRecord> {
    if (this.running) throw new KeyDeskError('BACKUP_RUNNING');
    const target = folder ? resolve(folder) : this.store.get().folder;
    if (!target) {
      throw new KeyDeskError('BACKUP_FOLDER_UNAVAILABLE', { field: 'folder' }, '还没有选择备份文件夹：请在“设置 → 备份与恢复”中选择（命令行可用 --folder 指定）。');
    }
    this.running = this.runInto(kind, target);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  private async runInto(kind: 'manual' | 'scheduled', folder: string): Promise<BackupRecord> {
    const startedAt = this.d.clock.now();
    let last = '';
    const progress = (phase: 'snapshot' | 'encrypt' | 'rotate' | 'done' | 'failed', percent: number) => {
      const p = Math.floor(percent);
      if (`${phase}:${p}` === last) return;
      last = `${phase}:${p}`;
      this.d.events.emit('backup.progress', { phase, percent: p });
    };
    try {
      assertUsableFolder(folder);
      ensureInstallationId(this.d.sqlite, this.d.settings);
      progress('snapshot', 0);
      const created = await createBackupFile({
        sqlite: this.d.sqlite,
        folder,
        snapshotPath: this.d.files.tmpPath(`backup-${randomBytes(6).toString('hex')}.db`),
        auditKey: this.d.vault.auditKey(),
        appVersion: this.d.version,
        now: startedAt,
        onProgress: (phase, f) => progress(phase, phase === 'snapshot' ? f * 40 : 40 + f * 60),
      });
      const h = created.header;
      let id = 0;
      this.d.sqlite.transaction(() => {
        id = Number(this.d.sqlite.prepare(
          `insert into backups (kind, path, bytes, keys, audit_seq, audit_mac, status, started_at, finished_at)
           values (?, ?, ?, ?, ?, ?, 'done', ?, ?)`,
        ).run(kind, created.path, created.bytes, h.counts.keys, h.auditHead?.seq ?? null, h.auditHead?.mac ?? null, startedAt, this.d.clock.now()).lastInsertRowid);
        this.d.appendAudit({
          actor: kind === 'manual' ? 'owner' : 'system', action: 'backup.create', objectType: 'backup', objectId: String(id),
          summary: { file: basename(created.path), kind, keys: h.counts.keys, orders: h.counts.orders, auditSeq: h.auditHead?.seq ?? null, bytes: created.bytes },
        });
      }).immediate();
      progress('rotate', 100);
      this.rotate(folder, h.installationId, created.path);
      this.d.log.info({ file: basename(created.path), bytes: created.bytes, kind }, 'backup.run: done');
      progress('done', 100);
      return this.record(id);
    } catch (err) {
      const reason = err instanceof KeyDeskError ? err.message : `${folderProblem(err)}`;
      this.d.sqlite.prepare("insert into backups (kind, path, status, error, started_at, finished_at) values (?, ?, 'failed', ?, ?, ?)")
        .run(kind, folder, reason, startedAt, this.d.clock.now());
      this.d.log.warn({ folder, kind, err: reason }, 'backup.run: failed');
      progress('failed', 0);
      // A manual backup's failure is shown where it was asked for; a scheduled one has nobody watching.
      if (kind === 'scheduled') this.d.events.emit('app.notice', { level: 'error', kind: 'backup', message: `定时备份失败：${reason}` });
      throw err instanceof KeyDeskError ? err : new KeyDeskError('BACKUP_FOLDER_UNAVAILABLE', { folder, reason }, `备份失败：${reason}`);
    }
  }

  /** Deletes this installation's oldest files in the folder beyond `keep`; a failure here never fails the backup. */
  private rotate(folder: string, installationId: string, justMade: string): void {
    const { keep } = this.store.get();
    try {
      const doomed = pickRotated(scanFolder(folder).found, installationId, keep, justMade);
      const mark = this.d.sqlite.prepare("update backups set status = 'rotated' where path = ? and status = 'done'");
      for (const f of doomed) {
        rmSync(f.path, { force: true });
        mark.run(f.path);
      }
    } catch (err) {
      this.d.log.warn({ folder, err: (err as Error).message }, 'backup.rotate: failed');
      this.d.events.emit('app.notice', { level: 'warning', kind: 'backup', message: `备份已完成，但清理旧备份失败：${folderProblem(err)}` });
    }
  }

  private record(id: number): BackupRecord {
    return toRecord(this.d.sqlite.prepare('select * from backups where id = ?').get(id) as BackupRow);
  }

  private lastScheduled(): { succeededAt: number | null; attemptedAt: number | null } {
    const row = this.d.sqlite.prepare(
      `select max(case when status in ('done', 'rotated') then started_at end) as ok, max(started_at) as tried
       from backups where kind = 'scheduled'`,
    ).get() as { ok: number | null; tried: number | null };
    const since = this.store.scheduleSince();
    return { succeededAt: Math.max(row.ok ?? -Infinity, since ?? -Infinity), attemptedAt: row.tried };
  }

  list(): MethodOutput<'backup.list'> {
    const folder = this.store.get().folder;
    const history = (this.d.sqlite.prepare('select * from backups order by started_at desc, id desc limit 50').all() as BackupRow[]).map(toRecord);
    const liveId = installationIdOf(this.d.sqlite);
    let files: MethodOutput<'backup.list'>['files'] = [];
    let unreadable: MethodOutput<'backup.list'>['unreadable'] = [];
    if (folder) {
      try {
        const scan = scanFolder(folder);
        files = scan.found.map((f) => describeBackup(f.path, f.fileName, f, liveId)).sort((a, b) => b.createdAt - a.createdAt);
        unreadable = scan.unreadable;
      } catch (err) {
        unreadable = [{ path: folder, fileName: folder, error: (err as Error).message }];
      }
    }
    return { folder, running: this.isRunning, history, files, unreadable, staged: readStaged(this.d.dataDir) };
  }

  inspect(source: Source): MethodOutput<'backup.inspect'> {
    const { path, fileName } = this.resolveSource(source);
    const read = readBackupHeader(path);
    const live = this.live();
    const info = describeBackup(path, fileName, read, live.installationId);
    return { ...info, ...restorePermission(info, live, read) };
  }

  /** Verifies and stages; the swap happens at the next start (or right away in `keydesk restore`). */
  async stage(source: Source, secret: BackupSecret | undefined): Promise<StagedRestore> {
    const { path, fileName } = this.resolveSource(source);
    let lastPercent = -1;
    const staged = await stageRestore({
      dataDir: this.d.dataDir, path, fileName, live: this.live(), secret, clock: this.d.clock,
      onProgress: (f) => {
        const percent = Math.floor(f * 100);
        if (percent !== lastPercent) this.d.events.emit('backup.progress', { phase: 'restore', percent: (lastPercent = percent) });
      },
    });
    if (this.d.vault.unlocked) {
      this.d.sqlite.transaction(() => {
        this.d.appendAudit({
          actor: 'owner', action: 'backup.restore.staged', objectType: 'backup', objectId: fileName,
          summary: { file: fileName, backupCreatedAt: staged.backup.createdAt, sameInstallation: staged.backup.sameInstallation, keys: staged.backup.counts.keys, auditSeq: staged.backup.auditHead?.seq ?? null },
        });
      }).immediate();
    }
    this.d.log.info({ file: fileName }, 'backup.stage: verified and staged');
    // An uploaded copy is kept after a refusal (a mistyped passphrase is retried with the same file).
    if ('uploadId' in source) this.d.files.removeUpload(source.uploadId);
    return staged;
  }

  cancelStaged(): { cancelled: boolean } {
    const staged = readStaged(this.d.dataDir);
    const cancelled = cancelStaged(this.d.dataDir);
    if (cancelled && this.d.vault.unlocked) {
      this.d.sqlite.transaction(() => {
        this.d.appendAudit({ actor: 'owner', action: 'backup.restore.cancel', objectType: 'backup', objectId: staged?.fileName ?? null });
      }).immediate();
    }
    return { cancelled };
  }

  /** Writes the restored chain's first new entry for a restore applied at start; true when it did. */
  recordAppliedRestore(): boolean {
    const applied = readAppliedMarker(this.d.dataDir);
    if (!applied || !this.d.vault.unlocked) return false;
    this.d.sqlite.transaction(() => {
      this.d.appendAudit({
        actor: 'owner', action: 'backup.restore.applied', objectType: 'backup', objectId: applied.fileName,
        summary: { file: applied.fileName, backupCreatedAt: applied.backupCreatedAt, keys: applied.keys, auditSeq: applied.auditSeq, previousData: applied.movedTo },
      });
    }).immediate();
    clearAppliedMarker(this.d.dataDir);
    this.d.events.emit('app.notice', {
      level: 'info', kind: 'backup',
      message: `已从备份 ${applied.fileName}（${formatTime(applied.backupCreatedAt)}）恢复。${applied.movedTo ? `原来的数据保存在数据目录的 ${applied.movedTo} 文件夹中。` : ''}`,
    });
    return true;
  }

  private live(): LiveInstallation {
    return {
      installationId: installationIdOf(this.d.sqlite),
      counts: countsOf(this.d.sqlite),
      vault: vaultRowsOf(this.d.sqlite),
      recoveryConfirmed: this.d.settings.get('vault.recoveryConfirmed') === true,
      auditKey: this.d.vault.unlocked ? () => this.d.vault.auditKey() : undefined,
    };
  }

  private resolveSource(source: Source): { path: string; fileName: string } {
    if ('uploadId' in source) return this.d.files.upload(source.uploadId);
    const path = resolve(source.path.trim());
    return { path, fileName: basename(path) };
  }
}
