import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { KeyDeskError, type AuditVerifyResult, type BackupCounts, type StagedRestore } from '../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../src-shared/format.js';
import { createCore, DATABASE_FILE, type Core, type CoreOptions } from '../../../core/index.js';
import { applyStagedRestore, assertNotInUse, emptyInstallation, stageRestore, type BackupSecret } from '../../../core/backup/index.js';
import { systemClock } from '../../../core/clock.js';
import type { Command } from '../command.js';
import { printResult, UsageError } from '../output.js';
import { promptHidden, withCore } from '../open-core.js';
import { VERSION } from '../package-info.js';

const mb = (bytes: number | null) => `${((bytes ?? 0) / 1024 / 1024).toFixed(1)} MB`;

export const backupCommand: Command = {
  path: ['backup'],
  summary: '立即加密备份到备份文件夹（设置中的文件夹，或 --folder），并按保留份数清理旧备份',
  usage: 'keydesk backup [--folder D] [--data-dir D] [--json]',
  options: { folder: { type: 'string' } },
  async run({ dataDir, json, values }) {
    return withCore(dataDir, async (core) => {
      const folder = values.folder === undefined ? undefined : String(values.folder);
      const record = await core.services.backups.run({ folder, kind: 'manual' });
      printResult(json, record, () => `已备份到 ${record.path}\n${record.keys ?? 0} 张卡密，审计链到第 ${record.auditSeq ?? 0} 条，${mb(record.bytes)}。`);
      return 0;
    });
  },
};

export interface RestoreReport {
  staged: StagedRestore;
  /** Where the replaced database was moved, inside the data folder (null for an empty folder). */
  movedTo: string | null;
  after: { counts: BackupCounts; auditHead: { seq: number; mac: string } | null; audit: AuditVerifyResult } | null;
}

/**
 * `keydesk restore`: verify and stage (the same code as the app), then swap at once — the command owns
 * the data folder, and refuses (DB_BUSY) while a window or `keydesk serve` has it open. Another
 * installation's backup only goes into a folder without data.
 */
export async function restoreFromBackup(o: { dataDir: string; path: string; secret: BackupSecret; core?: Partial<CoreOptions> }): Promise<RestoreReport> {
  const dbFile = join(o.dataDir, DATABASE_FILE);
  assertNotInUse(dbFile);
  const path = resolve(o.path);
  let staged: StagedRestore;
  if (!existsSync(dbFile)) {
    mkdirSync(o.dataDir, { recursive: true });
    staged = await stageRestore({ dataDir: o.dataDir, path, fileName: basename(path), live: emptyInstallation(), secret: o.secret, clock: systemClock, onProgress: () => {} });
  } else {
    const core = createCore({ dataDir: o.dataDir, host: 'cli', version: VERSION, ...o.core });
    try {
      const info = core.services.backups.inspect({ path });
      // Same installation: the current vault must open with this secret, as the restored one will.
      if (info.allowed && info.sameInstallation && core.services.vault.status().state === 'locked') await core.services.vault.unlock(o.secret);
      staged = await core.services.backups.stage({ path }, o.secret);
    } finally {
      core.close();
    }
  }
  const outcome = applyStagedRestore(dbFile, Date.now());
  if (!outcome.applied) {
    throw new KeyDeskError('DB_BUSY', { dataDir: o.dataDir, hint: '备份已校验并准备好，将在卡密工作台下次启动时自动恢复' });
  }
  const after = createCore({ dataDir: o.dataDir, host: 'cli', version: VERSION, ...o.core });
  try {
    try {
      await after.services.vault.unlock(o.secret);
    } catch {
      // The restored vault opens with the current secrets (same installation) or the backup's; the
      // restore itself is done either way and is audited at the next unlock.
      return { staged, movedTo: outcome.restore.movedTo, after: null };
    }
    after.services.backups.recordAppliedRestore();
    return { staged, movedTo: outcome.restore.movedTo, after: describeAfter(after) };
  } finally {
    after.close();
  }
}

function describeAfter(core: Core): NonNullable<RestoreReport['after']> {
  const sqlite = core.services.sqlite;
  const n = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const head = sqlite.prepare('select seq, mac from audit_log order by seq desc limit 1').get() as { seq: number; mac: string } | undefined;
  return {
    counts: { products: n('products'), keys: n('keys'), orders: n('orders'), orderLines: n('order_lines'), auditEntries: n('audit_log') },
    auditHead: head ?? null,
    audit: core.services.audit.verify(),
  };
}

/** KEYDESK_RECOVERY_KEY, or KEYDESK_PASSPHRASE, or a hidden prompt when a person is at the terminal. */
async function secretForRestore(useRecoveryKey: boolean): Promise<BackupSecret> {
  const recoveryKey = process.env.KEYDESK_RECOVERY_KEY;
  if (recoveryKey) return { recoveryKey };
  if (!useRecoveryKey && process.env.KEYDESK_PASSPHRASE) return { passphrase: process.env.KEYDESK_PASSPHRASE };
  if (!process.stdin.isTTY) {
    throw new KeyDeskError('BACKUP_NEEDS_SECRET', { hint: '设置环境变量 KEYDESK_PASSPHRASE（或 KEYDESK_RECOVERY_KEY），或在终端中运行以输入' });
  }
  return useRecoveryKey
    ? { recoveryKey: await promptHidden('请输入恢复密钥：') }
    : { passphrase: await promptHidden('请输入备份时使用的卡密工作台密码：') };
}

export const restoreCommand: Command = {
  path: ['restore'],
  summary: '从 .kdbak 备份恢复：先完整校验（完整性、审计链、数量），通过后才替换当前数据（原数据移到 before-restore-时间 文件夹）',
  usage: 'keydesk restore <备份文件.kdbak> [--recovery-key] [--data-dir D] [--json]',
  options: { 'recovery-key': { type: 'boolean' } },
  async run({ dataDir, json, values, positionals }) {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('请给出一个备份文件，例如 keydesk restore D:\\卡密备份\\keydesk-….kdbak');
    assertNotInUse(join(dataDir, DATABASE_FILE));
    const secret = await secretForRestore(values['recovery-key'] === true);
    const report = await restoreFromBackup({ dataDir, path: file, secret });
    printResult(json, report, () => humanReport(report, dataDir));
    return report.after && !report.after.audit.ok ? 1 : 0;
  },
};

function humanReport(r: RestoreReport, dataDir: string): string {
  const b = r.staged.backup;
  const lines = [
    `已从 ${r.staged.fileName}（${formatTime(b.createdAt)}，卡密工作台 ${b.appVersion}）恢复到 ${dataDir}。`,
    ...r.staged.checks.map((c) => `  ✓ ${c.detail}`),
  ];
  if (r.movedTo) lines.push(`原来的数据已移到 ${join(dataDir, r.movedTo)}。`);
  if (r.after) lines.push(`恢复后：${r.after.counts.keys} 张卡密，审计链 ${r.after.audit.ok ? `完好（${r.after.audit.entries} 条）` : '校验失败'}。`);
  else lines.push(r.staged.unlockWith === 'current' ? '请用当前的密码或恢复密钥解锁。' : '请用备份时的密码或恢复密钥解锁。');
  return lines.join('\n');
}
