import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type Database from 'better-sqlite3';
import type { Core } from '../../../src-main/core/index.js';
import { auditFacets, auditPage, type AuditPageInput } from '../../../src-main/core/audit/audit-query.js';
import { unlockedCore } from '../../helpers/core.js';
import { suiteDir } from './seed.js';

const ENTRIES = 200_000;
const T0 = Date.UTC(2025, 0, 1);

/**
 * Runs an audit query on `sqlite` and answers, for every statement it ran, SQLite's plan for that
 * statement with the same parameters: the plans of the real queries, not of copies written for the test.
 */
function plansOf(sqlite: Database.Database, run: (db: Database.Database) => unknown): { sql: string; plan: string[] }[] {
  const seen: { sql: string; params: unknown[] }[] = [];
  const spy = {
    prepare(sql: string) {
      const stmt = sqlite.prepare(sql);
      const record = (params: unknown[]) => seen.push({ sql, params });
      return {
        get: (...params: unknown[]) => (record(params), stmt.get(...params)),
        all: (...params: unknown[]) => (record(params), stmt.all(...params)),
      };
    },
  } as unknown as Database.Database;
  run(spy);
  return seen.map(({ sql, params }) => ({
    sql,
    plan: (sqlite.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail),
  }));
}

describe(`audit queries over ${ENTRIES.toLocaleString()} entries use the indexes`, () => {
  let core: Core;
  const folder = suiteDir();
  afterAll(() => {
    core?.close();
    folder.remove();
  });
  beforeAll(async () => {
    ({ core } = await unlockedCore({ dataDir: folder.dir }));
    const { sqlite } = core.services;
    // Plain inserts (the chain does not matter to a query plan): one entry a minute for ~139 days.
    const insert = sqlite.prepare(`insert into audit_log (seq, at, actor, action, object_type, object_id, summary, prev_mac, mac) values (?, ?, ?, ?, ?, ?, '{}', '', '')`);
    const actions = ['dispatch.reserve', 'delivery.confirm', 'topup.success', 'key.void', 'shop.update', 'import.commit', 'aftersales.replace', 'redemption.redeemed'];
    sqlite.transaction(() => {
      for (let i = 0; i < ENTRIES; i++) {
        insert.run(i + 2, T0 + i * 60_000, i % 3 ? 'system' : 'owner', actions[i % actions.length], i % 2 ? 'order_line' : 'key', String(i % 5000));
      }
    }).immediate();
  });

  it.each<[string, AuditPageInput, string]>([
    ['one action', { action: 'key.void', limit: 50, offset: 100 }, 'audit_log_action'],
    ['several actions', { action: ['key.void', 'topup.success', 'shop.update'], limit: 50 }, 'audit_log_action'],
    ['object type and id', { objectType: 'order_line', objectId: '4321', limit: 50 }, 'audit_log_object'],
    ['object type', { objectType: 'key', limit: 50, offset: 2000 }, 'audit_log_object'],
    ['a time range', { from: T0 + 1000 * 60_000, to: T0 + 9000 * 60_000, limit: 50 }, 'audit_log_at'],
    ['only a start time', { from: T0 + 150_000 * 60_000, limit: 50 }, 'audit_log_at'],
    ['only an end time', { to: T0 + 5_000 * 60_000, limit: 50 }, 'audit_log_at'],
    ['an actor and a time range', { actor: 'owner', from: T0, to: T0 + 9000 * 60_000, limit: 50 }, 'audit_log_at'],
    ['the 定位 of an entry in a filtered view', { action: 'key.void', focusSeq: 123_456, limit: 50 }, 'audit_log_action'],
  ])('%s: every statement is an index search, never a scan of the log', (_name, input, index) => {
    const plans = plansOf(core.services.sqlite, (db) => auditPage(db, input));
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const { sql, plan } of plans) {
      const lines = plan.filter((d) => d.includes('audit_log'));
      expect(lines.length, sql).toBeGreaterThan(0);
      for (const line of lines) expect(line, sql).toMatch(/^SEARCH audit_log USING (COVERING )?INDEX audit_log_(action|object|at) |^SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      if (/ where (?!seq in)/.test(sql)) expect(plan.join(' | '), sql).toContain(index);
    }
    // And the answer is right, not just fast-looking.
    const page = auditPage(core.services.sqlite, input);
    expect(page.entries.length).toBeGreaterThan(0);
  });

  it('facets read the action and object indexes, not the table', () => {
    const plans = plansOf(core.services.sqlite, auditFacets).map((p) => p.plan.join(' | '));
    expect(plans).toHaveLength(3);
    expect(plans.some((p) => p.includes('COVERING INDEX audit_log_action'))).toBe(true);
    expect(plans.some((p) => p.includes('COVERING INDEX audit_log_object'))).toBe(true);
  });
});
