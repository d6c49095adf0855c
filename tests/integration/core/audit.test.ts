import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../../src-main/core/index.js';
import { unlockedCore, tempDir, testCore, PASSPHRASE } from '../../helpers/core.js';

async function coreWithEntries(n: number) {
  const dataDir = tempDir();
  const { core } = await unlockedCore({ dataDir });
  const { sqlite, audit } = core.services;
  for (let i = 0; i < n; i++) {
    sqlite.transaction(() => audit.append({ actor: 'owner', action: 'test.entry', objectType: 'thing', objectId: `t${i}`, summary: { note: `第${i}条-MARK${i}` } })).immediate();
  }
  return { core, dataDir };
}

describe('audit chain', () => {
  it('verifies a healthy chain, counting every entry', async () => {
    const { core } = await coreWithEntries(5);
    // vault.setup wrote the first entry.
    expect(core.services.audit.verify()).toEqual({ ok: true, entries: 6 });
  });

  it('refuses UPDATE and DELETE through SQL', async () => {
    const { core } = await coreWithEntries(1);
    expect(() => core.services.sqlite.prepare("update audit_log set summary = '{}' where seq = 2").run()).toThrow(/append-only/);
    expect(() => core.services.sqlite.prepare('delete from audit_log where seq = 2').run()).toThrow(/append-only/);
  });

  it('an entry is written with its change or not at all', async () => {
    const { core } = await coreWithEntries(0);
    const { sqlite, audit, settings } = core.services;
    expect(() =>
      sqlite.transaction(() => {
        settings.set('x', 1);
        audit.append({ actor: 'owner', action: 'x.set', objectType: 'setting' });
        throw new Error('crash after the audit write');
      }).immediate(),
    ).toThrow();
    expect(settings.get('x')).toBeUndefined();
    expect(audit.list(10).total).toBe(1);
    expect(() => audit.append({ actor: 'owner', action: 'outside', objectType: 'x' })).toThrow(/inside the change transaction/);
  });

  it('names the first entry edited directly in the SQLite file (bytes changed on disk)', async () => {
    const { core, dataDir } = await coreWithEntries(4);
    core.close();
    const file = join(dataDir, DATABASE_FILE);
    const cp = new Database(file);
    cp.pragma('wal_checkpoint(TRUNCATE)');
    cp.close();
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('MARK2'));
    expect(at).toBeGreaterThan(0);
    bytes.write('MARK7', at); // same length: the page stays valid SQLite, only the content lies
    writeFileSync(file, bytes);
    const again = testCore({ dataDir });
    await again.services.vault.unlock({ passphrase: PASSPHRASE });
    const result = again.services.audit.verify();
    expect(result.ok).toBe(false);
    // vault.setup is seq 1, the edited entry (index 2) is seq 4; unlock appended seq 6.
    expect(result.firstBroken?.seq).toBe(4);
    expect(result.entries).toBe(3);
  });

  it('detects a deleted entry and a forged one after the triggers are dropped', async () => {
    const { core } = await coreWithEntries(3);
    const { sqlite, audit } = core.services;
    sqlite.exec('drop trigger audit_log_no_delete; drop trigger audit_log_no_update');
    sqlite.prepare('delete from audit_log where seq = 3').run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBroken: { seq: 4 } });

    const { core: other } = await coreWithEntries(3);
    other.services.sqlite.exec('drop trigger audit_log_no_update');
    other.services.sqlite.prepare(`update audit_log set actor = 'someone else' where seq = 2`).run();
    expect(other.services.audit.verify()).toMatchObject({ ok: false, entries: 1, firstBroken: { seq: 2 } });
  });

  it('lists newest first with paging', async () => {
    const { core } = await coreWithEntries(3);
    const page = core.services.audit.list(2);
    expect(page.total).toBe(4);
    expect(page.entries.map((e) => e.seq)).toEqual([4, 3]);
    expect(core.services.audit.list(2, 3).entries.map((e) => e.seq)).toEqual([2, 1]);
  });
});
