// 风控待处理: what ends a hold — the owner (approve / reject / blacklist), the clock (a delay runs out), the
// buyer (a code verified) — each one transaction with its audit entry, and a scheduler that releases due
// delays and alerts once before the platform's shipping deadline.
import { KeyDeskError, type RiskHoldView, type RiskSubject } from '../../../src-shared/contract/index.js';
import { formatTime } from '../../../src-shared/format.js';
import { stmt } from '../db/statements.js';
import type { Dispatcher, ReserveResult } from '../dispatch/reserve.js';
import type { RiskDeps } from './index.js';
import { HOLD_SELECT, type HoldRow, type HoldViews } from './hold-view.js';
import type { ListStore } from './lists.js';
import type { RiskSettingsStore } from './settings.js';

const MINUTE = 60_000;
export const TICK_MS = 20_000;
const STATUS_TEXT: Record<string, string> = { approved: '已放行', rejected: '已拒绝', released: '已自动放行', verified: '已验证通过' };

type Deps = Pick<RiskDeps, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'orders'>;

export class HoldDesk {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly d: Deps,
    private readonly dispatcher: Dispatcher,
    private readonly views: HoldViews,
    private readonly lists: ListStore,
    private readonly settings: RiskSettingsStore,
  ) {}

  list(input: { status: 'open' | 'closed' | 'all'; limit: number }): { holds: RiskHoldView[]; open: number } {
    const now = this.d.clock.now();
    this.d.sqlite.transaction(() => this.closeStale(now)).immediate();
    const where = input.status === 'open' ? `where h.status = 'open' order by h.deadline_at, h.line_id`
      : input.status === 'closed' ? `where h.status != 'open' order by h.decided_at desc, h.line_id desc` : 'order by h.held_at desc, h.line_id desc';
    const rows = this.d.sqlite.prepare(`${HOLD_SELECT} ${where} limit ?`).all(input.limit) as HoldRow[];
    return { holds: rows.map((r) => this.views.view(r, now)), open: this.openCount() };
  }

  openCount(): number {
    return (stmt(this.d.sqlite, `select count(*) as n from risk_holds h join order_lines l on l.id = h.line_id where h.status = 'open' and l.status = 'held'`).get() as { n: number }).n;
  }

  get(lineId: number): RiskHoldView {
    const row = this.views.row(lineId);
    if (!row) throw new KeyDeskError('NOT_FOUND', { lineId }, `这一单没有风控记录（订单行 ${lineId}）`);
    return this.views.view(row, this.d.clock.now());
  }

  approve(lineId: number, note: string | undefined): RiskHoldView {
    const result = this.d.sqlite.transaction(() => {
      const hold = this.openHold(lineId);
      if (stmt(this.d.sqlite, 'select refund from order_lines where id = ?').pluck().get(lineId) !== 'none') {
        throw new KeyDeskError('INVALID_INPUT', { lineId }, '买家已申请或完成退款，不能放行发货');
      }
      return this.release(hold, 'approved', 'owner', note?.trim() || null, 'risk.hold.approve', '店主放行');
    }).immediate();
    this.after(lineId, result);
    return this.get(lineId);
  }

  reject(lineId: number, reason: string): RiskHoldView {
    this.d.sqlite.transaction(() => this.rejectTx(this.openHold(lineId), reason, 'risk.hold.reject')).immediate();
    this.after(lineId);
    return this.get(lineId);
  }

  /** The chosen identities go on the blacklist and the order is rejected, together or not at all. */
  blacklist(lineId: number, subjects: RiskSubject[], reason: string): RiskHoldView {
    this.d.sqlite.transaction(() => {
      const hold = this.openHold(lineId);
      const { added } = this.lists.addFromOrderTx(lineId, 'black', subjects, reason, 'order', 'owner');
      this.rejectTx(hold, reason, 'risk.hold.blacklist', added.length);
    }).immediate();
    this.after(lineId);
    return this.get(lineId);
  }

  /** Verification passed: called inside the transaction that marks the code passed. */
  onVerified(lineId: number, actor: 'owner' | 'buyer'): void {
    const hold = this.openHold(lineId);
    if (hold.action !== 'verify') throw new KeyDeskError('INVALID_INPUT', { lineId }, '这一单不是在等验证码');
    const result = this.release(hold, 'verified', actor, null, 'risk.hold.verified', actor === 'buyer' ? '买家验证码验证通过' : '店主代输验证码，验证通过');
    setImmediate(() => this.after(lineId, result));
  }

  /** Due delays released, deadline alerts raised, holds ended elsewhere closed. Only with the vault open. */
  tick(): void {
    if (!this.d.vault.unlocked) return;
    const now = this.d.clock.now();
    try {
      this.d.sqlite.transaction(() => this.closeStale(now)).immediate();
      this.releaseDue(now);
      this.alertDeadlines(now);
    } catch (err) {
      this.d.log.error({ err: (err as Error).message }, 'HoldDesk.tick: failed');
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
    setImmediate(() => this.tick());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private releaseDue(now: number): void {
    const due = stmt(this.d.sqlite, `select h.line_id as id from risk_holds h join order_lines l on l.id = h.line_id
      where h.status = 'open' and h.action = 'delay' and h.release_at <= ? and l.status = 'held' order by h.release_at`).all(now) as { id: number }[];
    for (const { id } of due) {
      const result = this.d.sqlite.transaction(() => this.release(this.openHold(id), 'released', 'system', null, 'risk.hold.release', '延迟期满，自动发货')).immediate();
      this.after(id, result);
    }
  }

  private alertDeadlines(now: number): void {
    const margin = this.settings.base().alertBeforeMinutes * MINUTE;
    const due = stmt(this.d.sqlite, `select h.line_id as id, h.deadline_at as deadline, l.platform_order_id as orderNo from risk_holds h join order_lines l on l.id = h.line_id
      where h.status = 'open' and h.action in ('review', 'verify', 'block') and h.alerted_at is null and h.deadline_at - ? <= ? and l.status = 'held'
      order by h.deadline_at`).all(margin, now) as { id: number; deadline: number; orderNo: string }[];
    if (!due.length) return;
    this.d.sqlite.transaction(() => {
      const mark = stmt(this.d.sqlite, 'update risk_holds set alerted_at = ? where line_id = ? and alerted_at is null');
      for (const h of due) mark.run(now, h.id);
    }).immediate();
    const first = due[0]!;
    const message = due.length === 1
      ? `订单 ${first.orderNo} 还在风控待处理，平台发货时限 ${formatTime(first.deadline)}，请尽快放行或拒绝`
      : `${due.length} 笔风控待处理订单即将超过平台发货时限（最早 ${formatTime(first.deadline)}，订单 ${first.orderNo}），请尽快处理`;
    this.d.events.emit('risk.changed', { lineIds: due.map((h) => h.id) });
    this.d.events.emit('app.notice', { level: 'warning', message, kind: 'hold_deadline' });
  }

  /** A hold whose line left `held` another way (立即发货 on the orders screen, a refund, a platform close) is over. */
  private closeStale(now: number): void {
    stmt(this.d.sqlite, `update risk_holds set
        status = case when (select status from order_lines where id = risk_holds.line_id) in ('cancelled', 'refunded', 'after_sales') then 'rejected' else 'approved' end,
        decided_at = ?, decided_by = 'system', note = coalesce(note, '已在订单页处理，或平台已退款 / 关闭订单')
      where status = 'open' and (select status from order_lines where id = risk_holds.line_id) != 'held'`).run(now);
  }

  private openHold(lineId: number): HoldRow {
    this.closeStale(this.d.clock.now());
    const hold = this.views.row(lineId);
    if (!hold) throw new KeyDeskError('NOT_FOUND', { lineId }, `这一单没有风控记录（订单行 ${lineId}）`);
    if (hold.status !== 'open') throw new KeyDeskError('INVALID_INPUT', { lineId, status: hold.status }, `这一单已经处理过了（${STATUS_TEXT[hold.status] ?? hold.status}）`);
    return hold;
  }

  /** Inside a transaction: ends the hold and dispatches the line without asking the rules again. */
  private release(hold: HoldRow, status: 'approved' | 'released' | 'verified', actor: string, note: string | null, action: string, text: string): ReserveResult {
    const now = this.d.clock.now();
    stmt(this.d.sqlite, 'update risk_holds set status = ?, decided_at = ?, decided_by = ?, note = ? where line_id = ?').run(status, now, actor, note, hold.line_id);
    this.d.orders.timeline.add(hold.order_id, hold.line_id, 'risk', { action: 'allow', score: 0, reasons: [note ? `${text}：${note}` : text] });
    this.d.appendAudit({ actor, action, objectType: 'order_line', objectId: String(hold.line_id), summary: { order: hold.platform_order_id, kind: hold.action, reason: note } });
    return this.dispatcher.reserve([hold.line_id], { skipRisk: true });
  }

  private rejectTx(hold: HoldRow, reason: string, action: string, listed?: number): void {
    stmt(this.d.sqlite, `update risk_holds set status = 'rejected', decided_at = ?, decided_by = 'owner', note = ? where line_id = ?`).run(this.d.clock.now(), reason, hold.line_id);
    this.d.appendAudit({ actor: 'owner', action, objectType: 'order_line', objectId: String(hold.line_id), summary: {
      order: hold.platform_order_id, kind: hold.action, reason, ...(listed !== undefined && { count: listed }),
    } });
    this.d.orders.actions.cancel(hold.line_id, `风控拒绝：${reason}`);
  }

  private after(lineId: number, result?: ReserveResult): void {
    if (result?.reserved.length) this.d.orders.outbox.kick();
    if (result) this.d.orders.feed.changed([], result.touched.length ? result.touched : [lineId]);
    this.d.events.emit('risk.changed', { lineIds: [lineId] });
  }
}
