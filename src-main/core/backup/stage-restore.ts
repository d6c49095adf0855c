// Restoring, part one: open a backup into a fresh staging folder inside the data folder and prove it whole
// — GCM tag, `PRAGMA integrity_check`, the normal migrations, the audit chain re-walked with the restored key,
// counts and audit head equal to the header — without touching the current database. Only a restore that
// passes everything is left in `restore-staged/` for apply-restore to put in place.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { KeyDeskError, type BackupCounts, type BackupFileInfo, type StagedRestore } from '../../../src-shared/contract/index.js';
import { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { APPLICATION_ID, openDatabase } from '../db/open.js';
import { bodyKey, openSealed } from './body-crypto.js';
import { factsOf, isEmptyInstallation, vaultRowsOf } from './facts.js';
import { readBackupHeader, type ReadHeader } from './format.js';
import { checkKeyring, openHeaderAuditKey, openHeaderKek, opensWith, type BackupSecret } from './keyring.js';
import { MANIFEST, STAGED_DB, STAGED_DIR } from './apply-restore.js';

/** The installation a restore would replace, as the service sees it. */
export interface LiveInstallation {
  installationId: string | null;
  counts: BackupCounts;
  /** The current vault's unlockers and wrapped keys (same installation: same KEK). */
  vault: ReturnType<typeof vaultRowsOf>;
  recoveryConfirmed: boolean;
  /** The open vault's audit key, when it is unlocked. */
  auditKey: (() => Buffer) | undefined;
}

/** A data folder with no database yet: anything may be restored into it. */
export function emptyInstallation(): LiveInstallation {
  return {
    installationId: null,
    counts: { products: 0, keys: 0, orders: 0, orderLines: 0, auditEntries: 0 },
    vault: { unlockers: [], keys: [] },
    recoveryConfirmed: false,
    auditKey: undefined,
  };
}

export interface StageInput {
  dataDir: string;
  path: string;
  /** The name to show (an uploaded file keeps its original name). */
  fileName: string;
  live: LiveInstallation;
  secret: BackupSecret | undefined;
  clock: Clock;
  onProgress: (fraction: number) => void;
}

export function describeBackup(path: string, fileName: string, read: ReadHeader, liveInstallationId: string | null): BackupFileInfo {
  const h = read.header;
  return {
    path,
    fileName,
    bytes: read.fileBytes,
    createdAt: h.createdAt,
    appVersion: h.appVersion,
    installationId: h.installationId,
    sameInstallation: h.installationId === liveInstallationId,
    counts: h.counts,
    auditHead: h.auditHead,
    opensWith: opensWith(h),
  };
}

/** Whether this installation may take the backup, and whether a secret is needed to open it. */
export function restorePermission(info: BackupFileInfo, live: LiveInstallation, read: ReadHeader): { allowed: boolean; reason: string | null; needsSecret: boolean } {
  if (!info.sameInstallation && !isEmptyInstallation(live.counts)) {
    return { allowed: false, reason: otherInstallationReason(live.counts), needsSecret: true };
  }
  return { allowed: true, reason: null, needsSecret: !canUseLiveKey(read, live) };
}

function otherInstallationReason(c: BackupCounts): string {
  return `当前数据不是空的（${c.products} 个商品、${c.keys} 张卡密、${c.orderLines} 个订单行）。另一个安装的备份只能恢复到新的空数据目录：在新目录中启动卡密工作台（或 keydesk restore --data-dir 新目录）后再恢复。`;
}

/** Same installation and the vault open: its audit key is the backup's (wrapped identically, same KEK). */
function canUseLiveKey(read: ReadHeader, live: LiveInstallation): boolean {
  if (read.header.installationId !== live.installationId || !live.auditKey) return false;
  const liveAudit = live.vault.keys.find((k) => k.purpose === 'audit' && k.version === read.header.vault.auditKey.version);
  return liveAudit?.wrapped === read.header.vault.auditKey.wrapped;
}

async function openKeys(read: ReadHeader, input: StageInput): Promise<{ auditKey: Buffer; kek: Buffer | undefined }> {
  if (input.secret) {
    try {
      const kek = await openHeaderKek(read.header, input.secret);
      return { auditKey: openHeaderAuditKey(read.header, kek), kek };
    } catch (err) {
      // The passphrase changed since this backup: the open vault of the same installation still opens it.
      const wrongSecret = err instanceof KeyDeskError && (err.code === 'VAULT_WRONG_PASSPHRASE' || err.code === 'VAULT_WRONG_RECOVERY_KEY');
      if (!wrongSecret || !canUseLiveKey(read, input.live)) throw err;
    }
  }
  if (canUseLiveKey(read, input.live)) return { auditKey: Buffer.from(input.live.auditKey!()), kek: undefined };
  throw new KeyDeskError('BACKUP_NEEDS_SECRET', { opensWith: opensWith(read.header) });
}

const failed = (check: string, detail: string, extra: Record<string, unknown> = {}): KeyDeskError =>
  new KeyDeskError('BACKUP_VERIFY_FAILED', { check, detail, ...extra }, `恢复前的校验未通过：${detail}。当前数据未做任何更改。`);

export async function stageRestore(input: StageInput): Promise<StagedRestore> {
  const read = readBackupHeader(input.path);
  const info = describeBackup(input.path, input.fileName, read, input.live.installationId);
  const permission = restorePermission(info, input.live, read);
  if (!permission.allowed) {
    throw new KeyDeskError('BACKUP_OTHER_INSTALLATION', { file: input.fileName, backupInstallation: info.installationId, current: input.live.counts }, `这个备份来自另一个安装，不能覆盖现有数据。${permission.reason}当前数据未做任何更改。`);
  }
  const { auditKey, kek } = await openKeys(read, input);
  const work = join(input.dataDir, `restore-work-${randomBytes(6).toString('hex')}`);
  mkdirSync(work);
  try {
    const target = join(work, STAGED_DB);
    await openSealed(input.path, read, bodyKey(auditKey, Buffer.from(read.header.salt, 'base64')), target, input.onProgress);
    const checks = verifyStaged(target, read, auditKey, kek, input);
    const unlockWith = adoptCurrentUnlockers(target, read, input.live);
    const staged: StagedRestore = { stagedAt: input.clock.now(), fileName: input.fileName, backup: info, checks, unlockWith };
    writeFileSync(join(work, MANIFEST), JSON.stringify(staged));
    const dir = join(input.dataDir, STAGED_DIR);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return staged;
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  } finally {
    auditKey.fill(0);
  }
}

function verifyStaged(file: string, read: ReadHeader, auditKey: Buffer, kek: Buffer | undefined, input: StageInput): StagedRestore['checks'] {
  const h = read.header;
  const checks: StagedRestore['checks'] = [{ name: 'file', ok: true, detail: `${basename(input.fileName)} 完整，校验码正确` }];
  const raw = new Database(file, { fileMustExist: true });
  try {
    if (raw.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw failed('integrity', '备份中的数据库不是卡密工作台的数据库');
    const integrity = (raw.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') throw failed('integrity', `数据库完整性检查失败（${integrity.slice(0, 3).join('；')}）`);
  } finally {
    raw.close();
  }
  checks.push({ name: 'integrity', ok: true, detail: '数据库完整性检查通过' });
  let opened;
  try {
    opened = openDatabase(file);
  } catch (err) {
    throw failed('schema', `无法按当前版本打开备份中的数据库（${(err as Error).message}）`);
  }
  try {
    const facts = factsOf(opened.sqlite);
    checks.push({ name: 'schema', ok: true, detail: `数据版本 ${h.schemaVersion}${facts.schemaVersion > h.schemaVersion ? `，已升级到 ${facts.schemaVersion}` : ''}` });
    if (facts.installationId !== h.installationId) throw failed('counts', '备份中的安装编号与文件说明不符');
    for (const k of ['products', 'keys', 'orders', 'orderLines', 'auditEntries'] as const) {
      if (facts.counts[k] !== h.counts[k]) throw failed('counts', `数量与备份说明不符：${COUNT_NAMES[k]} 应为 ${h.counts[k]}，实际 ${facts.counts[k]}`, { field: k });
    }
    checks.push({ name: 'counts', ok: true, detail: `${h.counts.products} 个商品、${h.counts.keys} 张卡密、${h.counts.orders} 个订单（${h.counts.orderLines} 行）` });
    if (kek && !checkKeyring(vaultRowsOf(opened.sqlite).keys, kek)) throw failed('auditChain', '备份中的密钥无法用该密码或恢复密钥打开');
    const chain = new AuditLog(opened.sqlite, () => auditKey, input.clock).verify();
    if (!chain.ok) throw failed('auditChain', `审计链第 ${chain.firstBroken?.seq ?? '?'} 条记录${chain.firstBroken?.reason ?? '校验失败'}`, { seq: chain.firstBroken?.seq });
    checks.push({ name: 'auditChain', ok: true, detail: `审计链 ${chain.entries} 条记录全部完好` });
    const head = facts.auditHead;
    if ((head?.seq ?? null) !== (h.auditHead?.seq ?? null) || (head?.mac ?? null) !== (h.auditHead?.mac ?? null)) {
      throw failed('auditHead', `审计链末尾与备份说明不符（应为第 ${h.auditHead?.seq ?? 0} 条）`);
    }
    checks.push({ name: 'auditHead', ok: true, detail: h.auditHead ? `审计链末尾：第 ${h.auditHead.seq} 条，校验码 ${h.auditHead.mac.slice(0, 12)}…` : '审计链为空' });
  } finally {
    opened.sqlite.close();
  }
  return checks;
}

const COUNT_NAMES: Record<keyof BackupCounts, string> = { products: '商品', keys: '卡密', orders: '订单', orderLines: '订单行', auditEntries: '审计记录' };

/**
 * Same installation: the restored vault takes the CURRENT unlockers (same KEK, proven by the identical
 * wrapped audit key), so it opens with today's passphrase, recovery key or keychain — not the ones of the
 * day of the backup. Another installation keeps the backup's own.
 */
function adoptCurrentUnlockers(file: string, read: ReadHeader, live: LiveInstallation): 'current' | 'backup' {
  const liveAudit = live.vault.keys.find((k) => k.purpose === 'audit' && k.version === read.header.vault.auditKey.version);
  if (read.header.installationId !== live.installationId || liveAudit?.wrapped !== read.header.vault.auditKey.wrapped || live.vault.unlockers.length === 0) return 'backup';
  const { sqlite } = openDatabase(file);
  try {
    sqlite.transaction(() => {
      sqlite.prepare('delete from vault_unlockers').run();
      const insert = sqlite.prepare('insert into vault_unlockers (kind, sealed, created_at) values (?, ?, ?)');
      for (const u of live.vault.unlockers) insert.run(u.kind, u.sealed, read.header.createdAt);
      sqlite.prepare('insert into settings (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value')
        .run('vault.recoveryConfirmed', JSON.stringify(live.recoveryConfirmed), read.header.createdAt);
    }).immediate();
  } finally {
    sqlite.close();
  }
  return 'current';
}
