// One auto-restock purchase (a supplier card order) as an outbox intent: recorded with its budget check
// in one transaction, then placed, then reconciled by customer_order_no until the keys are in stock.
// The rule an unknown outcome never breaks: ask the supplier about the SAME number before anything else;
// a new number is only ever used for a new purchase, after the previous one is settled.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyDeskError, missingCase } from '../../../src-shared/contract/index.js';
import { formatFen } from '../../../src-shared/format.js';
import type { CoreServices } from '../services.js';
import { ChannelError } from '../channels/errors.js';
import { stmt } from '../db/statements.js';
import { normaliseSecret } from '../inventory/import/row-rules.js';
import { SUPPLIER_STATE_TITLES, type SupplierCard, type SupplierOrderInfo } from './suppliers/types.js';
import { asKeyDeskError, type Suppliers } from './suppliers/suppliers.js';

export type RestockDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'imports'> & { suppliers: Suppliers };

export interface RestockTiming {
  /** Between two order queries while the supplier says 处理中. */
  pollIntervalMs: number;
  /** Queries in one pass before the purchase is left to the next timer pass. */
  pollAttempts: number;
}

export interface PurchaseRow {
  id: number;
  product_id: number;
  supplier_id: number;
  customer_order_no: string;
  count: number;
  unit_cost_fen: number;
  total_fen: number;
  state: 'intent' | 'processing' | 'success' | 'failed';
  batch_id: number | null;
  error: string | null;
  day: string;
  created_at: number;
  updated_at: number;
}

export interface RuleRow {
  product_id: number;
  supplier_id: number;
  supplier_product_id: string;
  threshold: number;
  buy_count: number;
  daily_budget_fen: number;
  enabled: number;
  last_run_at: number | null;
  last_error: string | null;
  updated_at: number;
}

export type OpenResult =
  | { kind: 'opened'; purchase: PurchaseRow }
  | { kind: 'over_budget'; spentFen: number; budgetFen: number }
  | { kind: 'busy' }
  | { kind: 'no_rule' };

const IN_FLIGHT = "state in ('intent', 'processing')";

/** The batch note that ties imported keys to their purchase (and finds them again after a crash). */
export const batchNote = (customerOrderNo: string): string => `自动补货 ${customerOrderNo}`;

export function budgetMessage(budgetFen: number, spentFen: number): string {
  return `今日补货预算已用完（预算 ${formatFen(budgetFen)}，已用 ${formatFen(spentFen)}）`;
}

/** Keys as the import reads a pasted CSV: fixed header, every field quoted (a secret may hold a comma). */
export function cardsCsv(cards: SupplierCard[], day: (ms: number) => string): string {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = cards.map((c) => [q(c.cardNo ?? ''), q(c.secret), q(c.expiresAt === null ? '' : day(c.expiresAt))].join(','));
  return `卡号,卡密,有效期\n${lines.join('\n')}\n`;
}

export class RestockPurchases {
  private stopped = false;

  constructor(
    private readonly d: RestockDeps,
    private readonly timing: RestockTiming,
    /** Shanghai calendar day of an instant (the budget day and the CSV expiry). */
    private readonly dayOf: (ms: number) => string,
  ) {}

  /** Ends any polling loop at its next wait (the core is closing). */
  stop(): void {
    this.stopped = true;
  }

  resume(): void {
    this.stopped = false;
  }

  inFlight(productId?: number): PurchaseRow[] {
    return stmt(this.d.sqlite, `select * from restock_purchases where ${IN_FLIGHT} and (? is null or product_id = ?) order by id`)
      .all(productId ?? null, productId ?? null) as PurchaseRow[];
  }

  anyInFlight(): boolean {
    return stmt(this.d.sqlite, `select 1 from restock_purchases where ${IN_FLIGHT} limit 1`).get() !== undefined;
  }

  spentOn(productId: number, day: string): number {
    return stmt(this.d.sqlite, "select coalesce(sum(total_fen), 0) as n from restock_purchases where product_id = ? and day = ? and state <> 'failed'").pluck().get(productId, day) as number;
  }

  latest(productId: number): PurchaseRow | undefined {
    return stmt(this.d.sqlite, 'select * from restock_purchases where product_id = ? order by id desc limit 1').get(productId) as PurchaseRow | undefined;
  }

