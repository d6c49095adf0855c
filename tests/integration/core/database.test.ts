import { describe, it, expect } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, APPLICATION_ID } from '../../../src-main/core/db/open.js';
import { applyMigrations } from '../../../src-main/core/db/migrate.js';
import { migrations } from '../../../src-main/core/db/migrations.generated.js';
import { createCore, DATABASE_FILE } from '../../../src-main/core/index.js';
import { tempDir, testCore } from '../../helpers/core.js';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

describe('opening the database', () => {
  it('creates a WAL database with full sync, foreign keys, our application id and every migration', () => {
    const file = join(tempDir(), 'k.db');
    const { sqlite } = openDatabase(file);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(migrations.length);
    sqlite.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const file = join(tempDir(), 'k.db');
    openDatabase(file).sqlite.close();
    const { sqlite } = openDatabase(file);
    expect(sqlite.prepare('select count(*) as n from keydesk_migrations').get()).toEqual({ n: migrations.length });
    sqlite.close();
  });

  it('refuses a corrupt file and leaves its bytes untouched', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const junk = Buffer.from('这不是数据库'.repeat(500));
    writeFileSync(file, junk);
    expect(refusal(() => createCore({ dataDir: dir, host: 'cli', version: 't' }))).toBe('DB_CORRUPT');
    expect(readFileSync(file).equals(junk)).toBe(true);
    expect(existsSync(file + '-wal')).toBe(false);
  });

  it('refuses an SQLite file whose pages are damaged, untouched', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const good = testCore({ dataDir: dir });
    good.close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 100, 4096); // header kept, first page's content destroyed
    writeFileSync(file, bytes);
    expect(refusal(() => createCore({ dataDir: dir, host: 'cli', version: 't' }))).toBe('DB_CORRUPT');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("refuses another program's SQLite database, untouched", () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const other = new Database(file);
    other.exec("create table contacts (name text); insert into contacts values ('张三')");
    other.close();
    const before = readFileSync(file);
    expect(refusal(() => createCore({ dataDir: dir, host: 'cli', version: 't' }))).toBe('DB_FOREIGN');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database written by a newer KeyDesk, untouched', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    testCore({ dataDir: dir }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(file);
    expect(refusal(() => createCore({ dataDir: dir, host: 'cli', version: 't' }))).toBe('DB_TOO_NEW');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses to run when a released migration was edited (checksum)', () => {
    const file = join(tempDir(), 'k.db');
    openDatabase(file).sqlite.close();
    const sqlite = new Database(file);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    expect(refusal(() => applyMigrations(sqlite, edited))).toBe('DB_MIGRATION_FAILED');
    sqlite.close();
  });

  it('rolls back a failing migration step and keeps every earlier one and its data', () => {
    const file = join(tempDir(), 'k.db');
    const sqlite = new Database(file);
    applyMigrations(sqlite, migrations);
    sqlite.prepare("insert into settings (key, value, updated_at) values ('keep', '1', 1)").run();
    const broken = [...migrations, { idx: migrations.length, tag: '9999_broken', checksum: 'x', sql: 'create table half (a int);\n--> statement-breakpoint\nthis is not sql' }];
    expect(refusal(() => applyMigrations(sqlite, broken))).toBe('DB_MIGRATION_FAILED');
    expect(sqlite.prepare("select name from sqlite_master where name = 'half'").get()).toBeUndefined();
    expect(sqlite.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(sqlite.prepare("select value from settings where key = 'keep'").get()).toEqual({ value: '1' });
    sqlite.close();
  });

  it('a copy of a healthy database opens elsewhere (no hidden machine binding)', () => {
    const a = tempDir();
    testCore({ dataDir: a }).close();
    const b = tempDir();
    copyFileSync(join(a, DATABASE_FILE), join(b, DATABASE_FILE));
    expect(() => testCore({ dataDir: b }).close()).not.toThrow();
  });
});
