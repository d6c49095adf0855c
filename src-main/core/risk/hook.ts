// The dispatch risk hook: facts → engine → decision, inside the reservation transaction. It records one
// risk_hits row per matched rule and, for anything but allow, opens a risk_holds row (deadline from the
// platform's shipping time limit). Events go out after the transaction, never inside it.
import { RISK_ACTION_TITLES } from '../../../src-shared/contract/index.js';
import { stmt } from '../db/statements.js';
import type { RiskDecision, RiskHook, RiskInput } from '../dispatch/risk-hook.js';
import { evaluate, type Evaluation } from './engine.js';
import type { FactSource } from './facts.js';
import type { RiskDeps } from './index.js';
import type { ListStore } from './lists.js';
import type { RuleStore } from './rules.js';
import type { RiskSettingsStore } from './settings.js';
import type { Verification } from './verify/index.js';

const MINUTE = 60_000;
const CLEARED = new Set(['approved', 'released', 'verified']);

type Deps = Pick<RiskDeps, 'sqlite' | 'clock' | 'log' | 'events' | 'appendAudit'>;

export class RiskScreen {
  /** Holds opened in transactions not yet announced: line id → held_at. */
  private readonly pending = new Map<number, number>();
  private flushing = false;

  constructor(
    private readonly d: Deps,
    private readonly rules: RuleStore,
    private readonly facts: FactSource,
    private readonly lists: ListStore,
    private readonly settings: RiskSettingsStore,
    private readonly verification: () => Verification,
  ) {}

  readonly hook: RiskHook = (input) => this.screen(input);

  private screen(input: RiskInput): RiskDecision {
    const prior = stmt(this.d.sqlite, 'select status, decision from risk_holds where line_id = ?').get(input.lineId) as { status: string; decision: string } | undefined;
    // A line comes back here when it is dispatched again (stock arrived, a refund request withdrawn):
    // an open hold stays open, and what the owner or the clock already released stays released.
    if (prior?.status === 'open') return JSON.parse(prior.decision) as RiskDecision;
    if (prior && CLEARED.has(prior.status)) return { action: 'allow', score: 0, reasons: ['此前已放行'], ruleIds: [] };
    const now = this.d.clock.now();
    let evaluation: Evaluation;
    try {
      const { rules } = this.rules.compiled();
      if (rules.length === 0) return { action: 'allow', score: 0, reasons: [], ruleIds: [] };
      const computed = this.facts.compute({
        orderId: input.orderId, shopId: input.shopId, platform: input.platform, amountFen: input.amountFen, quantity: input.quantity,
        productId: input.productId, riskFlags: input.riskFlags, paidAt: input.paidAt,
      }, now);
      evaluation = evaluate(rules, computed.facts);
      this.record(input.lineId, computed.facts.at, evaluation);
      this.countListHits(evaluation, rules, computed.listEntries());
    } catch (err) {
      // A broken rule or an unreadable signal must not let an order through unseen, nor stop capture.
      this.d.log.error({ lineId: input.lineId, err: (err as Error).message }, 'RiskScreen.screen: evaluation failed');
      evaluation = { action: 'review', score: 0, reasons: ['风控检查出错，已暂停发货，请人工审核'], ruleIds: [], delayMinutes: null, matches: [] };
    }
    const decision: RiskDecision = { action: evaluation.action, score: evaluation.score, reasons: evaluation.reasons, ruleIds: evaluation.ruleIds };
    if (evaluation.action === 'allow') return decision;
    return this.openHold(input, decision, evaluation, now);
  }

  private record(lineId: number, at: number, evaluation: Evaluation): void {
    // Hits are keyed (rule, order time, line): screening the same line again does not count twice.
    const seen = stmt(this.d.sqlite, 'select 1 from risk_hits where rule_id = ? and at = ? and line_id = ? limit 1');
    const insert = stmt(this.d.sqlite, 'insert into risk_hits (rule_id, line_id, at, action, decided, observed) values (?, ?, ?, ?, ?, ?)');
    for (const m of evaluation.matches) {
      if (seen.get(m.ruleId, at, lineId) === undefined) insert.run(m.ruleId, lineId, at, m.action, m.decided ? 1 : 0, m.observed ? 1 : 0);
    }
  }