  /**
   * The intent, its audit entry and the budget check in one immediate transaction, so two passes can
   * never both spend the last of a day's budget or buy twice for the same low stock.
   */
  open(input: { productId: number; unitCostFen: number; supplierProductId: string }): OpenResult {
    const { sqlite } = this.d;
    return sqlite.transaction((): OpenResult => {
      const rule = stmt(sqlite, 'select * from restock_rules where product_id = ? and enabled = 1').get(input.productId) as RuleRow | undefined;
      if (!rule) return { kind: 'no_rule' };
      if (this.inFlight(input.productId).length > 0) return { kind: 'busy' };
      const now = this.d.clock.now();
      const day = this.dayOf(now);
      const totalFen = input.unitCostFen * rule.buy_count;
      const spentFen = this.spentOn(input.productId, day);
      if (spentFen + totalFen > rule.daily_budget_fen) return { kind: 'over_budget', spentFen, budgetFen: rule.daily_budget_fen };
      // A random tail keeps numbers unique across data folders that share one supplier account (a
      // reinstall starts ids at 1 again): a clash would make us adopt someone else's old order.
      const tail = randomBytes(4).toString('hex').toUpperCase();
      const id = Number(sqlite.prepare(`insert into restock_purchases (product_id, supplier_id, customer_order_no, count, unit_cost_fen, total_fen, state, day, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, 'intent', ?, ?, ?)`)
        .run(input.productId, rule.supplier_id, `KDR-pending-${tail}`, rule.buy_count, input.unitCostFen, totalFen, day, now, now).lastInsertRowid);
      const customerOrderNo = `KDR-${id}-${tail}`;
      sqlite.prepare('update restock_purchases set customer_order_no = ? where id = ?').run(customerOrderNo, id);
      sqlite.prepare('update restock_rules set last_run_at = ?, last_error = null where product_id = ?').run(now, input.productId);
      this.d.appendAudit({
        actor: 'system', action: 'restock.purchase.intent', objectType: 'restock_purchase', objectId: String(id),
        summary: { customerOrderNo, productId: input.productId, supplierId: rule.supplier_id, supplierProductId: input.supplierProductId, count: rule.buy_count, unitCostFen: input.unitCostFen, totalFen },
      });
      return { kind: 'opened', purchase: this.row(id) };
    }).immediate();
  }

  /** Places the order (first time, or again with the same number after the supplier said it has none). */
  async submit(p: PurchaseRow, supplierProductId: string): Promise<void> {
    const { adapter, ctx } = this.supplier(p.supplier_id);
    try {
      await adapter.cardAdd(ctx, { productId: supplierProductId, customerOrderNo: p.customer_order_no, buyNum: p.count });
    } catch (err) {
      this.d.suppliers.noteError(p.supplier_id, err);
      const message = asKeyDeskError(err).message;
      if (err instanceof ChannelError && err.kind === 'give_up') {
        // A refusal for good (balance, stock): failed only once the supplier confirms it has no such order.
        const info = await this.lookup(p);
        if (info === null) return this.fail(p, `供应商拒绝下单：${message}`);
        if (info !== undefined) return this.follow(p, info);
        return;
      }
      this.note(p, `下单结果未知（${message}），下次检查时先向供应商核对这笔订单，不会重复下单`);
      return;
    }
    this.markProcessing(p);
    await this.poll(p);
  }

  /** A purchase left in flight (this pass, an earlier one, or before a crash): ask first, act second. */
  async reconcile(p: PurchaseRow): Promise<void> {
    const info = await this.lookup(p);
    if (info === undefined) return;
    if (info !== null) return this.follow(p, info);
    const rule = stmt(this.d.sqlite, 'select * from restock_rules where product_id = ?').get(p.product_id) as RuleRow | undefined;
    if (!rule || rule.enabled !== 1 || rule.supplier_id !== p.supplier_id) {
      return this.fail(p, '供应商没有这笔订单，且自动补货规则已停用或更换了供应商，未重新下单', 'warning');
    }
    // The supplier never got it: the same number again is safe (a duplicate would be refused).
    await this.submit(p, rule.supplier_product_id);
  }

