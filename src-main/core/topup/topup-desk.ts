// 代充: a 直充 line is topped up onto the buyer's account through a supplier API or a portal (RPA). Each try
// is an outbox intent (topup_attempts) recorded before the call; an intent whose outcome is unknown is
// reconciled — supplier order query by the same customer_order_no, or the portal's history — before
// anything is submitted again, so a buyer is never topped up twice. A success goes back to `reserved`
// and the delivery outbox reports it to the platform (topup.result, charge notify, or dummy send).
import { randomBytes } from 'node:crypto';
import type { CoreServices } from '../services.js';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { maskAccount } from '../../../src-shared/recharge-account.js';
import { ChannelError } from '../channels/errors.js';
import { stmt } from '../db/statements.js';
import type { Timeline } from '../orders/timeline.js';
import type { RpaEngine } from '../rpa/engine.js';
import { videoPortalRecharge } from '../rpa/flows/index.js';
import type { Suppliers } from './suppliers/suppliers.js';
import type { SupplierOrderInfo } from './suppliers/types.js';
import type { PortalAccounts } from './portals.js';
import { supplyOf, type SupplyRow } from './supply.js';
import { rechargeAad } from './account-aad.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit'>;

export interface AttemptRow {
  id: number;
  line_id: number;
  attempt_no: number;
  route: 'supplier' | 'rpa';
  supplier_id: number | null;
  portal_account_id: number | null;
  customer_order_no: string;
  state: string;
  started_at: number;
}

/** New attempts after a confirmed "failed, refunded" before the line waits for the owner. */
export const MAX_TOPUP_ATTEMPTS = 3;
const CHECK_EVERY_MS = 2000;
const CONCURRENCY = 8;


