// Capture: platform orders (from a poll, a push, or a read-back) into order rows and lines, and on into
// reservation — all in one immediate transaction per batch. Seeing an order twice is harmless: the
// natural keys are UNIQUE and an unchanged order is skipped.
import { stmt } from '../db/statements.js';
import type Database from 'better-sqlite3';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Vault } from '../vault/vault.js';
import type { PlatformOrder, PlatformOrderLine, RefundNotice, RefundState } from '../channels/types.js';
import type { Dispatcher, ReserveResult } from '../dispatch/reserve.js';
import type { ShopRow } from '../shops/shops.js';
import { maskBuyer, type Timeline } from './timeline.js';

export type CaptureSource = 'poll' | 'push' | 'readback';

export interface CaptureResult extends ReserveResult {
  orders: number;
  newLines: number;
  /** Every line whose state changed, for the orders.changed event. */
  changed: number[];
}

interface ExistingOrder {
  id: number;
  platform_updated_at: number;
  platform_status: string;
}

interface ExistingLine {
  id: number;
  status: string;
  refund: RefundState;
}

const MAX_QUANTITY = 10_000;

/** What the risk engine learns at capture, inside the capture transaction (core/risk plugs it in). */
export interface CaptureRiskTap {
  /** The order was stored or changed: record its risk signals. */
  orderSeen(orderId: number, shop: ShopRow, order: PlatformOrder): void;
  /** The platform refunded a line whose keys had already gone out. */
  refundAfterDelivery(orderId: number, lineId: number): void;
}