  private async poll(p: PurchaseRow): Promise<void> {
    for (let attempt = 1; attempt <= this.timing.pollAttempts && !this.stopped; attempt++) {
      const info = await this.lookup(p);
      if (info === undefined) return;
      if (info === null) {
        this.note(p, '供应商暂时查不到这笔订单，稍后再核对');
        return;
      }
      if (info.state !== 'processing') return this.follow(p, info);
      if (attempt < this.timing.pollAttempts) await sleep(this.timing.pollIntervalMs, undefined, { ref: false });
    }
  }

  private async follow(p: PurchaseRow, info: SupplierOrderInfo): Promise<void> {
    switch (info.state) {
      case 'processing':
        this.markProcessing(p);
        return this.poll(p);
      case 'success':
      case 'success_disputed':
        return this.complete(p, info);
      case 'failed_refunded':
      case 'failed_not_refunded':
        return this.fail(p, `供应商订单${SUPPLIER_STATE_TITLES[info.state]}${info.description ? `：${info.description}` : ''}`);
      default:
        return missingCase(info.state);
    }
  }

  /**
   * The keys go into stock through the import pipeline (sealed, deduplicated, audited). After a crash
   * between that import and the success record, the batch is found by its note, or — when the keys
   * came in some other way — the import finds them all in stock and the purchase is still a success.
   */
  private async complete(p: PurchaseRow, info: SupplierOrderInfo): Promise<void> {
    const note = batchNote(p.customer_order_no);
    let batchId = this.batchByNote(p.product_id, note);
    let imported = 0;
    let duplicates = 0;
    let problem: string | null = null;
    if (batchId === null) {
      if (info.cards.length === 0) {
        problem = '供应商显示成功，但没有返回卡密，请到供应商后台核对这笔订单';
      } else {
        const supplierName = this.d.suppliers.row(p.supplier_id).name;
        const out = await this.d.imports.run({
          jobId: `restock-${p.id}-${randomUUID().slice(0, 8)}`,
          source: { text: cardsCsv(info.cards, this.dayOf), name: `${note}.csv` },
          productId: p.product_id, sheet: 0, headerRow: 1, mapping: { cardNo: 0, secret: 1, expiry: 2 },
          batch: { supplier: supplierName, unitCostFen: p.unit_cost_fen, purchasedAt: p.created_at, priority: 0, note },
          mode: 'partial',
        }, 'sync');
        imported = out.imported;
        duplicates = out.duplicatesInStock + out.duplicatesInFile;
        batchId = out.batchId ?? this.batchByNote(p.product_id, note) ?? this.batchHolding(info.cards);
        if (out.status === 'rejected') problem = `供应商发来的 ${info.cards.length} 张卡密没有一张能入库：${out.invalid[0]?.reason ?? out.rejectedBecause ?? '无效'}`;
        else if (out.invalidCount > 0) problem = `${out.invalidCount} 张卡密不能入库（${out.invalid[0]?.reason ?? '无效'}），请下载导入问题清单查看`;
      }
    }
    if (problem === null && info.cards.length > 0 && info.cards.length < p.count) problem = `订购 ${p.count} 张，供应商只发来 ${info.cards.length} 张`;
    const totalFen = info.costFen ?? p.total_fen;
    const productName = this.productName(p.product_id);
    this.d.sqlite.transaction(() => {
      const now = this.d.clock.now();
      const changed = this.d.sqlite.prepare(`update restock_purchases set state = 'success', batch_id = ?, error = ?, total_fen = ?, updated_at = ? where id = ? and ${IN_FLIGHT}`)
        .run(batchId, problem, totalFen, now, p.id).changes;
      if (changed === 0) return;
      this.d.sqlite.prepare('update restock_rules set last_error = ? where product_id = ?').run(problem, p.product_id);
      this.d.appendAudit({
        actor: 'system', action: 'restock.purchase.done', objectType: 'restock_purchase', objectId: String(p.id),
        summary: { customerOrderNo: p.customer_order_no, supplierOrderId: info.supplierOrderId, productId: p.product_id, batchId, received: info.cards.length, imported, duplicates, totalFen, problem },
      });
    }).immediate();
    this.d.log.info({ purchaseId: p.id, customerOrderNo: p.customer_order_no, batchId, imported, duplicates }, 'RestockPurchases.complete: keys in stock');
    this.d.events.emit('app.notice', problem
      ? { level: 'warning', kind: 'restock', message: `自动补货「${productName}」（单号 ${p.customer_order_no}）：${problem}` }
      : { level: 'info', kind: 'restock', message: `自动补货「${productName}」完成：入库 ${imported} 张，花费 ${formatFen(totalFen)}` });
  }

