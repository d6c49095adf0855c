import { z } from 'zod';
import { method } from '../define.js';

/** 备份与恢复: encrypted `.kdbak` files in a folder the owner chose, and verified restores. */

export const backupSchedule = z.enum(['off', 'daily', 'weekly']);
export type BackupSchedule = z.infer<typeof backupSchedule>;

export const backupSettings = z.object({
  /** An existing folder on this computer (another disk or a synced folder is best); null until chosen. */
  folder: z.string().max(1000).nullable(),
  schedule: backupSchedule,
  /** Hour of the day, Beijing time. */
  hour: z.number().int().min(0, '小时应在 0–23 之间').max(23, '小时应在 0–23 之间'),
  /** For weekly backups: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1, '星期应在 1–7 之间').max(7, '星期应在 1–7 之间'),
  /** How many of this installation's backup files to keep in the folder; older ones are deleted. */
  keep: z.number().int().min(1, '至少保留 1 份').max(365, '最多保留 365 份'),
});
export type BackupSettings = z.infer<typeof backupSettings>;

export const backupCounts = z.object({
  products: z.number().int(),
  keys: z.number().int(),
  orders: z.number().int(),
  orderLines: z.number().int(),
  auditEntries: z.number().int(),
});
export type BackupCounts = z.infer<typeof backupCounts>;

export const auditHead = z.object({ seq: z.number().int(), mac: z.string() });

export const backupRecord = z.object({
  id: z.number().int(),
  kind: z.enum(['manual', 'scheduled']),
  path: z.string(),
  bytes: z.number().int().nullable(),
  keys: z.number().int().nullable(),
  auditSeq: z.number().int().nullable(),
  status: z.enum(['running', 'done', 'failed', 'rotated']),
  error: z.string().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type BackupRecord = z.infer<typeof backupRecord>;

/** What a backup file says about itself (its header), before any passphrase is asked. */
export const backupFileInfo = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  createdAt: z.number().int(),
  appVersion: z.string(),
  installationId: z.string(),
  /** Made by this installation (same data, same keys): restoring needs no passphrase. */
  sameInstallation: z.boolean(),
  counts: backupCounts,
  auditHead: auditHead.nullable(),
  /** Which secrets from the time of the backup can open it on another computer. */
  opensWith: z.array(z.enum(['passphrase', 'recovery'])),
});
export type BackupFileInfo = z.infer<typeof backupFileInfo>;

/** A file in the backup folder that could not be read as a backup, with the reason. */
export const unreadableBackupFile = z.object({ path: z.string(), fileName: z.string(), error: z.string() });

export const restoreCheck = z.object({
  name: z.enum(['file', 'integrity', 'schema', 'counts', 'auditChain', 'auditHead']),
  ok: z.boolean(),
  detail: z.string(),
});

/** A restore that passed every check and waits for the next start to replace the current data. */
export const stagedRestore = z.object({
  stagedAt: z.number().int(),
  fileName: z.string(),
  backup: backupFileInfo,
  checks: z.array(restoreCheck),
  /** After the restore the vault opens with the current secrets (same installation) or the backup's. */
  unlockWith: z.enum(['current', 'backup']),
});
export type StagedRestore = z.infer<typeof stagedRestore>;

const source = z.union([
  z.object({ path: z.string().min(1, '请选择备份文件').max(1000) }),
  z.object({ uploadId: z.string().min(1).max(100) }),
]);

export const backupMethods = {
  'backup.settings.get': method({
    summary: '读取备份设置（文件夹、计划、保留份数）和下一次计划备份时间',
    input: z.object({}),
    output: backupSettings.extend({ nextDueAt: z.number().int().nullable(), lastBackupAt: z.number().int().nullable() }),
  }),
  'backup.settings.update': method({
    summary: '修改备份设置；文件夹必须已存在',
    input: backupSettings.partial(),
    output: backupSettings.extend({ nextDueAt: z.number().int().nullable(), lastBackupAt: z.number().int().nullable() }),
  }),
  'backup.run': method({
    summary: '立即备份到备份文件夹（或指定的文件夹），并按保留份数清理旧备份',
    input: z.object({ folder: z.string().min(1).max(1000).optional() }),
    output: backupRecord,
  }),
  'backup.list': method({
    summary: '备份记录，以及备份文件夹里找到的备份文件和待重启生效的恢复',
    input: z.object({}),
    output: z.object({
      folder: z.string().nullable(),
      running: z.boolean(),
      history: z.array(backupRecord),
      files: z.array(backupFileInfo),
      unreadable: z.array(unreadableBackupFile),
      staged: stagedRestore.nullable(),
    }),
  }),
  'backup.inspect': method({
    summary: '读取备份文件的说明（时间、数量、来自哪个安装），不需要密码',
    input: z.object({ source }),
    output: backupFileInfo.extend({
      /** False when the backup is another installation's and the current data is not empty. */
      allowed: z.boolean(),
      reason: z.string().nullable(),
      needsSecret: z.boolean(),
    }),
  }),
  'backup.restore': method({
    summary: '校验备份并准备恢复：完整性、审计链、数量全部通过后，下次启动时替换当前数据',
    input: z.object({
      source,
      passphrase: z.string().min(1).max(1024).optional(),
      recoveryKey: z.string().min(1).max(200).optional(),
    }),
    output: stagedRestore,
  }),
  'backup.cancelRestore': method({
    summary: '取消已准备好、尚未生效的恢复',
    input: z.object({}),
    output: z.object({ cancelled: z.boolean() }),
  }),
};
