// The backup folder: checking it can take a file, naming files, finding the backups in it, and rotation.
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { BACKUP_EXT, readBackupHeader, type ReadHeader } from './format.js';

/** A Chinese reason for a file-system failure, naming what the owner can fix. */
export function folderProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return '文件夹不存在（移动硬盘或网络盘未连接？）';
    case 'ENOTDIR':
      return '这不是一个文件夹';
    case 'EACCES':
    case 'EPERM':
      return '没有写入权限';
    case 'EROFS':
      return '磁盘是只读的';
    case 'ENOSPC':
    case 'EDQUOT':
      return '磁盘空间不足';
    default:
      return (err as Error).message || '未知原因';
  }
}

export function folderError(folder: string, err: unknown): KeyDeskError {
  if (err instanceof KeyDeskError) return err;
  const reason = folderProblem(err);
  return new KeyDeskError('BACKUP_FOLDER_UNAVAILABLE', { folder, reason }, `备份文件夹不可用：${folder}（${reason}）`);
}

/** Refuses a folder that does not exist (it is never created: that would write to the local disk when a drive is missing). */
export function assertUsableFolder(folder: string): void {
  try {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(folder, constants.W_OK);
  } catch (err) {
    throw folderError(folder, err);
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** `keydesk-1a2b3c4d-20240501-134509.kdbak` (Beijing time), the installation's short id first. */
export function backupFileName(installationId: string, at: number, attempt = 0): string {
  const d = new Date(at + 8 * 3_600_000);
  const stamp = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return `keydesk-${installationId.replace(/[^\w]/g, '').slice(0, 8)}-${stamp}${attempt ? `-${attempt + 1}` : ''}${BACKUP_EXT}`;
}

export interface FoundBackup extends ReadHeader {
  path: string;
  fileName: string;
}

/** Every .kdbak in the folder with its header; files that do not read as backups are listed with why. */
export function scanFolder(folder: string): { found: FoundBackup[]; unreadable: { path: string; fileName: string; error: string }[] } {
  const found: FoundBackup[] = [];
  const unreadable: { path: string; fileName: string; error: string }[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (err) {
    throw folderError(folder, err);
  }
  for (const name of names.filter((n) => n.toLowerCase().endsWith(BACKUP_EXT)).sort()) {
    const path = join(folder, name);
    try {
      found.push({ ...readBackupHeader(path), path, fileName: basename(path) });
    } catch (err) {
      unreadable.push({ path, fileName: name, error: (err as Error).message });
    }
  }
  return { found, unreadable };
}

/** Which of this installation's backups to delete so that `keep` remain, newest kept; the one just made always stays. */
export function pickRotated(found: FoundBackup[], installationId: string, keep: number, justMade: string): FoundBackup[] {
  const ours = found
    .filter((f) => f.header.installationId === installationId && f.path !== justMade)
    .sort((a, b) => b.header.createdAt - a.header.createdAt || b.fileName.localeCompare(a.fileName));
  return ours.slice(Math.max(0, keep - 1));
}