export class Capture {
  private readonly findOrder: Database.Statement;
  private readonly insertOrder: Database.Statement;
  private readonly updateOrder: Database.Statement;
  private readonly findLine: Database.Statement;
  private readonly insertLine: Database.Statement;
  private readonly linesOfOrder: Database.Statement;
  private readonly findLineByPlatform: Database.Statement;
  private riskTap: CaptureRiskTap | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly timeline: Timeline,
    private readonly dispatcher: Dispatcher,
    private readonly audit: (entry: AuditInput) => void,
  ) {
    this.findOrder = stmt(sqlite, 'select id, platform_updated_at, platform_status from orders where shop_id = ? and platform_order_id = ?');
    this.insertOrder = stmt(sqlite, `insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_index, buyer_masked, risk_flags, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.updateOrder = stmt(sqlite, `update orders set platform_status = ?, status = ?, amount_fen = ?, paid_at = coalesce(paid_at, ?), platform_updated_at = ?, risk_flags = ?, updated_at = ? where id = ?`);
    this.findLine = stmt(sqlite, 'select id, status, refund from order_lines where shop_id = ? and platform_order_id = ? and platform_line_id = ?');
    this.insertLine = stmt(sqlite, `insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, status, refund, paid_at, last_error, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.linesOfOrder = stmt(sqlite, 'select id, status, refund from order_lines where order_id = ?');
    this.findLineByPlatform = stmt(sqlite, 'select l.id, l.status, l.refund, l.order_id from order_lines l where l.shop_id = ? and l.platform_order_id = ? and (? = \'\' or l.platform_line_id = ?)');
  }

  setRiskTap(tap: CaptureRiskTap): void {
    this.riskTap = tap;
  }

  /**
   * Orders (and refunds) of one shop. `cursorTo` advances the shop's cursor in the same transaction, so a
   * crash never leaves the cursor ahead of what was stored.
   */
  ingest(shop: ShopRow, orders: PlatformOrder[], source: CaptureSource, options: { refunds?: RefundNotice[]; cursorTo?: number; settledTo?: number; pushIds?: string[] } = {}): CaptureResult {
    return this.sqlite.transaction(() => {
      const result: CaptureResult = { orders: 0, newLines: 0, changed: [], reserved: [], outOfStock: [], touched: [], topup: [] };
      const toDispatch: number[] = [];
      for (const order of dedupe(orders)) this.ingestOrder(shop, order, source, result, toDispatch);
      for (const refund of options.refunds ?? []) this.applyRefund(shop, refund.orderId, refund.lineId, refund.state, refund.raw, result);
      const reserved = this.dispatcher.reserve(toDispatch);
      result.reserved.push(...reserved.reserved);
      result.outOfStock.push(...reserved.outOfStock);
      result.topup.push(...reserved.topup);
      result.changed.push(...reserved.touched);
      if (options.cursorTo !== undefined || options.settledTo !== undefined) {
        stmt(this.sqlite, 'update shops set cursor_at = max(cursor_at, coalesce(?, 0)), settled_at = max(settled_at, coalesce(?, 0)), last_poll_at = ? where id = ?')
          .run(options.cursorTo ?? null, options.settledTo ?? null, this.clock.now(), shop.id);
      }
      const seen = stmt(this.sqlite, 'insert or ignore into push_seen (shop_id, message_id, at) values (?, ?, ?)');
      for (const id of options.pushIds ?? []) seen.run(shop.id, id, this.clock.now());
      return result;
    }).immediate();
  }

  private ingestOrder(shop: ShopRow, order: PlatformOrder, source: CaptureSource, result: CaptureResult, toDispatch: number[]): void {
    const now = this.clock.now();
    const existing = this.findOrder.get(shop.id, order.orderId) as ExistingOrder | undefined;
    if (existing && existing.platform_updated_at >= order.updatedAt && existing.platform_status === order.platformStatus) return;
    result.orders += 1;
    const flags = order.riskFlags?.length ? JSON.stringify(order.riskFlags) : null;
    const paidAt = order.status === 'unpaid' ? null : (order.paidAt ?? order.updatedAt);
    let orderId: number;
    if (existing) {
      orderId = existing.id;
      this.updateOrder.run(order.platformStatus, order.status, order.amountFen, paidAt, order.updatedAt, flags, now, orderId);
      this.timeline.add(orderId, null, source === 'push' ? 'push' : 'updated', { platformStatus: order.platformStatus, source }, order.raw);
    } else {
      const who = order.buyer.nick ?? order.buyer.id;
      const buyerIndex = who ? this.vault.blindIndex(`buyer:${who.trim().toLowerCase()}`) : null;
      orderId = Number(this.insertOrder.run(shop.id, order.orderId, order.platformStatus, order.status, order.amountFen, paidAt, order.updatedAt,
        buyerIndex, maskBuyer(order.buyer.nick ?? order.buyer.id), flags, now, now).lastInsertRowid);
      this.timeline.add(orderId, null, 'captured', { platformStatus: order.platformStatus, source, lines: order.lines.length }, order.raw);
    }
    this.riskTap?.orderSeen(orderId, shop, order);
    for (const line of order.lines) {
      const lineId = this.ingestLine(shop, orderId, order, line, paidAt, result);
      if (lineId !== undefined) toDispatch.push(lineId);
    }
    if (order.status === 'closed') {
      for (const line of this.linesOfOrder.all(orderId) as ExistingLine[]) this.closeLine(orderId, line, result);
    }
  }

  /** Returns the line id when it is ready to be dispatched. */
  private ingestLine(shop: ShopRow, orderId: number, order: PlatformOrder, line: PlatformOrderLine, paidAt: number | null, result: CaptureResult): number | undefined {
    const now = this.clock.now();
    const existing = this.findLine.get(shop.id, order.orderId, line.lineId) as ExistingLine | undefined;
    if (!existing) {
      const badQuantity = !Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY;
      const shippedElsewhere = order.status === 'shipped' || order.status === 'done';
      const status = badQuantity ? 'held' : order.status === 'closed' ? 'cancelled' : shippedElsewhere ? 'delivered' : 'waiting_payment';
      const error = badQuantity
        ? `数量异常（平台给出 ${String(line.quantity)}），已暂停发货，请核实`
        : shippedElsewhere ? '平台显示已发货（不是由卡密工作台发出）' : null;
      const id = Number(this.insertLine.run(orderId, shop.id, order.orderId, line.lineId, line.itemId, line.skuId, line.outerId, line.title.slice(0, 200),
        Number.isFinite(line.quantity) ? Math.trunc(line.quantity) : 0, line.priceFen, status, line.refund, paidAt, error, now, now).lastInsertRowid);
      result.newLines += 1;
      // A 直充 line's account: what the buyer typed (account field, else the message), parsed at dispatch by the product rule.
      if (line.rechargeAccount || order.buyerMessage) {
        const input = JSON.stringify({ field: line.rechargeAccount ?? null, message: order.buyerMessage?.slice(0, 2000) ?? null });
        stmt(this.sqlite, 'update order_lines set buyer_input_sealed = ? where id = ?').run(this.vault.encrypt(input, `line-input:${id}`), id);
      }
      result.changed.push(id);
      if (badQuantity) this.timeline.add(orderId, id, 'held', { reason: error });
      if (line.refund !== 'none') this.applyLineRefund(orderId, { id, status, refund: 'none' }, line.refund, undefined, result);
      return !badQuantity && paidAt !== null && order.status === 'paid' && line.refund === 'none' ? id : undefined;
    }
    if (line.refund !== existing.refund) this.applyLineRefund(orderId, existing, line.refund, undefined, result);
    if (existing.status === 'waiting_payment' && paidAt !== null && order.status === 'paid') {
      stmt(this.sqlite, 'update order_lines set paid_at = ?, updated_at = ? where id = ?').run(paidAt, now, existing.id);
      return existing.id;
    }
    return undefined;
  }

  private applyRefund(shop: ShopRow, platformOrderId: string, platformLineId: string, state: RefundState, raw: unknown, result: CaptureResult): void {
    const lines = this.findLineByPlatform.all(shop.id, platformOrderId, platformLineId, platformLineId) as (ExistingLine & { order_id: number })[];
    for (const line of lines) if (line.refund !== state) this.applyLineRefund(line.order_id, line, state, raw, result);
  }

  /**
   * Before delivery a refund gives the keys back to stock; after delivery the line goes to after-sales and
   * its keys are marked "delivered, refunded". A request alone pauses a line not yet sent.
   */
  private applyLineRefund(orderId: number, line: ExistingLine, state: RefundState, raw: unknown, result: CaptureResult): void {
    const now = this.clock.now();
    result.changed.push(line.id);
    const setRefund = stmt(this.sqlite, 'update order_lines set refund = ?, status = ?, last_error = ?, updated_at = ? where id = ?');
    if (state === 'requested') {
      const pause = ['reserved', 'out_of_stock', 'unmapped', 'failed', 'waiting_payment'].includes(line.status);
      setRefund.run('requested', pause ? 'held' : line.status, pause ? '买家申请退款，已暂停发货' : null, now, line.id);
      this.timeline.add(orderId, line.id, 'refund_requested', { paused: pause }, raw);
      return;
    }
    if (state === 'none') {
      // The buyer withdrew the request (or the seller refused it): a line paused for it goes back to dispatch.
      setRefund.run('none', line.status === 'held' ? 'out_of_stock' : line.status, null, now, line.id);
      this.timeline.add(orderId, line.id, 'refund_cleared', {}, raw);
      if (line.status === 'held') this.dispatcher.reserve([line.id], { skipRisk: false });
      return;
    }
    if (line.status === 'delivered' || line.status === 'after_sales') {
      setRefund.run('refunded', 'after_sales', '已发货后退款：卡密已发出，请在售后处理', now, line.id);
      stmt(this.sqlite, 'update keys set refunded_at = ?, updated_at = ? where id in (select key_id from line_keys where line_id = ?)').run(now, now, line.id);
      this.audit({ actor: 'platform', action: 'order.refundAfterDelivery', objectType: 'order_line', objectId: String(line.id) });
      this.riskTap?.refundAfterDelivery(orderId, line.id);
    } else if (line.status === 'sending') {
      // A call may be in flight: the outbox settles it (delivered → after-sales, else released).
      stmt(this.sqlite, 'update order_lines set refund = ?, updated_at = ? where id = ?').run('refunded', now, line.id);
    } else {
      const released = releaseKeys(this.sqlite, line.id, now);
      setRefund.run('refunded', 'refunded', null, now, line.id);
      if (released.length) this.timeline.add(orderId, line.id, 'released', { keyIds: released });
      this.audit({ actor: 'platform', action: 'order.refundBeforeDelivery', objectType: 'order_line', objectId: String(line.id), summary: { releasedKeys: released.length } });
    }
    this.timeline.add(orderId, line.id, 'refunded', {}, raw);
  }

  private closeLine(orderId: number, line: ExistingLine, result: CaptureResult): void {
    if (['waiting_payment', 'unmapped', 'held', 'out_of_stock', 'reserved', 'failed'].includes(line.status)) {
      const now = this.clock.now();
      const released = releaseKeys(this.sqlite, line.id, now);
      stmt(this.sqlite, `update order_lines set status = 'cancelled', last_error = '平台已关闭订单', updated_at = ? where id = ?`).run(now, line.id);
      this.timeline.add(orderId, line.id, 'cancelled', { reason: '平台已关闭订单', releasedKeys: released.length });
      if (released.length) this.audit({ actor: 'platform', action: 'order.closedRelease', objectType: 'order_line', objectId: String(line.id), summary: { releasedKeys: released.length } });
      result.changed.push(line.id);
    }
  }
}

