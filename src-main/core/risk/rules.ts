// 风控规则: the owner's rules, in order, with every change audited in its transaction. The hook reads
// them compiled (regexes and CIDRs parsed once) from a cache dropped on every change.
import type Database from 'better-sqlite3';
import { KeyDeskError, riskCondition, type RiskRule, type RiskRuleDraft } from '../../../src-shared/contract/index.js';
import { z } from 'zod';
import { stmt } from '../db/statements.js';
import type { RiskDeps } from './index.js';
import { DEFAULT_RULES } from './defaults.js';
import { compileRule, type CompiledRule } from './engine.js';

interface RuleRow {
  id: number;
  position: number;
  name: string;
  enabled: number;
  mode: 'enforce' | 'observe';
  action: RiskRule['action'];
  delay_minutes: number | null;
  score: number;
  conditions: string;
  note: string | null;
  built_in_key: string | null;
  updated_at: number;
}

const SEEDED = 'risk.defaultRulesSeeded';
const conditionsSchema = z.array(riskCondition);

export function toRule(r: RuleRow): RiskRule {
  return {
    id: r.id, position: r.position, name: r.name, enabled: r.enabled === 1, mode: r.mode, action: r.action,
    ...(r.delay_minutes !== null && { delayMinutes: r.delay_minutes }),
    score: r.score, conditions: conditionsSchema.parse(JSON.parse(r.conditions)),
    ...(r.note !== null && { note: r.note }),
    builtIn: r.built_in_key !== null, updatedAt: r.updated_at,
  };
}

type Deps = Pick<RiskDeps, 'sqlite' | 'clock' | 'appendAudit' | 'settings' | 'vault'>;

export class RuleStore {
  private cache: { rules: CompiledRule[] } | undefined;
  private readonly all: Database.Statement;

  constructor(private readonly d: Deps) {
    this.all = stmt(d.sqlite, 'select * from risk_rules order by position, id');
  }

  /** Enabled rules, compiled, in evaluation order; seeds the shipped rules the first time. */
  compiled(): { rules: CompiledRule[] } {
    if (this.cache) return this.cache;
    this.ensureSeeded();
    const rules = this.rows().filter((r) => r.enabled).map((r) => compileRule(r));
    this.cache = { rules };
    return this.cache;
  }

  list(): RiskRule[] {
    this.ensureSeeded();
    return this.rows();
  }

