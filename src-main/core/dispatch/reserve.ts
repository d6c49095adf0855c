// Reservation: map → risk → pick keys → tie them to the line. Runs inside the caller's immediate
// transaction (capture, mapping, stock arrival, deliver-now), so a line is never half reserved and a key
// can never be tied to two lines (UNIQUE on line_keys.key_id for exclusive keys backs this up).
import { stmt } from '../db/statements.js';
import type Database from 'better-sqlite3';
import type { PlatformName } from '../../../src-shared/contract/index.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Timeline } from '../orders/timeline.js';
import { KeyPicker } from './key-picker.js';
import type { RiskHook } from './risk-hook.js';
import type { Vault } from '../vault/vault.js';
import { maskAccount } from '../../../src-shared/recharge-account.js';
import { accountFor, supplyOf } from '../topup/supply.js';
import { rechargeAad } from '../topup/account-aad.js';

interface LineRow {
  id: number;
  order_id: number;
  shop_id: number;
  platform: PlatformName;
  platform_order_id: string;
  item_id: string;
  sku_id: string;
  outer_id: string;
  quantity: number;
  product_id: number | null;
  keys_needed: number | null;
  status: string;
  refund: string;
  paid_at: number | null;
  amount_fen: number;
  buyer_index: Buffer | null;
  risk_flags: string | null;
}

interface ProductRow {
  id: number;
  name: string;
  type: 'card' | 'direct' | 'combo';
  reusable: number;
  archived_at: number | null;
}

/** Lines may only be (re)dispatched from these states; anything else is already on its way or done. */
const DISPATCHABLE = new Set(['waiting_payment', 'unmapped', 'held', 'out_of_stock', 'failed']);
/** Platforms rarely sell more than this many of a virtual item in one line; above it is a typo or abuse. */
export const MAX_LINE_KEYS = 500;

export interface ReserveResult {
  reserved: number[];
  outOfStock: { lineId: number; productId: number; productName: string }[];
  touched: number[];
  /** 直充 lines handed to the top-up desk. */
  topup: number[];
}

export interface ReserveOptions {
  /** Skip the risk hook: the owner released a held line by hand (audited by the caller). */
  skipRisk?: boolean;
}

