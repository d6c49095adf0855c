// What the owner does to a line (deliver now, retry, cancel, map its SKU) and what the core does when
// stock arrives. Each is one immediate transaction with its audit entry; sending is left to the outbox.
import { stmt } from '../db/statements.js';
import type Database from 'better-sqlite3';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Dispatcher, ReserveResult } from '../dispatch/reserve.js';
import { releaseKeys } from './capture.js';
import { REAUTH_PREFIX } from '../dispatch/outbox.js';
import type { Timeline } from './timeline.js';

interface LineState {
  id: number;
  order_id: number;
  shop_id: number;
  status: string;
  refund: string;
  item_id: string;
  sku_id: string;
  title: string;
  platform_order_id: string;
}

export class OrderActions {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly timeline: Timeline,
    private readonly dispatcher: Dispatcher,
    private readonly audit: (entry: AuditInput) => void,
    private readonly afterReserve: (result: ReserveResult) => void,
  ) {}

  /** Release a held line, or try an out-of-stock / failed one again now (owner's decision, audited). */
  deliverNow(lineId: number): void {
    const result = this.sqlite.transaction(() => {
      const line = this.state(lineId);
      if (line.status === 'failed' && this.hasKeys(lineId)) return this.requeue(line, 'deliver_now');
      if (!['held', 'out_of_stock', 'failed', 'unmapped'].includes(line.status)) throw notAllowed(line, '立即发货');
      if (line.refund !== 'none') throw new KeyDeskError('INVALID_INPUT', { lineId }, '买家已申请或完成退款，不能发货');
      this.timeline.add(line.order_id, lineId, 'deliver_now', {});
      this.audit({ actor: 'owner', action: 'dispatch.deliverNow', objectType: 'order_line', objectId: String(lineId), summary: { order: line.platform_order_id, from: line.status } });
      return this.dispatcher.reserve([lineId], { skipRisk: line.status === 'held' });
    }).immediate();
    if (result) this.afterReserve(result);
  }

  /** Send the same reserved keys again (a failed or stuck delivery). */
  retry(lineId: number): void {
    this.sqlite.transaction(() => {
      const line = this.state(lineId);
      if (!['failed', 'reserved'].includes(line.status) || !this.hasKeys(lineId)) throw notAllowed(line, '重试发货');
      this.requeue(line, 'retry');
    }).immediate();
    this.afterReserve({ reserved: [lineId], outOfStock: [], touched: [lineId], topup: [] });
  }

  cancel(lineId: number, reason: string): void {
    this.sqlite.transaction(() => {
      const line = this.state(lineId);
      if (!['reserved', 'out_of_stock', 'held', 'unmapped', 'failed', 'waiting_payment'].includes(line.status)) throw notAllowed(line, '取消发货');
      const now = this.clock.now();
      const released = releaseKeys(this.sqlite, lineId, now);
      stmt(this.sqlite, `update order_lines set status = 'cancelled', last_error = ?, updated_at = ? where id = ?`).run(`已取消：${reason}`, now, lineId);
      this.timeline.add(line.order_id, lineId, 'cancelled', { reason, releasedKeys: released.length });
      this.audit({ actor: 'owner', action: 'dispatch.cancel', objectType: 'order_line', objectId: String(lineId), summary: { order: line.platform_order_id, reason, releasedKeys: released.length } });
    }).immediate();
    this.afterReserve({ reserved: [], outOfStock: [], touched: [lineId], topup: [] });
  }

  /** Maps the line's item/SKU and dispatches every line waiting on that mapping, in pay-time order. */
  setMapping(input: { lineId: number; productId: number; quantity: number; wholeItem: boolean }): { mappingId: number; dispatched: number } {
    let dispatched = 0;
    const out = this.sqlite.transaction(() => {
      const line = this.state(input.lineId);
      const product = stmt(this.sqlite, 'select id, name, archived_at from products where id = ?').get(input.productId) as { id: number; name: string; archived_at: number | null } | undefined;
      if (!product || product.archived_at !== null) throw new KeyDeskError('NOT_FOUND', { productId: input.productId }, '商品不存在或已归档');
      const skuId = input.wholeItem ? '' : line.sku_id;
      const now = this.clock.now();
      stmt(this.sqlite, `insert into sku_mappings (shop_id, item_id, sku_id, title, product_id, quantity, created_at) values (?, ?, ?, ?, ?, ?, ?)
        on conflict (shop_id, item_id, sku_id) do update set product_id = excluded.product_id, quantity = excluded.quantity, title = excluded.title`)
        .run(line.shop_id, line.item_id, skuId, line.title, product.id, input.quantity, now);
      const mappingId = (stmt(this.sqlite, 'select id from sku_mappings where shop_id = ? and item_id = ? and sku_id = ?').get(line.shop_id, line.item_id, skuId) as { id: number }).id;
      this.audit({ actor: 'owner', action: 'mapping.set', objectType: 'sku_mapping', objectId: String(mappingId), summary: { itemId: line.item_id, skuId, productId: product.id, quantity: input.quantity } });
      const waiting = (this.sqlite
        .prepare(`select id, order_id from order_lines where shop_id = ? and item_id = ? and (? = '' or sku_id = ?) and status = 'unmapped' order by paid_at, id`)
        .all(line.shop_id, line.item_id, skuId, skuId) as { id: number; order_id: number }[]);
      for (const w of waiting) this.timeline.add(w.order_id, w.id, 'mapped', { productId: product.id, productName: product.name, quantity: input.quantity });
      const result = this.dispatcher.reserve(waiting.map((w) => w.id));
      dispatched = result.reserved.length;
      return { mappingId, result };
    }).immediate();
    this.afterReserve(out.result);
    return { mappingId: out.mappingId, dispatched };
  }

  removeMapping(id: number): void {
    this.sqlite.transaction(() => {
      const changes = stmt(this.sqlite, 'delete from sku_mappings where id = ?').run(id).changes;
      if (!changes) throw new KeyDeskError('NOT_FOUND', { id }, '对应关系不存在');
      this.audit({ actor: 'owner', action: 'mapping.remove', objectType: 'sku_mapping', objectId: String(id) });
    }).immediate();
  }

  listMappings(shopId?: number) {
    return this.sqlite
      .prepare(`select m.id, m.shop_id as shopId, m.item_id as itemId, m.sku_id as skuId, m.title, m.product_id as productId, p.name as productName, m.quantity, m.created_at as createdAt
        from sku_mappings m join products p on p.id = m.product_id where (? is null or m.shop_id = ?) order by m.id desc`)
      .all(shopId ?? null, shopId ?? null) as {
      id: number; shopId: number; itemId: string; skuId: string; title: string; productId: number; productName: string; quantity: number; createdAt: number;
    }[];
  }

  /** The owner re-authorised a shop: deliveries that failed for lack of authorisation go out again. */
  resumeAfterReauth(shopId: number): void {
    const lines = stmt(this.sqlite, `select id from order_lines where shop_id = ? and status = 'failed' and last_error like ?`).all(shopId, `${REAUTH_PREFIX}%`) as { id: number }[];
    if (!lines.length) return;
    const result = this.sqlite.transaction(() => {
      const out: ReserveResult = { reserved: [], outOfStock: [], touched: [], topup: [] };
      for (const { id } of lines) {
        const line = this.state(id);
        if (this.hasKeys(id)) out.reserved.push(...this.requeue(line, 'retry').reserved);
      }
      out.touched = out.reserved;
      return out;
    }).immediate();
    this.afterReserve(result);
  }

  /** Stock arrived: lines waiting for these products are dispatched in pay-time order. */
  stockArrived(productIds: number[]): ReserveResult | undefined {
    if (!productIds.length) return undefined;
    const waiting = this.sqlite
      .prepare(`select id from order_lines where status = 'out_of_stock' and product_id in (${productIds.map(() => '?').join(', ')}) order by paid_at, id limit 5000`)
      .all(...productIds) as { id: number }[];
    // Combo lines wait under the combo's id; their components may be what arrived.
    const combos = this.sqlite
      .prepare(`select l.id from order_lines l join product_components c on c.combo_id = l.product_id where l.status = 'out_of_stock' and c.component_id in (${productIds.map(() => '?').join(', ')})`)
      .all(...productIds) as { id: number }[];
    const ids = [...new Set([...waiting, ...combos].map((r) => r.id))];
    if (!ids.length) return undefined;
    const result = this.sqlite.transaction(() => this.dispatcher.reserve(ids)).immediate();
    this.afterReserve(result);
    return result;
  }

  private requeue(line: LineState, kind: 'retry' | 'deliver_now'): ReserveResult {
    const now = this.clock.now();
    stmt(this.sqlite, `update order_lines set status = 'reserved', next_attempt_at = null, attempts = 0, last_error = null, updated_at = ? where id = ?`).run(now, line.id);
    this.timeline.add(line.order_id, line.id, kind, {});
    this.audit({ actor: 'owner', action: kind === 'retry' ? 'dispatch.retry' : 'dispatch.deliverNow', objectType: 'order_line', objectId: String(line.id), summary: { order: line.platform_order_id } });
    return { reserved: [line.id], outOfStock: [], touched: [line.id], topup: [] };
  }

  private hasKeys(lineId: number): boolean {
    return stmt(this.sqlite, 'select 1 from line_keys where line_id = ? limit 1').get(lineId) !== undefined;
  }

  private state(lineId: number): LineState {
    const line = stmt(this.sqlite, 'select id, order_id, shop_id, status, refund, item_id, sku_id, title, platform_order_id from order_lines where id = ?').get(lineId) as LineState | undefined;
    if (!line) throw new KeyDeskError('NOT_FOUND', { lineId }, `订单行不存在（编号 ${lineId}）`);
    return line;
  }
}

function notAllowed(line: LineState, what: string): KeyDeskError {
  return new KeyDeskError('INVALID_INPUT', { lineId: line.id, status: line.status }, `这一行当前状态不能${what}`);
}
