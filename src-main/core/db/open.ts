import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { KeyDeskError } from '../../../src-shared/contract/errors.js';
import { migrations } from './migrations.generated.js';
import { applyMigrations } from './migrate.js';
import * as schema from './schema.js';

/** 'KDSK' — marks a file as ours so we never migrate another program's database. */
export const APPLICATION_ID = 0x4b44534b;
const SQLITE_MAGIC = 'SQLite format 3\0';

export type Db = BetterSQLite3Database<typeof schema>;
export interface OpenedDb {
  sqlite: Database.Database;
  db: Db;
}

/**
 * The one place a database is opened. Everything that could refuse the file is checked read-only
 * first, so a corrupt, foreign or newer file is left byte-for-byte as it was.
 */
export function openDatabase(file: string): OpenedDb {
  if (existsSync(file) && statSync(file).size > 0) inspectExisting(file);

  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { timeout: 5000 });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MB of page cache: a large import's index inserts stay in memory instead of thrashing 2 MB.
    sqlite.pragma('cache_size = -65536');
    if (sqlite.pragma('application_id', { simple: true }) === 0) {
      sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    }
  } catch (err) {
    throw asDbError(err);
  }
  try {
    applyMigrations(sqlite, migrations);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

function inspectExisting(file: string): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new KeyDeskError('DB_CORRUPT', { file, reason: 'not an SQLite file' });
  }
  let ro: Database.Database | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    const appId = ro.pragma('application_id', { simple: true }) as number;
    const version = ro.pragma('user_version', { simple: true }) as number;
    const tables = ro
      .prepare("select count(*) as n from sqlite_master where type = 'table'")
      .get() as { n: number };
    if (appId !== APPLICATION_ID && (appId !== 0 || tables.n > 0)) {
      throw new KeyDeskError('DB_FOREIGN', { file, applicationId: appId });
    }
    if (version > migrations.length) {
      throw new KeyDeskError('DB_TOO_NEW', { file, fileVersion: version, appVersion: migrations.length });
    }
  } catch (err) {
    throw asDbError(err);
  } finally {
    ro?.close();
  }
}

function asDbError(err: unknown): KeyDeskError {
  if (err instanceof KeyDeskError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new KeyDeskError('DB_BUSY');
  return new KeyDeskError('DB_CORRUPT', { reason: (err as Error).message });
}