  get(id: number): RiskRule {
    const row = stmt(this.d.sqlite, 'select * from risk_rules where id = ?').get(id) as RuleRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { id }, `规则不存在（编号 ${id}），可能已被删除`);
    return toRule(row);
  }

  save(id: number | undefined, draft: RiskRuleDraft): RiskRule {
    const now = this.d.clock.now();
    const saved = this.d.sqlite.transaction(() => {
      this.ensureSeeded();
      const values = [draft.name, draft.enabled ? 1 : 0, draft.mode, draft.action, draft.action === 'delay' ? (draft.delayMinutes ?? null) : null,
        draft.score, JSON.stringify(draft.conditions), draft.note?.trim() || null] as const;
      let ruleId: number;
      if (id === undefined) {
        const position = (stmt(this.d.sqlite, 'select coalesce(max(position), 0) + 1 as p from risk_rules').get() as { p: number }).p;
        ruleId = Number(stmt(this.d.sqlite, `insert into risk_rules (position, name, enabled, mode, action, delay_minutes, score, conditions, note, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(position, ...values, now, now).lastInsertRowid);
      } else {
        this.get(id);
        stmt(this.d.sqlite, `update risk_rules set name = ?, enabled = ?, mode = ?, action = ?, delay_minutes = ?, score = ?, conditions = ?, note = ?, updated_at = ? where id = ?`)
          .run(...values, now, id);
        ruleId = id;
      }
      this.d.appendAudit({ actor: 'owner', action: 'risk.rule.save', objectType: 'risk_rule', objectId: String(ruleId), summary: {
        name: draft.name, kind: id === undefined ? 'create' : 'update', riskAction: draft.action, mode: draft.mode, enabled: draft.enabled, conditions: draft.conditions.length,
      } });
      return this.get(ruleId);
    }).immediate();
    this.cache = undefined;
    return saved;
  }

  delete(id: number): void {
    this.d.sqlite.transaction(() => {
      const rule = this.get(id);
      stmt(this.d.sqlite, 'delete from risk_rules where id = ?').run(id);
      this.d.appendAudit({ actor: 'owner', action: 'risk.rule.delete', objectType: 'risk_rule', objectId: String(id), summary: { name: rule.name, builtIn: rule.builtIn } });
    }).immediate();
    this.cache = undefined;
  }

  /** `ids` must be every rule, in the new order (top first). */
  reorder(ids: number[]): RiskRule[] {
    const out = this.d.sqlite.transaction(() => {
      const current = this.rows().map((r) => r.id);
      const same = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
      if (!same) throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'ids', message: '规则列表已变化，请刷新后重新排序' }] }, '规则列表已变化，请刷新后重新排序');
      const set = stmt(this.d.sqlite, 'update risk_rules set position = ?, updated_at = ? where id = ?');
      const now = this.d.clock.now();
      ids.forEach((id, i) => set.run(i + 1, now, id));
      this.d.appendAudit({ actor: 'owner', action: 'risk.rule.reorder', objectType: 'risk_rule', summary: { order: ids.join(',') } });
      return this.rows();
    }).immediate();
    this.cache = undefined;
    return out;
  }

  /** Re-adds shipped rules the owner deleted, each next to its shipped neighbours; edits are kept. */
  restoreDefaults(): RiskRule[] {
    const out = this.d.sqlite.transaction(() => {
      const restored = this.insertMissing();
      this.d.appendAudit({ actor: 'owner', action: 'risk.rule.restore', objectType: 'risk_rule', summary: { count: restored.length, name: restored.join('、') || null } });
      return this.rows();
    }).immediate();
    this.cache = undefined;
    return out;
  }

  private rows(): RiskRule[] {
    return (this.all.all() as RuleRow[]).map(toRule);
  }

  private ensureSeeded(): void {
    if (this.d.settings.get(SEEDED) === true) return;
    // The audit needs the vault open; the shipped rules wait for the first call made with it open.
    if (!this.d.vault.unlocked) return;
    this.d.sqlite.transaction(() => {
      if (this.d.settings.get(SEEDED) === true) return;
      const added = this.insertMissing();
      this.d.settings.set(SEEDED, true);
      this.d.appendAudit({ actor: 'system', action: 'risk.rule.restore', objectType: 'risk_rule', summary: { count: added.length, name: added.join('、') || null } });
    }).immediate();
    this.cache = undefined;
  }

  private insertMissing(): string[] {
    const present = new Set((stmt(this.d.sqlite, 'select built_in_key as k from risk_rules where built_in_key is not null').all() as { k: string }[]).map((r) => r.k));
    const missing = DEFAULT_RULES.filter((d) => !present.has(d.key));
    if (missing.length === 0) return [];
    const now = this.d.clock.now();
    // Final order: the current rules, each missing shipped rule right after the nearest shipped rule that precedes it.
    const order: { id: number | null; key: string | null }[] = (stmt(this.d.sqlite, 'select id, built_in_key as key from risk_rules order by position, id').all() as { id: number; key: string | null }[]);
    for (const d of missing) {
      const before = new Set(DEFAULT_RULES.slice(0, DEFAULT_RULES.indexOf(d)).map((x) => x.key));
      let at = 0;
      order.forEach((o, i) => {
        if (o.key !== null && before.has(o.key)) at = i + 1;
      });
      order.splice(at, 0, { id: null, key: d.key });
    }
    const insert = stmt(this.d.sqlite, `insert into risk_rules (position, name, enabled, mode, action, delay_minutes, score, conditions, note, built_in_key, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const move = stmt(this.d.sqlite, 'update risk_rules set position = ? where id = ?');
    order.forEach((o, i) => {
      if (o.id !== null) return void move.run(i + 1, o.id);
      const r = DEFAULT_RULES.find((d) => d.key === o.key)!.rule;
      insert.run(i + 1, r.name, r.enabled ? 1 : 0, r.mode, r.action, r.delayMinutes ?? null, r.score, JSON.stringify(r.conditions), r.note ?? null, o.key, now, now);
    });
    return missing.map((d) => d.rule.name);
  }
}