export class Dispatcher {
  private readonly lineStmt: Database.Statement;
  private readonly productStmt: Database.Statement;
  private readonly componentsStmt: Database.Statement;
  private readonly mappingStmt: Database.Statement;
  private readonly productByCode: Database.Statement;
  private readonly setLine: Database.Statement;
  private readonly reserveKey: Database.Statement;
  private readonly tieKey: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly timeline: Timeline,
    private readonly audit: (entry: AuditInput) => void,
    private readonly risk: () => RiskHook,
    private readonly vault: Vault,
  ) {
    this.lineStmt = stmt(sqlite, `select l.id, l.order_id, l.shop_id, s.platform, l.platform_order_id, l.item_id, l.sku_id, l.outer_id, l.quantity,
        l.product_id, l.keys_needed, l.status, l.refund, l.paid_at, o.amount_fen, o.buyer_index, o.risk_flags
      from order_lines l join orders o on o.id = l.order_id join shops s on s.id = l.shop_id where l.id = ?`);
    this.productStmt = stmt(sqlite, 'select id, name, type, reusable, archived_at from products where id = ?');
    this.componentsStmt = stmt(sqlite, 'select component_id as productId, quantity from product_components where combo_id = ?');
    this.mappingStmt = stmt(sqlite, `select product_id as productId, quantity from sku_mappings where shop_id = ? and item_id = ? and sku_id in (?, '')
      order by sku_id = '' limit 1`);
    this.productByCode = stmt(sqlite, 'select id from products where code = ? and archived_at is null');
    this.setLine = stmt(sqlite, `update order_lines set status = ?, product_id = ?, keys_needed = ?, risk = coalesce(?, risk), last_error = ?, next_attempt_at = ?, updated_at = ? where id = ?`);
    this.reserveKey = stmt(sqlite, `update keys set status = 'reserved', updated_at = ? where id = ? and status = 'available'`);
    this.tieKey = stmt(sqlite, 'insert into line_keys (line_id, key_id, exclusive, created_at) values (?, ?, ?, ?)');
  }

  /** Lines in pay-time order; must be called inside an immediate transaction. */
  reserve(lineIds: number[], options: ReserveOptions = {}): ReserveResult {
    if (!this.sqlite.inTransaction) throw new Error('Dispatcher.reserve must run inside the capture/mapping transaction');
    const picker = new KeyPicker(this.sqlite);
    const result: ReserveResult = { reserved: [], outOfStock: [], touched: [], topup: [] };
    const lines = lineIds.map((id) => this.lineStmt.get(id) as LineRow | undefined).filter((l): l is LineRow => l !== undefined);
    lines.sort((a, b) => (a.paid_at ?? 0) - (b.paid_at ?? 0) || a.id - b.id);
    for (const line of lines) {
      if (!DISPATCHABLE.has(line.status) || line.paid_at === null || line.refund !== 'none') continue;
      result.touched.push(line.id);
      this.reserveOne(line, picker, options, result);
    }
    return result;
  }

  private reserveOne(line: LineRow, picker: KeyPicker, options: ReserveOptions, result: ReserveResult): void {
    const now = this.clock.now();
    const mapping = this.resolveMapping(line);
    if (!mapping) {
      this.setLine.run('unmapped', null, null, null, '未关联本地商品：请在订单里点“关联商品”', null, now, line.id);
      this.timeline.add(line.order_id, line.id, 'unmapped', { itemId: line.item_id, skuId: line.sku_id, outerId: line.outer_id });
      return;
    }
    const product = this.productStmt.get(mapping.productId) as ProductRow | undefined;
    const keysNeeded = line.quantity * mapping.quantity;
    const hold = (reason: string, risk: string | null = null): void => {
      this.setLine.run('held', mapping.productId, keysNeeded, risk, reason, null, now, line.id);
      this.timeline.add(line.order_id, line.id, 'held', { reason });
    };
    if (!product || product.archived_at !== null) return hold('关联的商品已归档或不存在，请重新关联');
    if (line.quantity < 1 || keysNeeded > MAX_LINE_KEYS) return hold(`数量异常（${line.quantity} 件 × ${mapping.quantity}），已暂停发货，请核实`);

    if (!options.skipRisk) {
      const decision = this.risk()({
        orderId: line.order_id, shopId: line.shop_id, platform: line.platform, platformOrderId: line.platform_order_id, lineId: line.id, productId: product.id,
        quantity: line.quantity, amountFen: line.amount_fen, paidAt: line.paid_at ?? now, buyerIndex: line.buyer_index,
        riskFlags: line.risk_flags ? (JSON.parse(line.risk_flags) as string[]) : [],
      });
      this.timeline.add(line.order_id, line.id, 'risk', decision);
      if (decision.action !== 'allow') return hold(`风控：${decision.reasons.join('；') || decision.action}`, JSON.stringify(decision));
    }
    if (product.type === 'direct') return this.queueTopup(line, product.id, keysNeeded, result);

    const parts = product.type === 'combo'
      ? (this.componentsStmt.all(product.id) as { productId: number; quantity: number }[]).map((c) => ({ productId: c.productId, n: c.quantity * keysNeeded }))
      : [{ productId: product.id, n: keysNeeded }];
    const ctx = { shopId: line.shop_id, paidAt: line.paid_at ?? now, now };
    const picked: { id: number; exclusive: boolean }[] = [];
    for (const part of parts) {
      const partProduct = part.productId === product.id ? product : (this.productStmt.get(part.productId) as ProductRow | undefined);
      if (partProduct?.reusable) {
        const key = picker.pickReusable(part.productId, now);
        if (key) picked.push({ id: key.id, exclusive: false });
        else return this.outOfStock(line, mapping.productId, keysNeeded, product.name, picked, picker, result);
        continue;
      }
      const keys = picker.pick(part.productId, part.n, ctx);
      if (!keys) return this.outOfStock(line, mapping.productId, keysNeeded, partProduct?.name ?? product.name, picked, picker, result);
      for (const key of keys) {
        if (this.reserveKey.run(now, key.id).changes !== 1) throw new Error(`reserve: key ${key.id} was not available`);
        picked.push({ id: key.id, exclusive: true });
      }
    }
    for (const key of picked) this.tieKey.run(line.id, key.id, key.exclusive ? 1 : 0, now);
    this.setLine.run('reserved', product.id, keysNeeded, null, null, null, now, line.id);
    this.timeline.add(line.order_id, line.id, 'reserved', { keyIds: picked.map((k) => k.id), productId: product.id });
    this.audit({ actor: 'system', action: 'dispatch.reserve', objectType: 'order_line', objectId: String(line.id), summary: { order: line.platform_order_id, productId: product.id, keys: picked.length } });
    result.reserved.push(line.id);
  }

  /** 直充: no keys; the account is read by the product's rule and the top-up desk takes the line. */
  private queueTopup(line: LineRow, productId: number, keysNeeded: number, result: ReserveResult): void {
    const now = this.clock.now();
    const supply = supplyOf(this.sqlite, productId);
    if (!supply) {
      this.setLine.run('held', productId, keysNeeded, null, '直充商品未设置充值方式：请在“库存 → 商品 → 供货设置”里选择供应商或充值网站', null, now, line.id);
      this.timeline.add(line.order_id, line.id, 'held', { reason: '直充商品未设置充值方式' });
      return;
    }
    const sealed = stmt(this.sqlite, 'select buyer_input_sealed as s from order_lines where id = ?').get(line.id) as { s: Buffer | null };
    const input = sealed.s ? (JSON.parse(this.vault.decrypt(sealed.s, `line-input:${line.id}`)) as { field: string | null; message: string | null }) : {};
    const parsed = accountFor(supply, input);
    if (!parsed.ok) {
      this.setLine.run('ask_buyer', productId, keysNeeded, null, parsed.reason, null, now, line.id);
      this.timeline.add(line.order_id, line.id, 'ask_buyer', { reason: parsed.reason });
      return;
    }
    stmt(this.sqlite, 'update order_lines set recharge_account_sealed = ?, recharge_account_masked = ? where id = ?')
      .run(this.vault.encrypt(parsed.account, rechargeAad(line.id)), maskAccount(parsed.account), line.id);
    this.setLine.run('topping_up', productId, keysNeeded, null, null, null, now, line.id);
    this.timeline.add(line.order_id, line.id, 'topup_queued', { account: maskAccount(parsed.account), route: supply.route });
    this.audit({ actor: 'system', action: 'topup.queue', objectType: 'order_line', objectId: String(line.id), summary: { order: line.platform_order_id, productId, route: supply.route } });
    result.topup.push(line.id);
  }

  /** Not enough keys: undo what this line took from earlier parts of a combo, and wait for stock. */
  private outOfStock(line: LineRow, productId: number, keysNeeded: number, productName: string, picked: { id: number; exclusive: boolean }[], picker: KeyPicker, result: ReserveResult): void {
    const now = this.clock.now();
    const release = stmt(this.sqlite, `update keys set status = 'available', updated_at = ? where id = ? and status = 'reserved'`);
    for (const key of picked) if (key.exclusive) release.run(now, key.id);
    if (picked.length) picker.forget(productId);
    const wasWaiting = line.status === 'out_of_stock';
    this.setLine.run('out_of_stock', productId, keysNeeded, null, `缺货：「${productName}」可用卡密不足 ${keysNeeded} 张，补货后自动发货`, null, now, line.id);
    if (!wasWaiting) this.timeline.add(line.order_id, line.id, 'out_of_stock', { productId, keysNeeded });
    result.outOfStock.push({ lineId: line.id, productId, productName });
  }

  private resolveMapping(line: LineRow): { productId: number; quantity: number } | undefined {
    if (line.product_id !== null && line.keys_needed !== null) return { productId: line.product_id, quantity: line.keys_needed / line.quantity };
    const mapped = this.mappingStmt.get(line.shop_id, line.item_id, line.sku_id) as { productId: number; quantity: number } | undefined;
    if (mapped) return mapped;
    // 商家编码 equal to a product code maps without any setup: what merchants already do in 千牛/抖店后台.
    const byCode = line.outer_id ? (this.productByCode.get(line.outer_id) as { id: number } | undefined) : undefined;
    return byCode ? { productId: byCode.id, quantity: 1 } : undefined;
  }
}
