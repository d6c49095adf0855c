// Putting a verified, staged restore in place. Runs with no connection of ours open (createCore before it
// opens the database, or the CLI after closing it), and only when no other KeyDesk has the file open. The
// current database is never deleted: it moves to `before-restore-<stamp>/` beside it.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KeyDeskError, stagedRestore, type StagedRestore } from '../../../src-shared/contract/index.js';

export const STAGED_DIR = 'restore-staged';
export const STAGED_DB = 'keydesk.db';
export const MANIFEST = 'restore.json';
/** Left by an applied restore until the audit entry for it is written (the vault must be open for that). */
export const APPLIED_MARKER = 'restore-applied.json';

export interface AppliedRestore {
  appliedAt: number;
  fileName: string;
  backupCreatedAt: number;
  installationId: string;
  keys: number;
  auditSeq: number | null;
  /** Folder (inside the data folder) holding the database that was replaced; null for an empty folder. */
  movedTo: string | null;
}

export type ApplyOutcome = { applied: false; reason: 'none' | 'busy' } | { applied: true; restore: AppliedRestore };

export function readStaged(dataDir: string): StagedRestore | null {
  const manifest = join(dataDir, STAGED_DIR, MANIFEST);
  if (!existsSync(manifest)) return null;
  const parsed = stagedRestore.safeParse(JSON.parse(readFileSync(manifest, 'utf8')));
  return parsed.success ? parsed.data : null;
}

export function cancelStaged(dataDir: string): boolean {
  const dir = join(dataDir, STAGED_DIR);
  if (!existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}

/**
 * Throws DB_BUSY when another process has the database open: an exclusive lock cannot be taken while any
 * other connection (a window, `keydesk serve`, another command) holds the file, WAL mode included.
 */
export function assertNotInUse(dbFile: string): void {
  if (!existsSync(dbFile)) return;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(dbFile, { fileMustExist: true, timeout: 0 });
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new KeyDeskError('DB_BUSY', { file: dbFile, hint: '请先关闭正在运行的卡密工作台（窗口或 keydesk serve），再恢复' });
    }
    // An unreadable current file does not block a restore: it is moved aside, never deleted.
  } finally {
    probe?.close();
  }
}

const two = (n: number) => String(n).padStart(2, '0');
function stamp(at: number): string {
  const d = new Date(at + 8 * 3_600_000);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/**
 * Applies the staged restore, if there is one. Crash-safe in every step: the staged manifest stays until the
 * end, so an interrupted apply finishes at the next start; the replaced files are only ever moved.
 */
export function applyStagedRestore(dbFile: string, now: number): ApplyOutcome {
  const dataDir = dirname(dbFile);
  sweepAbandonedWork(dataDir, now);
  const dir = join(dataDir, STAGED_DIR);
  const staged = readStaged(dataDir);
  if (!staged) return { applied: false, reason: 'none' };
  const stagedDb = join(dir, STAGED_DB);
  let movedTo: string | null = null;
  if (existsSync(stagedDb)) {
    try {
      assertNotInUse(dbFile);
    } catch {
      return { applied: false, reason: 'busy' };
    }
    const live = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter((f) => existsSync(f));
    if (live.length) {
      let aside = join(dataDir, `before-restore-${stamp(now)}`);
      for (let i = 2; existsSync(aside); i++) aside = join(dataDir, `before-restore-${stamp(now)}-${i}`);
      mkdirSync(aside);
      const moved: [string, string][] = [];
      try {
        for (const f of live) {
          renameSync(f, join(aside, basename(f)));
          moved.push([f, join(aside, basename(f))]);
        }
        renameSync(stagedDb, dbFile);
      } catch (err) {
        for (const [from, to] of moved.reverse()) renameSync(to, from);
        throw err;
      }
      movedTo = basename(aside);
    } else {
      renameSync(stagedDb, dbFile);
    }
  }
  const restore: AppliedRestore = {
    appliedAt: now,
    fileName: staged.fileName,
    backupCreatedAt: staged.backup.createdAt,
    installationId: staged.backup.installationId,
    keys: staged.backup.counts.keys,
    auditSeq: staged.backup.auditHead?.seq ?? null,
    movedTo,
  };
  writeFileSync(join(dataDir, APPLIED_MARKER), JSON.stringify(restore));
  rmSync(dir, { recursive: true, force: true });
  return { applied: true, restore };
}

/** A staging folder a crash left behind (a restore check takes minutes at most, never an hour). */
function sweepAbandonedWork(dataDir: string, now: number): void {
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith('restore-work-')) continue;
    const full = join(dataDir, name);
    try {
      if (now - statSync(full).mtimeMs > 3_600_000) rmSync(full, { recursive: true, force: true });
    } catch {
      // still in use on Windows: the next start tries again
    }
  }
}

export function readAppliedMarker(dataDir: string): AppliedRestore | null {
  const file = join(dataDir, APPLIED_MARKER);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AppliedRestore;
  } catch {
    return null;
  }
}

export function clearAppliedMarker(dataDir: string): void {
  rmSync(join(dataDir, APPLIED_MARKER), { force: true });
}