/** Gives a line's reserved (not delivered) keys back to stock and unties them. Returns their ids. */
export function releaseKeys(sqlite: Database.Database, lineId: number, now: number): number[] {
  const tied = stmt(sqlite, `select k.id from line_keys lk join keys k on k.id = lk.key_id where lk.line_id = ? and k.status = 'reserved' and lk.exclusive = 1`).all(lineId) as { id: number }[];
  const ids = tied.map((k) => k.id);
  const back = stmt(sqlite, `update keys set status = 'available', updated_at = ? where id = ?`);
  const untie = stmt(sqlite, 'delete from line_keys where line_id = ? and key_id = ?');
  for (const id of ids) {
    back.run(now, id);
    untie.run(lineId, id);
  }
  stmt(sqlite, 'delete from line_keys where line_id = ? and exclusive = 0').run(lineId);
  return ids;
}

/** A page may carry the same order twice (platforms shift data mid-paging): keep the newest version. */
function dedupe(orders: PlatformOrder[]): PlatformOrder[] {
  const byId = new Map<string, PlatformOrder>();
  for (const o of orders) {
    const seen = byId.get(o.orderId);
    if (!seen || o.updatedAt >= seen.updatedAt) byId.set(o.orderId, o);
  }
  return [...byId.values()];
}
