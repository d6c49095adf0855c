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

  it('0005 backfills stock counts from existing keys and keeps them exact on insert, update and delete', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations.slice(0, 5));
    db.exec(`insert into products (id, code, name, type, price_fen, created_at, updated_at) values (1, 'P', 'p', 'card', 1, 0, 0);
      insert into batches (id, product_id, unit_cost_fen, purchased_at, created_at) values (1, 1, 1, 0, 0);`);
    const key = db.prepare("insert into keys (product_id, batch_id, secret_sealed, secret_index, status, created_at, updated_at) values (1, 1, x'00', ?, 'available', 0, 0)");
    key.run(Buffer.from('a'));
    key.run(Buffer.from('b'));
    applyMigrations(db, migrations);
    const counts = () => db.prepare('select status, n from stock_counts where n > 0 order by status').all();
    expect(counts()).toEqual([{ status: 'available', n: 2 }]);
    key.run(Buffer.from('c'));
    db.prepare("update keys set status = 'void' where secret_index = ?").run(Buffer.from('a'));
    db.prepare('delete from keys where secret_index = ?').run(Buffer.from('b'));
    expect(counts()).toEqual([{ status: 'available', n: 1 }, { status: 'void', n: 1 }]);
  });
});