export class TopupDesk {
  private readonly running = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly d: Deps,
    private readonly timeline: Timeline,
    private readonly suppliers: Suppliers,
    private readonly portals: PortalAccounts,
    private readonly rpa: () => RpaEngine | undefined,
    private readonly kickOutbox: () => void,
    private readonly changed: (lineIds: number[]) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.pump(), CHECK_EVERY_MS);
    this.timer.unref();
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** Lines due now: new ones, unknown outcomes to reconcile, supplier orders still processing. */
  pump(): void {
    if (this.stopped) return;
    const due = stmt(this.d.sqlite, `select id from order_lines where status = 'topping_up' and (next_attempt_at is null or next_attempt_at <= ?) order by paid_at, id limit 64`)
      .all(this.d.clock.now()) as { id: number }[];
    for (const { id } of due) {
      if (this.running.size >= CONCURRENCY) break;
      if (this.running.has(id)) continue;
      this.running.add(id);
      void this.advance(id)
        .catch((err: Error) => this.d.log.error({ lineId: id, err: err.message }, 'TopupDesk.advance failed'))
        .finally(() => this.running.delete(id));
    }
  }

  /** Resolves when nothing is in flight (tests, bench). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  /** One step for one line: reconcile what is known, then submit at most once. */
  async advance(lineId: number): Promise<void> {
    const line = stmt(this.d.sqlite, 'select l.id, l.product_id, l.status from order_lines l where l.id = ?').get(lineId) as { id: number; product_id: number; status: string } | undefined;
    if (!line || line.status !== 'topping_up') return;
    const supply = supplyOf(this.d.sqlite, line.product_id);
    if (!supply) return this.fail(lineId, null, '直充商品未设置充值方式：请在商品里设置供货方式后重试');
    let attempt = this.latest(lineId);
    // A confirmed failure (refunded automatically; or failed and then retried by the owner) is safe to follow
    // with a new supplier order: the buyer got nothing from the last one.
    if (!attempt || ['failed_refunded', 'failed', 'failed_not_refunded'].includes(attempt.state)) {
      if (attempt?.state === 'failed_refunded' && attempt.attempt_no >= MAX_TOPUP_ATTEMPTS) return this.fail(lineId, attempt.id, `已尝试 ${attempt.attempt_no} 次均失败（供应商已退款），请检查后重试`);
      attempt = this.newAttempt(lineId, supply, attempt ? attempt.attempt_no + 1 : 1);
    }
    if (attempt.state === 'paused' || attempt.state === 'success' || attempt.state === 'disputed') return;
    if (attempt.route === 'rpa') return this.runPortal(lineId, attempt, supply);
    return this.runSupplier(lineId, attempt, supply);
  }

  private async runSupplier(lineId: number, attempt: AttemptRow, supply: SupplyRow): Promise<void> {
    const row = this.suppliers.row(attempt.supplier_id!);
    const adapter = this.suppliers.adapterFor(row.kind);
    const ctx = this.suppliers.context(row);
    let info: SupplierOrderInfo | null = null;
    try {
      // Reconcile first: a previous call may have reached the supplier although its answer was lost.
      if (attempt.state !== 'intent' || this.wasTried(attempt)) info = await adapter.orderInfo(ctx, attempt.customer_order_no);
      if (!info && attempt.state === 'intent') {
        this.mark(attempt.id, { tried: true });
        const placed = await adapter.directAdd(ctx, { productId: supply.supplier_product_id!, customerOrderNo: attempt.customer_order_no, chargeAccount: this.account(lineId), buyNum: 1 });
        this.commitState(lineId, attempt, 'processing', { supplierOrderId: placed.supplierOrderId, text: placed.duplicate ? '供应商已有这张单（上次提交已到达），未重复提交' : '供应商已接单，充值处理中' });
        info = await adapter.orderInfo(ctx, attempt.customer_order_no);
      }
    } catch (err) {
      const e = err instanceof ChannelError ? err : new ChannelError('retry', (err as Error).message);
      if (e.kind === 'give_up' && attempt.state === 'intent') {
        // A refusal (bad account, balance, off sale): the supplier did not take the order.
        return this.fail(lineId, attempt.id, `供应商拒绝充值：${e.message}`);
      }
      if (e.kind === 'reauth' || e.kind === 'bad_signature') this.suppliers.noteError(row.id, e);
      this.later(lineId, attempt.id, `结果未知，稍后先向供应商核对再决定：${e.message}`, e.retryAfterMs ?? 3000);
      return;
    }
    if (!info) return this.later(lineId, attempt.id, '供应商暂未查到这张单，稍后用同一单号重新提交（不会重复充值）', CHECK_EVERY_MS);
    this.applyInfo(lineId, attempt, info);
  }

  private applyInfo(lineId: number, attempt: AttemptRow, info: SupplierOrderInfo): void {
    switch (info.state) {
      case 'processing':
        return this.later(lineId, attempt.id, null, CHECK_EVERY_MS, 'processing', info.supplierOrderId);
      case 'success':
      case 'success_disputed':
        return this.succeed(lineId, attempt, { supplierOrderId: info.supplierOrderId, costFen: info.costFen, disputed: info.state === 'success_disputed', text: info.description || '供应商充值成功' });
      case 'failed_refunded':
        this.commitState(lineId, attempt, 'failed_refunded', { text: `供应商充值失败（已退款）：${info.description || '无说明'}；将换新单号重试` });
        return this.later(lineId, null, null, 1000);
      case 'failed_not_refunded':
        return this.fail(lineId, attempt.id, `供应商充值失败且未退款：${info.description || '无说明'}。买家未到账，请联系供应商退款后点“重试充值”`, 'failed_not_refunded');
    }
  }

  private async runPortal(lineId: number, attempt: AttemptRow, supply: SupplyRow): Promise<void> {
    const engine = this.rpa();
    if (!engine) return this.fail(lineId, attempt.id, '没有可用的浏览器：请在设置里选择 Edge / Chrome 的路径');
    const account = this.portals.account(attempt.portal_account_id!);
    const first = stmt(this.d.sqlite, 'select min(started_at) as at from topup_attempts where line_id = ?').get(lineId) as { at: number };
    this.mark(attempt.id, { tried: true, evidenceDir: `evidence/topup-${attempt.id}` });
    const result = await engine.run({
      id: `topup-${attempt.id}`,
      flow: videoPortalRecharge,
      input: { account: this.account(lineId), packageId: supply.package_id ?? '', notBefore: first.at - 1000 },
      account,
    });
    if (result.status === 'done') {
      const text = result.output.reconciled ? `充值记录里已有这笔（单号 ${result.output.portalOrderNo}），未重复提交` : `网站充值成功，单号 ${result.output.portalOrderNo}`;
      return this.succeed(lineId, attempt, { portalOrderNo: result.output.portalOrderNo, costFen: null, disputed: false, text });
    }
    if (result.status === 'paused') {
      this.portals.setStatus(attempt.portal_account_id!, 'needs_human', result.message);
      this.d.sqlite.transaction(() => {
        stmt(this.d.sqlite, `update topup_attempts set state = 'paused', error = ?, updated_at = ? where id = ?`).run(result.message, this.d.clock.now(), attempt.id);
        this.setLine(lineId, 'topup_paused', result.message);
        this.event(lineId, 'topup_paused', { reason: result.message });
      }).immediate();
      this.d.events.emit('app.notice', { level: 'warning', kind: 'portal_needs_human', message: `充值网站需要人工处理：${result.message}` });
      return this.changed([lineId]);
    }
    return this.fail(lineId, attempt.id, `网站充值失败：${result.error.message}（已保存截图${result.evidence.trace ? '和追踪文件' : ''}）`);
  }

  /** The owner typed the account the buyer sent in chat: validated by the product rule, then topped up. */
  setAccount(lineId: number, typed: string, reason: string, check: (account: string) => { ok: true; account: string } | { ok: false; reason: string }): { status: string } {
    // What the owner pasted is normalised by the product rule (full-width digits, spaces inside a phone number).
    const parsed = check(typed);
    if (!parsed.ok) throw new KeyDeskError('INVALID_INPUT', { fields: [{ path: 'account', message: parsed.reason }] }, parsed.reason);
    const account = parsed.account;
    const line = this.lineState(lineId);
    if (!['ask_buyer', 'failed', 'topup_paused'].includes(line.status)) throw new KeyDeskError('INVALID_INPUT', { lineId }, `这一行现在是「${line.status}」，不能修改充值账号`);
    if (this.latestActive(lineId)) throw new KeyDeskError('TOPUP_UNSAFE', { lineId }, '这一行有一笔充值尚未确认结果，不能更换账号；请先“重试充值”核对');
    this.d.sqlite.transaction(() => {
      stmt(this.d.sqlite, `update order_lines set recharge_account_sealed = ?, recharge_account_masked = ?, status = 'topping_up', next_attempt_at = null, last_error = null, updated_at = ? where id = ?`)
        .run(this.d.vault.encrypt(account, rechargeAad(lineId)), maskAccount(account), this.d.clock.now(), lineId);
      this.event(lineId, 'account_set', { actor: 'owner', account: maskAccount(account), reason });
      this.d.appendAudit({ actor: 'owner', action: 'topup.setAccount', objectType: 'order_line', objectId: String(lineId), summary: { account: maskAccount(account), reason } });
    }).immediate();
    this.changed([lineId]);
    this.pump();
    return { status: 'topping_up' };
  }

  /**
   * The owner asks again. An attempt whose outcome is unknown is reconciled first (the next advance asks
   * the supplier/portal); only a confirmed failure starts a new attempt.
   */
  retry(lineId: number, reason: string): { status: string; message: string } {
    const line = this.lineState(lineId);
    if (!['failed', 'topup_paused', 'topping_up'].includes(line.status)) throw new KeyDeskError('INVALID_INPUT', { lineId }, '这一行不是失败或暂停的充值，无需重试');
    const last = this.latest(lineId);
    this.d.sqlite.transaction(() => {
      const now = this.d.clock.now();
      if (last && (last.state === 'paused' || (last.state === 'failed' && last.route === 'rpa'))) {
        // The portal flow itself looks in the history before submitting: rerunning it is safe.
        stmt(this.d.sqlite, `update topup_attempts set state = 'intent', error = null, updated_at = ? where id = ?`).run(now, last.id);
      }
      stmt(this.d.sqlite, `update order_lines set status = 'topping_up', next_attempt_at = null, attempts = 0, updated_at = ? where id = ?`).run(now, lineId);
      this.event(lineId, 'aftersales', { action: 'retry_topup', actor: 'owner', reason, text: '店主要求重试充值（先核对上次结果）' });
      this.d.appendAudit({ actor: 'owner', action: 'topup.retry', objectType: 'order_line', objectId: String(lineId), summary: { reason, lastAttempt: last?.customer_order_no ?? null } });
    }).immediate();
    this.changed([lineId]);
    this.pump();
    return { status: 'topping_up', message: '已重新排队：会先向供应商/网站核对上次是否已充上，确认没有才重新提交' };
  }

  /** The owner solved the portal's captcha/login: paused attempts of that account run again (the flow rechecks history first). */
  resumePortal(portalAccountId: number, actor: 'owner' | 'system'): number {
    const paused = stmt(this.d.sqlite, `select id, line_id from topup_attempts where portal_account_id = ? and state = 'paused'`).all(portalAccountId) as { id: number; line_id: number }[];
    this.d.sqlite.transaction(() => {
      const now = this.d.clock.now();
      this.portals.setStatus(portalAccountId, 'active', null);
      for (const a of paused) {
        stmt(this.d.sqlite, `update topup_attempts set state = 'intent', error = null, updated_at = ? where id = ?`).run(now, a.id);
        stmt(this.d.sqlite, `update order_lines set status = 'topping_up', next_attempt_at = null, last_error = null, updated_at = ? where id = ? and status = 'topup_paused'`).run(now, a.line_id);
      }
      this.d.appendAudit({ actor, action: 'portal.resume', objectType: 'portal_account', objectId: String(portalAccountId), summary: { resumed: paused.length } });
    }).immediate();
    this.changed(paused.map((a) => a.line_id));
    this.pump();
    return paused.length;
  }

  /** A supplier callback (verified by the adapter): only a trigger to re-read the order. */
  callbackFor(customerOrderNo: string): number | null {
    const row = stmt(this.d.sqlite, 'select line_id from topup_attempts where customer_order_no = ?').get(customerOrderNo) as { line_id: number } | undefined;
    if (!row) return null;
    stmt(this.d.sqlite, `update order_lines set next_attempt_at = null where id = ? and status = 'topping_up'`).run(row.line_id);
    this.pump();
    return row.line_id;
  }

  private newAttempt(lineId: number, supply: SupplyRow, attemptNo: number): AttemptRow {
    const now = this.d.clock.now();
    // Random tail: a reinstall restarts ids at 1 and must never adopt an old order on the same supplier account.
    const cno = `KD${lineId}-${attemptNo}-${randomBytes(4).toString('hex')}`;
    const masked = stmt(this.d.sqlite, 'select recharge_account_masked as m from order_lines where id = ?').get(lineId) as { m: string | null };
    return this.d.sqlite.transaction(() => {
      const id = Number(stmt(this.d.sqlite, `insert into topup_attempts (line_id, attempt_no, route, supplier_id, portal_account_id, customer_order_no, account_masked, state, started_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, 'intent', ?, ?)`)
        .run(lineId, attemptNo, supply.route, supply.supplier_id, supply.portal_account_id, cno, masked.m ?? '', now, now).lastInsertRowid);
      this.event(lineId, 'topup_submitted', { attemptNo, customerOrderNo: cno });
      this.d.appendAudit({ actor: 'system', action: 'topup.intent', objectType: 'order_line', objectId: String(lineId), summary: { attempt: attemptNo, customerOrderNo: cno, route: supply.route } });
      return stmt(this.d.sqlite, 'select * from topup_attempts where id = ?').get(id) as AttemptRow;
    }).immediate();
  }

  private succeed(lineId: number, attempt: AttemptRow, r: { supplierOrderId?: string; portalOrderNo?: string; costFen: number | null; disputed: boolean; text: string }): void {
    const now = this.d.clock.now();
    this.d.sqlite.transaction(() => {
      stmt(this.d.sqlite, `update topup_attempts set state = ?, supplier_order_id = coalesce(?, supplier_order_id), portal_order_no = coalesce(?, portal_order_no), cost_fen = ?, error = null, finished_at = ?, updated_at = ? where id = ?`)
        .run(r.disputed ? 'disputed' : 'success', r.supplierOrderId ?? null, r.portalOrderNo ?? null, r.costFen, now, now, attempt.id);
      // Back to `reserved`: the delivery outbox reports the result to the platform, idempotently.
      stmt(this.d.sqlite, `update order_lines set status = 'reserved', next_attempt_at = null, attempts = 0, last_error = null, issue = coalesce(?, issue), issue_note = coalesce(?, issue_note), updated_at = ? where id = ?`)
        .run(r.disputed ? 'topup_disputed' : null, r.disputed ? '供应商标记这笔充值有争议，请留意买家反馈' : null, now, lineId);
      this.event(lineId, 'topup_result', { text: r.text, disputed: r.disputed });
      this.d.appendAudit({ actor: 'system', action: 'topup.success', objectType: 'order_line', objectId: String(lineId), summary: { customerOrderNo: attempt.customer_order_no, disputed: r.disputed, costFen: r.costFen } });
    }).immediate();
    this.changed([lineId]);
    this.kickOutbox();
  }

  private fail(lineId: number, attemptId: number | null, message: string, state: 'failed' | 'failed_not_refunded' = 'failed'): void {
    const now = this.d.clock.now();
    this.d.sqlite.transaction(() => {
      if (attemptId !== null) stmt(this.d.sqlite, 'update topup_attempts set state = ?, error = ?, finished_at = ?, updated_at = ? where id = ?').run(state, message, now, now, attemptId);
      this.setLine(lineId, 'failed', message);
      this.event(lineId, 'topup_failed', { error: message });
      this.d.appendAudit({ actor: 'system', action: 'topup.fail', objectType: 'order_line', objectId: String(lineId), summary: { error: message } });
    }).immediate();
    this.d.events.emit('app.notice', { level: 'error', kind: 'topup_failed', message: `代充失败：${message}` });
    this.changed([lineId]);
  }

  private later(lineId: number, attemptId: number | null, error: string | null, inMs: number, state?: 'processing', supplierOrderId?: string): void {
    const now = this.d.clock.now();
    if (attemptId !== null) {
      stmt(this.d.sqlite, 'update topup_attempts set state = coalesce(?, state), supplier_order_id = coalesce(?, supplier_order_id), error = ?, updated_at = ? where id = ?')
        .run(state ?? null, supplierOrderId ?? null, error, now, attemptId);
    }
    stmt(this.d.sqlite, `update order_lines set next_attempt_at = ?, last_error = ?, updated_at = ? where id = ? and status = 'topping_up'`).run(now + inMs, error, now, lineId);
  }

  private commitState(lineId: number, attempt: AttemptRow, state: string, r: { supplierOrderId?: string; text: string }): void {
    const now = this.d.clock.now();
    this.d.sqlite.transaction(() => {
      stmt(this.d.sqlite, 'update topup_attempts set state = ?, supplier_order_id = coalesce(?, supplier_order_id), updated_at = ? where id = ?').run(state, r.supplierOrderId ?? null, now, attempt.id);
      attempt.state = state;
      this.event(lineId, 'topup_reconciled', { text: r.text });
    }).immediate();
  }

  private mark(attemptId: number, m: { tried?: boolean; evidenceDir?: string }): void {
    // next_check_at set = a call for this attempt was made at least once, so its outcome must be asked for.
    stmt(this.d.sqlite, 'update topup_attempts set next_check_at = coalesce(next_check_at, ?), evidence_dir = coalesce(?, evidence_dir) where id = ?')
      .run(m.tried ? this.d.clock.now() : null, m.evidenceDir ?? null, attemptId);
  }

  private wasTried(attempt: AttemptRow): boolean {
    const row = stmt(this.d.sqlite, 'select next_check_at from topup_attempts where id = ?').get(attempt.id) as { next_check_at: number | null };
    return row.next_check_at !== null;
  }

  private setLine(lineId: number, status: string, error: string | null): void {
    stmt(this.d.sqlite, 'update order_lines set status = ?, last_error = ?, next_attempt_at = null, updated_at = ? where id = ?').run(status, error, this.d.clock.now(), lineId);
  }

  private event(lineId: number, kind: Parameters<Timeline['add']>[2], detail: unknown): void {
    const order = stmt(this.d.sqlite, 'select order_id from order_lines where id = ?').get(lineId) as { order_id: number };
    this.timeline.add(order.order_id, lineId, kind, detail);
  }

  private latest(lineId: number): AttemptRow | undefined {
    return stmt(this.d.sqlite, 'select * from topup_attempts where line_id = ? order by attempt_no desc limit 1').get(lineId) as AttemptRow | undefined;
  }

  private latestActive(lineId: number): boolean {
    const a = this.latest(lineId);
    return Boolean(a && (a.state === 'intent' || a.state === 'processing'));
  }

  private lineState(lineId: number): { status: string } {
    const line = stmt(this.d.sqlite, 'select status from order_lines where id = ?').get(lineId) as { status: string } | undefined;
    if (!line) throw new KeyDeskError('NOT_FOUND', { lineId }, `订单行不存在（编号 ${lineId}）`);
    return line;
  }

  private account(lineId: number): string {
    const row = stmt(this.d.sqlite, 'select recharge_account_sealed as s from order_lines where id = ?').get(lineId) as { s: Buffer | null };
    if (!row.s) throw new KeyDeskError('INVALID_INPUT', { lineId }, '这一行还没有充值账号');
    return this.d.vault.decrypt(row.s, rechargeAad(lineId));
  }
}
