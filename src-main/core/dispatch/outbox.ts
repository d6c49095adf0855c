// The delivery outbox. A reserved line is claimed (→ sending, committed) before the platform call, and
// its outcome is committed after; the same keys are re-sent until the platform confirms. On start every
// line left in `sending` is read back from the platform before anything is re-sent. Outcomes are
// committed in small groups so thousands of deliveries a second cost a few commits, not thousands.
import { stmt } from '../db/statements.js';
import type Database from 'better-sqlite3';
import { renderDeliveryMessage } from '../../../src-shared/delivery-template.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log/logger.js';
import type { Vault } from '../vault/vault.js';
import { ChannelError, isRetryable } from '../channels/errors.js';
import type { ChannelAdapter, DeliveryRequest, Platform, TopupReport } from '../channels/types.js';
import { maskAccount } from '../../../src-shared/recharge-account.js';
import { rechargeAad } from '../topup/account-aad.js';
import { keyAad } from '../inventory/stock.js';
import type { Shops } from '../shops/shops.js';
import { releaseKeys } from '../orders/capture.js';
import type { Timeline } from '../orders/timeline.js';

type Deps = { sqlite: Database.Database; vault: Vault; clock: Clock; log: Logger; audit: (e: AuditInput) => void; timeline: Timeline; shops: Shops };

interface ClaimedLine {
  id: number;
  order_id: number;
  shop_id: number;
  platform_order_id: string;
  platform_line_id: string;
  sku_id: string;
  quantity: number;
  attempts: number;
  product_name: string;
  delivery_template: string | null;
  product_type: 'card' | 'direct' | 'combo';
}

type Outcome =
  | { line: ClaimedLine; kind: 'delivered'; result: 'delivered' | 'already' | 'readback'; raw: unknown }
  | { line: ClaimedLine; kind: 'retry'; error: ChannelError; interrupted?: boolean }
  | { line: ClaimedLine; kind: 'failed'; error: string; reauth: boolean }
  /** The pre-send check took the line elsewhere (out of stock): nothing to commit. */
  | { line: ClaimedLine; kind: 'skipped' };

/** Lines failed for this reason go out again by themselves once the owner re-authorises the shop. */
export const REAUTH_PREFIX = '平台授权已失效：';
/** Attempts before a line stops retrying on its own and waits in the problem queue. */
export const MAX_AUTO_ATTEMPTS = 8;
const CONCURRENCY = 128;
/** Outcomes are committed together after this short wait: one fsync for many deliveries. */
const GROUP_COMMIT_MS = 10;
const CLAIM_BATCH = 256;
const CLAIM_WAIT_MS = 5;

function failedOutcome(line: ClaimedLine, error: ChannelError): Outcome {
  const reauth = error.kind === 'reauth' || error.kind === 'bad_signature';
  return { line, kind: 'failed', error: reauth ? `${REAUTH_PREFIX}${error.message}` : error.message, reauth };
}

export function retryDelayMs(attempts: number, error: ChannelError): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 60_000);
}

export class Outbox {
  private inFlight = 0;
  private pending: Outcome[] = [];
  private flushScheduled = false;
  private pumping = false;
  private again = false;
  /** Until start(): a CLI command may capture and reserve, but only a running app sends. */
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Lines claimed by this process: recovery must not touch them. */
  private readonly mine = new Set<number>();

  constructor(
    private readonly d: Deps,
    private readonly adapterFor: (platform: Platform) => ChannelAdapter,
    private readonly onChanged: (shopIds: number[], lineIds: number[]) => void,
  ) {}

  /** Redemption's pre-send check (set once the redemption service exists). */
  private preSend: ((lineId: number) => Promise<'ok' | 'replaced' | 'out_of_stock'>) | undefined;
  setPreSend(check: (lineId: number) => Promise<'ok' | 'replaced' | 'out_of_stock'>): void {
    this.preSend = check;
  }

