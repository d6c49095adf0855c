import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../../src-main/core/index.js';
import type { AuditEntry, AuditVerifyResult } from '../../../src-shared/contract/index.js';
import { expectOk, tempDir } from '../../helpers/core.js';
import { seededCore } from './seed.js';

/**
 * Someone opens the data file with a SQLite tool while KeyDesk runs: drops the append-only trigger,
 * edits one entry and puts the trigger back, so the file looks untouched.
 */
function editInFile(dataDir: string, sql: string): void {
  const raw = new Database(join(dataDir, DATABASE_FILE));
  const trigger = (raw.prepare(`select sql from sqlite_master where type = 'trigger' and name = 'audit_log_no_update'`).get() as { sql: string }).sql;
  raw.exec('drop trigger audit_log_no_update');
  raw.exec(sql);
  raw.exec(trigger);
  raw.close();
}

describe('a tampered audit entry', () => {
  it('is named by verify (seq, time, reason) and found by 定位 (the page that holds it)', async () => {
    const dataDir = tempDir();
    const { core } = await seededCore(40, dataDir);
    const target = (core.services.sqlite.prepare('select seq, at from audit_log where seq = 21').get() as { seq: number; at: number });
    editInFile(dataDir, `update audit_log set summary = json_set(summary, '$.priceFen', 1) where seq = 21`);

    const result = expectOk<AuditVerifyResult>(await core.call('audit.verify', {}));
    expect(result).toEqual({ ok: false, entries: 20, firstBroken: { seq: 21, at: target.at, reason: '内容被改动（校验码不符）' } });

    const page = expectOk<{ entries: AuditEntry[]; offset: number; total: number }>(await core.call('audit.list', { limit: 15, focusSeq: 21 }));
    expect(page.offset).toBe(15);
    expect(page.entries.map((e) => e.seq)).toContain(21);
    expect(page.entries.find((e) => e.seq === 21)!.summary.priceFen).toBe(1);
  });

  it('a later entry whose link was rewritten is named too, and an entry left as broken JSON still lists', async () => {
    const dataDir = tempDir();
    const { core } = await seededCore(12, dataDir);
    editInFile(dataDir, `update audit_log set prev_mac = '${'f'.repeat(64)}' where seq = 9; update audit_log set summary = 'not json' where seq = 11`);
    expect(core.services.audit.verify()).toMatchObject({ ok: false, entries: 8, firstBroken: { seq: 9, reason: '与上一条记录的链接不符' } });
    const page = expectOk<{ entries: AuditEntry[] }>(await core.call('audit.list', { limit: 5 }));
    expect(page.entries.find((e) => e.seq === 11)!.summary).toEqual({ raw: 'not json' });
  });

  it('a removed entry is named by the one after the gap', async () => {
    const dataDir = tempDir();
    const { core } = await seededCore(12, dataDir);
    const raw = new Database(join(dataDir, DATABASE_FILE));
    raw.exec('drop trigger audit_log_no_delete; delete from audit_log where seq = 6');
    raw.close();
    expect(core.services.audit.verify()).toMatchObject({ ok: false, entries: 5, firstBroken: { seq: 7 } });
  });
});
