// Read side of the orders screen and `keydesk orders list`: keyset pages of lines, and one order with its
// lines, masked keys and timeline. Nothing here writes.
import { stmt } from '../db/statements.js';
import type Database from 'better-sqlite3';
import { KeyDeskError, PROBLEM_STATUSES, type OrderFilter, type OrderLine, type TimelineEntry } from '../../../src-shared/contract/index.js';
import { maskSecret } from '../../../src-shared/mask.js';
import type { Vault } from '../vault/vault.js';
import { keyAad } from '../inventory/stock.js';
import { payloadAad, type TimelineKind } from './timeline.js';
import { describeStep } from './timeline-text.js';


const LINE_SELECT = `select l.id, l.order_id as orderId, l.shop_id as shopId, s.name as shopName, s.platform, l.platform_order_id as platformOrderId,
  l.platform_line_id as platformLineId, l.title, l.sku_id as skuId, l.outer_id as outerId, l.quantity, l.price_fen as priceFen, l.product_id as productId,
  p.name as productName, l.status, o.buyer_masked as buyerMasked, l.paid_at as paidAt, l.delivered_at as deliveredAt, l.attempts, l.last_error as lastError, l.refund
  from order_lines l join orders o on o.id = l.order_id join shops s on s.id = l.shop_id left join products p on p.id = l.product_id`;

const TITLES: Record<TimelineKind, string> = {
  captured: '收到订单',
  updated: '平台订单有更新',
  push: '收到平台推送',
  mapped: '已关联商品',
  unmapped: '未关联本地商品',
  risk: '风控检查',
  held: '已暂停发货',
  reserved: '已锁定卡密',
  out_of_stock: '缺货，等待补货',
  sending: '正在发货',
  delivered: '平台已确认发货',
  delivery_failed: '发货失败',
  retry_scheduled: '发货未成功，稍后自动重试',
  reconciled: '重启后核对：平台已发货',
  refund_requested: '买家申请退款',
  refund_cleared: '退款申请已撤销',
  refunded: '已退款',
  released: '卡密已退回库存',
  cancelled: '已取消',
  retry: '店主要求重试',
  deliver_now: '店主要求立即发货',
  ask_buyer: '等待买家补充充值账号',
  account_set: '已填写充值账号',
  topup_queued: '等待充值',
  topup_submitted: '已提交充值',
  topup_result: '充值结果',
  topup_reconciled: '核对上次充值',
  topup_paused: '充值暂停，等待人工接管',
  topup_failed: '充值失败',
  aftersales: '售后处理',
  redemption: '核销检查',
};

export class OrderQueries {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly vault: Vault,
  ) {}

  list(filter: OrderFilter & { after?: number | undefined; limit: number }): { lines: OrderLine[]; total: number; counts: Record<string, number> } {
    const { sql, params } = this.where(filter);
    const page = this.sqlite
      .prepare(`${LINE_SELECT} where ${sql}${filter.after !== undefined ? ' and l.id < ?' : ''} order by l.id desc limit ?`)
      .all(...params, ...(filter.after !== undefined ? [filter.after] : []), filter.limit) as OrderLine[];
    // Counts per status ignore the status filter, so the chips show what the other tabs hold.
    const base = this.where({ ...filter, status: undefined, problems: undefined });
    const counts: Record<string, number> = {};
    for (const row of stmt(this.sqlite, `select l.status, count(*) as n from order_lines l join orders o on o.id = l.order_id where ${base.sql} group by l.status`).all(...base.params) as { status: string; n: number }[]) {
      counts[row.status] = row.n;
    }
    const total = (stmt(this.sqlite, `select count(*) as n from order_lines l join orders o on o.id = l.order_id where ${sql}`).get(...params) as { n: number }).n;
    return { lines: page, total, counts };
  }

  line(id: number): OrderLine {
    const row = stmt(this.sqlite, `${LINE_SELECT} where l.id = ?`).get(id) as OrderLine | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { lineId: id }, `订单行不存在（编号 ${id}）`);
    return row;
  }

  get(orderId: number) {
    const order = this.sqlite
      .prepare(`select o.id, o.shop_id as shopId, s.name as shopName, s.platform, o.platform_order_id as platformOrderId, o.platform_status as platformStatus, o.status,
        o.amount_fen as amountFen, o.buyer_masked as buyerMasked, o.paid_at as paidAt, o.created_at as createdAt from orders o join shops s on s.id = o.shop_id where o.id = ?`)
      .get(orderId) as
      | { id: number; shopId: number; shopName: string; platform: OrderLine['platform']; platformOrderId: string; platformStatus: string; status: 'unpaid' | 'paid' | 'shipped' | 'done' | 'closed'; amountFen: number; buyerMasked: string; paidAt: number | null; createdAt: number }
      | undefined;
    if (!order) throw new KeyDeskError('NOT_FOUND', { orderId }, `订单不存在（编号 ${orderId}）`);
    const lines = (stmt(this.sqlite, `${LINE_SELECT} where l.order_id = ? order by l.id`).all(orderId) as OrderLine[]).map((line) => ({
      ...line,
      keys: (stmt(this.sqlite, 'select k.id, k.card_no, k.secret_sealed, k.secret_index from line_keys lk join keys k on k.id = lk.key_id where lk.line_id = ? order by k.id').all(line.id) as {
        id: number; card_no: string | null; secret_sealed: Buffer; secret_index: Buffer;
      }[]).map((k) => ({ keyId: k.id, cardNo: k.card_no, secretMasked: maskSecret(this.vault.decrypt(k.secret_sealed, keyAad(k.secret_index))) })),
    }));
    const timeline = (stmt(this.sqlite, 'select id, at, line_id, kind, detail, payload_sealed from order_events where order_id = ? order by id').all(orderId) as {
      id: number; at: number; line_id: number | null; kind: TimelineKind; detail: string | null; payload_sealed: Buffer | null;
    }[]).map((e): TimelineEntry => ({
      id: e.id,
      at: e.at,
      lineId: e.line_id,
      kind: e.kind,
      title: TITLES[e.kind] ?? e.kind,
      note: describeStep(e.kind, e.detail === null ? null : (JSON.parse(e.detail) as Record<string, unknown>)),
      detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown),
      ...(e.payload_sealed && { payload: JSON.parse(this.vault.decrypt(e.payload_sealed, payloadAad(orderId))) as unknown }),
    }));
    return { order, lines, timeline };
  }

  private where(filter: OrderFilter): { sql: string; params: (string | number | Buffer)[] } {
    const parts = ['1 = 1'];
    const params: (string | number | Buffer)[] = [];
    const add = (sql: string, ...values: (string | number | Buffer)[]): void => {
      parts.push(sql);
      params.push(...values);
    };
    if (filter.shopId !== undefined) add('l.shop_id = ?', filter.shopId);
    if (filter.status !== undefined) add('l.status = ?', filter.status);
    if (filter.problems) add(`l.status in (${PROBLEM_STATUSES.map(() => '?').join(', ')})`, ...PROBLEM_STATUSES);
    if (filter.from !== undefined) add('coalesce(l.paid_at, l.created_at) >= ?', filter.from);
    if (filter.to !== undefined) add('coalesce(l.paid_at, l.created_at) < ?', filter.to);
    if (filter.platformOrderId) add('l.platform_order_id = ?', filter.platformOrderId);
    if (filter.buyer) add('o.buyer_index = ?', this.vault.blindIndex(`buyer:${filter.buyer.trim().toLowerCase()}`));
    return { sql: parts.join(' and '), params };
  }
}