  /** Reads back every line a previous run left in `sending`, then starts sending. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.recover();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
  }

  /** Something became deliverable. Cheap to call often. */
  kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    // A short wait lets one claim transaction take everything that became ready meanwhile.
    setTimeout(() => this.pump(), CLAIM_WAIT_MS);
  }

  /** Resolves when nothing is in flight or waiting to be committed (tests, bench, shutdown). */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.pending.length === 0 && !this.pumping) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Lines left in `sending` by a run that stopped mid-call: the platform is asked whether the order
   * shipped. Shipped → delivered (nothing re-sent); otherwise → reserved, and the same keys go out again.
   */
  async recover(): Promise<{ reconciled: number; delivered: number; requeued: number }> {
    const rows = stmt(this.d.sqlite, `select id from order_lines where status = 'sending'`).all() as { id: number }[];
    const stale = rows.map((r) => r.id).filter((id) => !this.mine.has(id));
    let delivered = 0;
    for (const id of stale) {
      const line = this.claimedView(id);
      if (!line) continue;
      const shop = this.d.shops.recentRow(line.shop_id);
      const adapter = this.adapterFor(shop.platform);
      try {
        const order = await adapter.getOrder(this.d.shops.context(shop), line.platform_order_id);
        const shipped = order !== null && (order.status === 'shipped' || order.status === 'done');
        this.commit([shipped ? { line, kind: 'delivered', result: 'readback', raw: order?.raw } : { line, kind: 'retry', error: new ChannelError('retry', '上次发货中断，平台未显示已发货，将用同一批卡密重发', { retryAfterMs: 0 }), interrupted: true }], true);
        if (shipped) delivered += 1;
      } catch (err) {
        // The platform cannot answer now: leave it in `sending`; the next start (or the periodic check) asks again.
        this.d.log.warn({ lineId: id, err: (err as Error).message }, 'Outbox.recover: read-back failed');
        this.scheduleRecheck();
      }
    }
    return { reconciled: stale.length, delivered, requeued: stale.length - delivered };
  }

  /** Its own timer: the retry timer (armTimer) is re-armed all the time and must not cancel this one. */
  private scheduleRecheck(): void {
    if (this.recheckTimer || this.stopped) return;
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      this.recover()
        .then(() => this.kick())
        .catch((err: Error) => {
          this.d.log.error({ err: err.message }, 'Outbox.recheck: failed');
          this.scheduleRecheck();
        });
    }, 10_000);
    this.recheckTimer.unref();
  }

  private pump(): void {
    try {
      while (!this.stopped && this.inFlight < CONCURRENCY) {
        const claimed = this.claim(Math.min(CLAIM_BATCH, CONCURRENCY - this.inFlight));
        if (claimed.length === 0) break;
        for (const line of claimed) void this.send(line);
      }
      this.armTimer();
    } catch (err) {
      this.d.log.error({ err: (err as Error).message }, 'Outbox.pump: failed');
    } finally {
      this.pumping = false;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.notifyIdle();
    }
  }

  /** Wakes up for the earliest scheduled retry. */
  private armTimer(): void {
    const next = stmt(this.d.sqlite, `select min(next_attempt_at) as at from order_lines where status = 'reserved' and next_attempt_at is not null`).get() as { at: number | null };
    if (next.at === null || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, Math.max(50, next.at - this.d.clock.now()));
    this.timer.unref();
  }

  private claim(limit: number): ClaimedLine[] {
    const now = this.d.clock.now();
    return this.d.sqlite.transaction(() => {
      const ids = stmt(this.d.sqlite, `select l.id from order_lines l join shops s on s.id = l.shop_id
          where l.status = 'reserved' and (l.next_attempt_at is null or l.next_attempt_at <= ?) and s.status = 'active' and (s.backoff_until is null or s.backoff_until <= ?)
          order by l.paid_at, l.id limit ?`)
        .all(now, now, limit) as { id: number }[];
      const mark = stmt(this.d.sqlite, `update order_lines set status = 'sending', attempts = attempts + 1, updated_at = ? where id = ? and status = 'reserved'`);
      const claimed: ClaimedLine[] = [];
      for (const { id } of ids) {
        if (mark.run(now, id).changes !== 1) continue;
        const line = this.claimedView(id)!;
        this.d.timeline.add(line.order_id, id, 'sending', { attempt: line.attempts });
        this.mine.add(id);
        claimed.push(line);
      }
      return claimed;
    }).immediate();
  }

  private claimedView(id: number): ClaimedLine | undefined {
    return stmt(this.d.sqlite, `select l.id, l.order_id, l.shop_id, l.platform_order_id, l.platform_line_id, l.sku_id, l.quantity, l.attempts, p.name as product_name, p.delivery_template, p.type as product_type
        from order_lines l join products p on p.id = l.product_id where l.id = ?`)
      .get(id) as ClaimedLine | undefined;
  }

  private async send(line: ClaimedLine): Promise<void> {
    this.inFlight += 1;
    let outcome: Outcome;
    try {
      const shop = this.d.shops.recentRow(line.shop_id);
      const adapter = this.adapterFor(shop.platform);
      const ctx = this.d.shops.context(shop);
      let result;
      if (line.product_type === 'direct') {
        const report = this.topupReport(line);
        result = adapter.reportTopup ? await adapter.reportTopup(ctx, report) : await adapter.deliver(ctx, { order: report.order, line: report.line, message: report.message, keys: [] });
      } else {
        // 发货前检查: a product may ask for its keys to be checked unused first (never send a dead card).
        if (this.preSend && (await this.preSend(line.id)) === 'out_of_stock') {
          outcome = { line, kind: 'skipped' };
          this.finish(outcome);
          return;
        }
        result = await adapter.deliver(ctx, this.request(line));
      }
      outcome = { line, kind: 'delivered', result: result.result, raw: result.raw };
    } catch (err) {
      const error = err instanceof ChannelError ? err : new ChannelError('retry', `发货时出错：${(err as Error).message}`);
      outcome = isRetryable(error.kind) && line.attempts < MAX_AUTO_ATTEMPTS
        ? { line, kind: 'retry', error }
        : failedOutcome(line, error);
    }
    this.finish(outcome);
  }

  private finish(outcome: Outcome): void {
    this.inFlight -= 1;
    this.pending.push(outcome);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => this.flush(), GROUP_COMMIT_MS);
    }
  }

  private request(line: ClaimedLine): DeliveryRequest {
    const keys = (stmt(this.d.sqlite, `select k.card_no, k.secret_sealed, k.secret_index, k.expires_at from line_keys lk join keys k on k.id = lk.key_id where lk.line_id = ? and k.status <> 'void' order by k.expires_at is null, k.expires_at, k.id`)
      .all(line.id) as { card_no: string | null; secret_sealed: Buffer; secret_index: Buffer; expires_at: number | null }[])
      .map((k) => ({ cardNo: k.card_no, secret: this.d.vault.decrypt(k.secret_sealed, keyAad(k.secret_index)), expiresAt: k.expires_at }));
    const lineIds = (stmt(this.d.sqlite, 'select platform_line_id from order_lines where order_id = ? order by id').all(line.order_id) as { platform_line_id: string }[]).map((r) => r.platform_line_id);
    return {
      order: { orderId: line.platform_order_id, lineIds },
      line: { lineId: line.platform_line_id, skuId: line.sku_id, quantity: line.quantity },
      message: renderDeliveryMessage(line.delivery_template, line.product_name, keys),
      keys,
    };
  }

  /** A 直充 line's result for the platform: the account (unsealed just for the call) and our serial. */
  private topupReport(line: ClaimedLine): TopupReport {
    const row = stmt(this.d.sqlite, 'select recharge_account_sealed as s from order_lines where id = ?').get(line.id) as { s: Buffer | null };
    const account = row.s ? this.d.vault.decrypt(row.s, rechargeAad(line.id)) : '';
    const attempt = stmt(this.d.sqlite, `select customer_order_no as no, portal_order_no as portal from topup_attempts where line_id = ? and state in ('success', 'disputed') order by attempt_no desc limit 1`)
      .get(line.id) as { no: string; portal: string | null } | undefined;
    const lineIds = (stmt(this.d.sqlite, 'select platform_line_id from order_lines where order_id = ? order by id').all(line.order_id) as { platform_line_id: string }[]).map((r) => r.platform_line_id);
    return {
      order: { orderId: line.platform_order_id, lineIds },
      line: { lineId: line.platform_line_id, skuId: line.sku_id, quantity: line.quantity },
      account,
      success: true,
      message: `已为账号 ${maskAccount(account)} 充值「${line.product_name}」，请登录查看`,
      serial: attempt?.no ?? `KD${line.id}`,
    };
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length) {
      try {
        this.commit(batch, false);
      } catch (err) {
        // Nothing committed: the lines stay `sending` and are read back by recovery, never re-sent blind.
        this.d.log.error({ err: (err as Error).message, lines: batch.length }, 'Outbox.flush: commit failed');
        this.scheduleRecheck();
      }
      for (const o of batch) this.mine.delete(o.line.id);
    }
    this.kick();
  }

  private commit(outcomes: Outcome[], recovering: boolean): void {
    const now = this.d.clock.now();
    const shopIds = new Set<number>();
    const reauthShops = new Set<number>();
    this.d.sqlite.transaction(() => {
      const current = stmt(this.d.sqlite, 'select status, refund from order_lines where id = ?');
      for (const o of outcomes) {
        const { line } = o;
        shopIds.add(line.shop_id);
        const state = current.get(line.id) as { status: string; refund: string };
        if (state.status !== 'sending' || o.kind === 'skipped') continue;
        if (o.kind === 'delivered') {
          const afterSales = state.refund === 'refunded';
          stmt(this.d.sqlite, `update order_lines set status = ?, delivered_at = ?, next_attempt_at = null, last_error = ?, updated_at = ? where id = ?`)
            .run(afterSales ? 'after_sales' : 'delivered', now, afterSales ? '已发货后退款：卡密已发出，请在售后处理' : null, now, line.id);
          stmt(this.d.sqlite, `update keys set status = 'delivered', refunded_at = ?, updated_at = ? where id in (select key_id from line_keys where line_id = ? and exclusive = 1) and status = 'reserved'`)
            .run(afterSales ? now : null, now, line.id);
          this.d.timeline.add(line.order_id, line.id, recovering ? 'reconciled' : 'delivered', { result: o.result }, o.raw);
          this.d.audit({ actor: 'system', action: 'delivery.confirm', objectType: 'order_line', objectId: String(line.id), summary: { order: line.platform_order_id, result: o.result } });
        } else if (o.kind === 'retry') {
          if (state.refund === 'refunded') {
            const released = releaseKeys(this.d.sqlite, line.id, now);
            stmt(this.d.sqlite, `update order_lines set status = 'refunded', last_error = null, updated_at = ? where id = ?`).run(now, line.id);
            this.d.timeline.add(line.order_id, line.id, 'released', { keyIds: released });
            continue;
          }
          const delay = retryDelayMs(line.attempts, o.error);
          stmt(this.d.sqlite, `update order_lines set status = 'reserved', next_attempt_at = ?, last_error = ?, updated_at = ? where id = ?`).run(now + delay, o.error.message, now, line.id);
          this.d.timeline.add(line.order_id, line.id, 'retry_scheduled', { error: o.error.message, kind: o.error.kind, inMs: delay, platformCode: o.error.details.platformCode });
          if (o.error.kind === 'backoff' && o.error.retryAfterMs !== undefined) {
            stmt(this.d.sqlite, 'update shops set backoff_until = max(coalesce(backoff_until, 0), ?) where id = ?').run(now + o.error.retryAfterMs, line.shop_id);
          }
        } else {
          stmt(this.d.sqlite, `update order_lines set status = 'failed', last_error = ?, updated_at = ? where id = ?`).run(o.error, now, line.id);
          this.d.timeline.add(line.order_id, line.id, 'delivery_failed', { error: o.error });
          this.d.audit({ actor: 'system', action: 'delivery.fail', objectType: 'order_line', objectId: String(line.id), summary: { order: line.platform_order_id, error: o.error } });
          if (o.reauth) reauthShops.add(line.shop_id);
        }
      }
    }).immediate();
    for (const id of reauthShops) this.d.shops.noteOutcome(id, '平台授权已失效，请在设置 → 店铺中重新授权', 'needs_auth');
    this.onChanged([...shopIds], outcomes.map((o) => o.line.id));
  }

  private notifyIdle(): void {
    if (this.inFlight > 0 || this.pending.length > 0 || this.pumping) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
