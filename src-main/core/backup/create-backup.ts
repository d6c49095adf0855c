// One backup: an SQLite online-backup snapshot (never a copy of the open file), described from the snapshot
// itself, sealed into `<folder>/<name>.kdbak.part`, fsynced, then renamed into place — a .kdbak on disk is
// always complete.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, openSync, fsyncSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { bodyKey, writeSealed } from './body-crypto.js';
import { factsOf, vaultRowsOf } from './facts.js';
import { backupFileName, folderError } from './folder.js';
import { encodeHeader, type BackupHeader } from './format.js';

export interface CreateBackupInput {
  sqlite: Database.Database;
  folder: string;
  /** A scratch path inside the data folder for the snapshot (removed afterwards). */
  snapshotPath: string;
  auditKey: Buffer;
  appVersion: string;
  now: number;
  onProgress: (phase: 'snapshot' | 'encrypt', fraction: number) => void;
}

export interface CreatedBackup {
  path: string;
  bytes: number;
  header: BackupHeader;
}

/** Pages copied per step: ~4 MB, a few ms, so other work keeps running during a large snapshot. */
const PAGES_PER_STEP = 1000;

export async function createBackupFile(input: CreateBackupInput): Promise<CreatedBackup> {
  let part: string | undefined;
  try {
    await input.sqlite.backup(input.snapshotPath, {
      progress: ({ totalPages, remainingPages }) => {
        input.onProgress('snapshot', totalPages ? (totalPages - remainingPages) / totalPages : 1);
        return PAGES_PER_STEP;
      },
    });
    const header = { ...describeSnapshot(input.snapshotPath, input.appVersion, input.now), bodyBytes: statSync(input.snapshotPath).size };
    let name = backupFileName(header.installationId, input.now);
    for (let attempt = 1; existsSync(join(input.folder, name)) || existsSync(join(input.folder, name + '.part')); attempt++) {
      name = backupFileName(header.installationId, input.now, attempt);
    }
    const target = join(input.folder, name);
    part = target + '.part';
    const key = bodyKey(input.auditKey, Buffer.from(header.salt, 'base64'));
    let bytes: number;
    try {
      bytes = await writeSealed(part, encodeHeader(header), input.snapshotPath, key, (f) => input.onProgress('encrypt', f));
      renameSync(part, target);
      part = undefined;
      syncFolder(input.folder);
    } catch (err) {
      throw folderError(input.folder, err);
    }
    return { path: target, bytes, header };
  } finally {
    if (part) rmQuietly(part);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmQuietly(input.snapshotPath + suffix);
  }
}

/**
 * The header is read from the snapshot, not the live data, so it describes exactly what the file holds.
 * The snapshot leaves WAL mode (it inherits the flag) so the sealed body is one self-contained file.
 */
function describeSnapshot(file: string, appVersion: string, now: number): Omit<BackupHeader, 'bodyBytes'> {
  const snapshot = new Database(file, { fileMustExist: true });
  try {
    snapshot.pragma('journal_mode = DELETE');
    const facts = factsOf(snapshot);
    const vault = vaultRowsOf(snapshot);
    const auditKey = vault.keys.find((k) => k.purpose === 'audit');
    if (!facts.installationId || !auditKey) throw new KeyDeskError('INTERNAL', { reason: 'snapshot without installation id or audit key' });
    return {
      installationId: facts.installationId,
      appVersion,
      createdAt: now,
      schemaVersion: facts.schemaVersion,
      counts: facts.counts,
      auditHead: facts.auditHead,
      vault: { unlockers: vault.unlockers, auditKey: { version: auditKey.version, wrapped: auditKey.wrapped } },
      salt: randomBytes(16).toString('base64'),
    };
  } finally {
    snapshot.close();
  }
}

/** A rename is durable only once its folder is synced (POSIX); Windows has no folder fsync and does not need one. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function rmQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // a scratch file: the tmp sweep at the next start removes it
  }
}