  private fail(p: PurchaseRow, error: string, level: 'warning' | 'error' = 'error'): void {
    const changed = this.d.sqlite.transaction(() => {
      const now = this.d.clock.now();
      const n = this.d.sqlite.prepare(`update restock_purchases set state = 'failed', error = ?, updated_at = ? where id = ? and ${IN_FLIGHT}`).run(error, now, p.id).changes;
      if (n === 0) return false;
      this.d.sqlite.prepare('update restock_rules set last_error = ? where product_id = ?').run(error, p.product_id);
      this.d.appendAudit({
        actor: 'system', action: 'restock.purchase.failed', objectType: 'restock_purchase', objectId: String(p.id),
        summary: { customerOrderNo: p.customer_order_no, productId: p.product_id, error },
      });
      return true;
    }).immediate();
    if (!changed) return;
    this.d.log.warn({ purchaseId: p.id, customerOrderNo: p.customer_order_no, error }, 'RestockPurchases.fail');
    this.d.events.emit('app.notice', { level, kind: 'restock', message: `自动补货「${this.productName(p.product_id)}」失败（单号 ${p.customer_order_no}）：${error}` });
  }

  /** The order as the supplier sees it; undefined = could not ask (recorded, try again next pass). */
  private async lookup(p: PurchaseRow): Promise<SupplierOrderInfo | null | undefined> {
    try {
      const { adapter, ctx } = this.supplier(p.supplier_id);
      return await adapter.orderInfo(ctx, p.customer_order_no);
    } catch (err) {
      this.d.suppliers.noteError(p.supplier_id, err);
      this.note(p, `向供应商查询订单失败：${asKeyDeskError(err).message}`);
      return undefined;
    }
  }

  /** An error the owner should read, without changing where the purchase stands. */
  note(p: PurchaseRow, error: string): void {
    const now = this.d.clock.now();
    this.d.sqlite.prepare('update restock_purchases set error = ?, updated_at = ? where id = ?').run(error, now, p.id);
    this.d.sqlite.prepare('update restock_rules set last_error = ? where product_id = ?').run(error, p.product_id);
    this.d.log.warn({ purchaseId: p.id, customerOrderNo: p.customer_order_no, error }, 'RestockPurchases.note');
  }

  private markProcessing(p: PurchaseRow): void {
    this.d.sqlite.prepare("update restock_purchases set state = 'processing', error = null, updated_at = ? where id = ? and state = 'intent'").run(this.d.clock.now(), p.id);
  }

  private supplier(id: number) {
    const row = this.d.suppliers.row(id);
    return { adapter: this.d.suppliers.adapterFor(row.kind), ctx: this.d.suppliers.context(row) };
  }

  private batchByNote(productId: number, note: string): number | null {
    return (stmt(this.d.sqlite, 'select id from batches where product_id = ? and note = ? order by id desc limit 1').pluck().get(productId, note) as number | undefined) ?? null;
  }

  /** The batch that already holds these keys (found by blind index, never by plaintext). */
  private batchHolding(cards: SupplierCard[]): number | null {
    const find = stmt(this.d.sqlite, 'select batch_id from keys where secret_index = ?').pluck();
    for (const card of cards) {
      const batchId = find.get(this.d.vault.blindIndex(normaliseSecret(card.secret))) as number | undefined;
      if (batchId !== undefined) return batchId;
    }
    return null;
  }

  private productName(productId: number): string {
    return (stmt(this.d.sqlite, 'select name from products where id = ?').pluck().get(productId) as string | undefined) ?? `商品 ${productId}`;
  }

  row(id: number): PurchaseRow {
    const row = stmt(this.d.sqlite, 'select * from restock_purchases where id = ?').get(id) as PurchaseRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { purchaseId: id }, `补货采购记录不存在（编号 ${id}）`);
    return row;
  }
}
