import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { applyMigrations } from '../../src-main/core/db/migrate.js';
import { migrations } from '../../src-main/core/db/migrations.generated.js';

// Each migration checked on an in-memory database built from the real shipped SQL.
describe('migrations', () => {
  it('apply in order from empty and record a checksum each', () => {
    const db = new Database(':memory:');
    expect(applyMigrations(db, migrations)).toBe(migrations.length);
    expect(applyMigrations(db, migrations)).toBe(0);
    const rows = db.prepare('select idx, checksum from keydesk_migrations order by idx').all();
    expect(rows).toEqual(migrations.map((m) => ({ idx: m.idx, checksum: m.checksum })));
  });

  it('0001 makes the audit log append-only', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations);
    db.prepare("insert into audit_log (seq, at, actor, action, object_type, summary, prev_mac, mac) values (1, 1, 'a', 'b', 'c', '{}', 'p', 'm')").run();
    expect(() => db.prepare("update audit_log set actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('select actor from audit_log').get()).toEqual({ actor: 'a' });
  });
});