  /** An entry is hit when a matched rule's list condition was true because of it. */
  private countListHits(evaluation: Evaluation, rules: ReturnType<RuleStore['compiled']>['rules'], entries: Map<string, number[]>): void {
    if (entries.size === 0) return;
    const ids = new Set<number>();
    for (const m of evaluation.matches) {
      for (const c of rules.find((r) => r.id === m.ruleId)?.conditions ?? []) {
        if (c.field !== 'list') continue;
        for (const [key, entryIds] of entries) {
          if (key.startsWith(`${c.list}:`) && (c.subject === 'any' || key === `${c.list}:${c.subject}`)) entryIds.forEach((id) => ids.add(id));
        }
      }
    }
    this.lists.bumpHits(ids);
  }

  private openHold(input: RiskInput, decision: RiskDecision, evaluation: Evaluation, now: number): RiskDecision {
    const settings = this.settings.base();
    const deadline = this.settings.deadline(input.platform, input.paidAt);
    let releaseAt: number | null = null;
    if (evaluation.action === 'delay') {
      // A delay always ends before the platform's deadline, with the alert margin to spare.
      releaseAt = Math.max(now, Math.min(now + (evaluation.delayMinutes ?? 10) * MINUTE, deadline - settings.alertBeforeMinutes * MINUTE));
      decision.until = releaseAt;
    }
    stmt(this.d.sqlite, `insert into risk_holds (line_id, action, decision, status, held_at, deadline_at, release_at, alerted_at, decided_at, decided_by, note)
      values (?, ?, ?, 'open', ?, ?, ?, null, null, null, null)
      on conflict (line_id) do update set action = excluded.action, decision = excluded.decision, status = 'open', held_at = excluded.held_at,
        deadline_at = excluded.deadline_at, release_at = excluded.release_at, alerted_at = null, decided_at = null, decided_by = null, note = null`)
      .run(input.lineId, evaluation.action, JSON.stringify(decision), now, deadline, releaseAt);
    if (evaluation.action === 'verify') this.verification().open(input.lineId);
    this.d.appendAudit({ actor: 'system', action: 'risk.hold', objectType: 'order_line', objectId: String(input.lineId), summary: {
      order: input.platformOrderId, kind: evaluation.action, reason: decision.reasons.join('；'), ...(releaseAt !== null && { until: releaseAt }),
    } });
    this.pending.set(input.lineId, now);
    this.scheduleFlush();
    return decision;
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      this.flush();
    });
  }

  /** After the transaction: announce only holds that were committed (a rolled-back capture left none). */
  private flush(): void {
    const entries = [...this.pending];
    this.pending.clear();
    const committed = entries
      .map(([lineId, heldAt]) => stmt(this.d.sqlite, `select h.line_id as lineId, h.action, h.decision, l.platform_order_id as orderNo from risk_holds h
        join order_lines l on l.id = h.line_id where h.line_id = ? and h.held_at = ? and h.status = 'open'`).get(lineId, heldAt) as
        { lineId: number; action: RiskDecision['action']; decision: string; orderNo: string } | undefined)
      .filter((r) => r !== undefined);
    if (committed.length === 0) return;
    this.d.events.emit('risk.changed', { lineIds: committed.map((r) => r.lineId) });
    const first = committed[0]!;
    const reasons = (JSON.parse(first.decision) as RiskDecision).reasons.join('；');
    const message = committed.length === 1
      ? `订单 ${first.orderNo} 被风控暂停（${RISK_ACTION_TITLES[first.action]}）：${reasons}`
      : `${committed.length} 笔订单被风控暂停，请到“风控”页处理（如订单 ${first.orderNo}：${reasons}）`;
    this.d.events.emit('app.notice', { level: 'warning', message, kind: 'risk_hold' });
    if (committed.some((r) => r.action === 'verify')) this.verification().kick();
  }
}
