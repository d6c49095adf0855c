import type Database from 'better-sqlite3';
import { KeyDeskError } from '../../../src-shared/contract/errors.js';
import type { ShippedMigration } from './migrations.generated.js';

/**
 * Applies drizzle-kit's migrations in order, each in its own immediate transaction with the
 * `user_version` bump, so a failure rolls back that step and leaves every earlier one intact.
 * A migration already applied must still match the shipped file (checksum): editing a released
 * migration is a bug we want to hear about, not paper over.
 */
export function applyMigrations(sqlite: Database.Database, shipped: ShippedMigration[]): number {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS keydesk_migrations (
    idx INTEGER PRIMARY KEY, tag TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Map(
    (sqlite.prepare('select idx, checksum from keydesk_migrations').all() as { idx: number; checksum: string }[])
      .map((r) => [r.idx, r.checksum]),
  );
  if (applied.size > shipped.length) {
    throw new KeyDeskError('DB_TOO_NEW', { fileVersion: applied.size, appVersion: shipped.length });
  }
  let count = 0;
  for (const m of shipped) {
    const done = applied.get(m.idx);
    if (done !== undefined) {
      if (done !== m.checksum) {
        throw new KeyDeskError('DB_MIGRATION_FAILED', { migration: m.tag, reason: 'checksum mismatch' });
      }
      continue;
    }
    const step = sqlite.transaction(() => {
      for (const statement of m.sql.split('--> statement-breakpoint')) {
        if (statement.trim()) sqlite.exec(statement);
      }
      sqlite
        .prepare('insert into keydesk_migrations (idx, tag, checksum, applied_at) values (?, ?, ?, ?)')
        .run(m.idx, m.tag, m.checksum, Date.now());
      sqlite.pragma(`user_version = ${m.idx + 1}`);
    });
    try {
      step.immediate();
    } catch (err) {
      throw new KeyDeskError('DB_MIGRATION_FAILED', { migration: m.tag, reason: (err as Error).message });
    }
    count++;
  }
  return count;
}
