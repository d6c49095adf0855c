// 自动补货: per card product, a rule "when available stock < threshold, buy N keys from this supplier,
// spending at most X per day". Purchases are outbox intents (restock-purchase.ts); this file owns the
// rules, deciding when to buy, and the passes (timer, stock events, the owner's 立即补货).
import { KeyDeskError, restockRule, type MethodOutput } from '../../../src-shared/contract/index.js';
import { formatDate } from '../../../src-shared/format.js';
import type { z } from 'zod';
import { stmt } from '../db/statements.js';
import { asKeyDeskError } from './suppliers/suppliers.js';
import { RestockPurchases, budgetMessage, type PurchaseRow, type RestockDeps, type RuleRow } from './restock-purchase.js';

export type { RestockDeps } from './restock-purchase.js';

export interface RestockOptions {
  /** Between order queries while the supplier says 处理中 (default 2 s). */
  pollIntervalMs?: number;
  /** Order queries per pass before a purchase is left to the timer (default 5). */
  pollAttempts?: number;
  /** Timer period (default 60 s). */
  checkEveryMs?: number;
  /** After a failed purchase, automatic passes wait this long before buying again (default 15 min). */
  failureBackoffMs?: number;
}

export type RestockList = MethodOutput<'restock.list'>;
export interface RestockRun {
  /** Orders placed with a supplier in this pass. */
  purchases: number;
  message: string;
}

interface DueRow extends RuleRow {
  product_name: string;
  product_type: 'card' | 'direct' | 'combo';
  archived_at: number | null;
  available: number;
}

const AVAILABLE = "coalesce((select sum(n) from stock_counts s where s.product_id = r.product_id and s.status = 'available'), 0)";

export class Restock {
  private readonly purchases: RestockPurchases;
  private readonly checkEveryMs: number;
  private readonly failureBackoffMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** Passes run one at a time; a check asked for while one runs is queued once, not once per event. */
  private chain: Promise<unknown> = Promise.resolve();
  private queuedCheck: Promise<RestockRun> | undefined;
  /** `${productId}:${what}` → the Shanghai day an owner was last told (budget spent, goods off sale…). */
  private readonly alerted = new Map<string, string>();

  constructor(
    private readonly d: RestockDeps,
    options: RestockOptions = {},
  ) {
    this.purchases = new RestockPurchases(d, { pollIntervalMs: options.pollIntervalMs ?? 2_000, pollAttempts: options.pollAttempts ?? 5 }, (ms) => formatDate(ms));
    this.checkEveryMs = options.checkEveryMs ?? 60_000;
    this.failureBackoffMs = options.failureBackoffMs ?? 15 * 60_000;
  }

  list(): RestockList {
    const today = formatDate(this.d.clock.now());
    const rules = (this.d.sqlite.prepare('select r.*, p.name as product_name from restock_rules r join products p on p.id = r.product_id order by p.code').all() as (RuleRow & { product_name: string })[])
      .map((r) => ({
        productId: r.product_id, productName: r.product_name, supplierId: r.supplier_id, supplierProductId: r.supplier_product_id, threshold: r.threshold,
        buyCount: r.buy_count, dailyBudgetFen: r.daily_budget_fen, enabled: r.enabled === 1, lastRunAt: r.last_run_at, lastError: r.last_error,
        spentTodayFen: this.purchases.spentOn(r.product_id, today),
      }));
    const purchases = (this.d.sqlite.prepare(`select x.*, coalesce(p.name, '（已删除的商品）') as product_name, coalesce(s.name, '（已删除的供应商）') as supplier_name
        from restock_purchases x left join products p on p.id = x.product_id left join suppliers s on s.id = x.supplier_id order by x.id desc limit 100`)
      .all() as (PurchaseRow & { product_name: string; supplier_name: string })[])
      .map((x) => ({
        id: x.id, productId: x.product_id, productName: x.product_name, supplierName: x.supplier_name, count: x.count, unitCostFen: x.unit_cost_fen,
        totalFen: x.total_fen, state: x.state, batchId: x.batch_id, error: x.error, createdAt: x.created_at,
      }));
    return { rules, purchases };
  }

  /** Saves a product's rule (one per product). Only card products that take imported keys qualify. */
  setRule(raw: z.input<typeof restockRule>): { ok: true } {
    const input = restockRule.parse(raw);
    const refuse = (field: string, message: string) => new KeyDeskError('INVALID_INPUT', { issues: [{ field, message }] }, message);
    const product = this.d.sqlite.prepare('select type, reusable, archived_at from products where id = ?').get(input.productId) as
      { type: 'card' | 'direct' | 'combo'; reusable: number; archived_at: number | null } | undefined;
    if (!product) throw refuse('productId', `商品不存在（编号 ${input.productId}）`);
    if (product.type === 'direct') throw refuse('productId', '直充商品由供应商直接充值，没有卡密库存，不能设置自动补货');
    if (product.type === 'combo') throw refuse('productId', '组合商品的库存来自它包含的子商品，请为子商品设置自动补货');
    if (product.reusable === 1) throw refuse('productId', '可重复发货的商品库存不会减少，不需要自动补货');
    if (product.archived_at !== null) throw refuse('productId', '商品已归档，请先恢复后再设置自动补货');
    if (this.d.sqlite.prepare('select 1 from suppliers where id = ?').get(input.supplierId) === undefined) {
      throw refuse('supplierId', `供应商不存在（编号 ${input.supplierId}），请先在“供应商”里添加`);
    }
    this.d.sqlite.transaction(() => {
      this.d.sqlite.prepare(`insert into restock_rules (product_id, supplier_id, supplier_product_id, threshold, buy_count, daily_budget_fen, enabled, updated_at)
          values (@productId, @supplierId, @supplierProductId, @threshold, @buyCount, @dailyBudgetFen, @enabled, @now)
          on conflict(product_id) do update set supplier_id = excluded.supplier_id, supplier_product_id = excluded.supplier_product_id, threshold = excluded.threshold,
            buy_count = excluded.buy_count, daily_budget_fen = excluded.daily_budget_fen, enabled = excluded.enabled, last_error = null, updated_at = excluded.updated_at`)
        .run({ ...input, enabled: input.enabled ? 1 : 0, now: this.d.clock.now() });
      this.d.appendAudit({
        actor: 'owner', action: 'restock.rule.set', objectType: 'product', objectId: String(input.productId),
        summary: { supplierId: input.supplierId, supplierProductId: input.supplierProductId, threshold: input.threshold, buyCount: input.buyCount, dailyBudgetFen: input.dailyBudgetFen, enabled: input.enabled },
      });
    }).immediate();
    return { ok: true };
  }

  /** A purchase already in flight is still reconciled (the money may be spent); no new one is placed. */
  removeRule(productId: number): { ok: boolean } {
    const removed = this.d.sqlite.transaction(() => {
      const n = this.d.sqlite.prepare('delete from restock_rules where product_id = ?').run(productId).changes;
      if (n) this.d.appendAudit({ actor: 'owner', action: 'restock.rule.remove', objectType: 'product', objectId: String(productId) });
      return n > 0;
    }).immediate();
    return { ok: removed };
  }

  /** The owner's 立即补货: ignores the wait after a failure, still keeps threshold and budget. */
  async runNow(productId?: number): Promise<RestockRun> {
    if (productId !== undefined && stmt(this.d.sqlite, 'select 1 from restock_rules where product_id = ?').get(productId) === undefined) {
      throw new KeyDeskError('NOT_FOUND', { productId }, '这个商品还没有设置自动补货规则');
    }
    return this.serial(() => this.pass({ productId, manual: true }));
  }

  /**
   * What the timer and stock events call. Cheap when there is nothing to do: two small queries, no
   * supplier call. Never throws (a background caller has nobody to tell); problems land on the rule.
   */
  checkAll(): Promise<RestockRun> {
    if (!this.d.vault.unlocked) return Promise.resolve({ purchases: 0, message: '保险库已锁定，暂不补货' });
    if (this.queuedCheck) return this.queuedCheck;
    if (!this.purchases.anyInFlight() && this.due().length === 0) return Promise.resolve({ purchases: 0, message: '库存充足，无需补货' });
    const run = this.serial(async () => {
      this.queuedCheck = undefined;
      try {
        return await this.pass({ manual: false });
      } catch (err) {
        this.d.log.error({ err: (err as Error).message }, 'Restock.checkAll: pass failed');
        return { purchases: 0, message: asKeyDeskError(err).message };
      }
    });
    this.queuedCheck = run;
    return run;
  }

  /** Reconciles every purchase left in flight (before any new one), then checks on a timer. */
  async start(): Promise<void> {
    this.purchases.resume();
    if (!this.timer) {
      this.timer = setInterval(() => void this.checkAll(), this.checkEveryMs);
      this.timer.unref();
    }
    await this.checkAll();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.purchases.stop();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Enabled rules of live card products whose available stock is under the threshold. */
  private due(productId?: number): DueRow[] {
    return (stmt(this.d.sqlite, `select r.*, p.name as product_name, p.type as product_type, p.archived_at, ${AVAILABLE} as available
        from restock_rules r join products p on p.id = r.product_id
        where r.enabled = 1 and p.type = 'card' and p.archived_at is null and (? is null or r.product_id = ?) and ${AVAILABLE} < r.threshold order by r.product_id`)
      .all(productId ?? null, productId ?? null) as DueRow[]);
  }

  private async pass(scope: { productId?: number | undefined; manual: boolean }): Promise<RestockRun> {
    if (!this.d.vault.unlocked) return { purchases: 0, message: '保险库已锁定，暂不补货' };
    const messages: string[] = [];
    // Settle what is in flight first: its keys may already cover the shortage, and a purchase with an
    // unknown outcome must never be followed by a new order for the same product.
    for (const p of this.purchases.inFlight(scope.productId)) {
      try {
        await this.purchases.reconcile(p);
      } catch (err) {
        this.purchases.note(p, asKeyDeskError(err).message);
      }
    }
    let placed = 0;
    for (const rule of this.due(scope.productId)) {
      try {
        const outcome = await this.buy(rule, scope.manual);
        if (outcome === 'placed') placed++;
        else messages.push(`「${rule.product_name}」${outcome}`);
      } catch (err) {
        const message = asKeyDeskError(err).message;
        this.noteRule(rule.product_id, message);
        messages.push(`「${rule.product_name}」${message}`);
      }
    }
    if (scope.manual && scope.productId !== undefined && placed === 0 && messages.length === 0) messages.push(this.whyNothing(scope.productId));
    if (placed > 0) messages.unshift(`已向供应商下单 ${placed} 笔`);
    return { purchases: placed, message: messages.length ? messages.join('；') : '库存充足，无需补货' };
  }

  /** One product under its threshold: price check, budget, then the purchase. Returns 'placed' or why not. */
  private async buy(rule: DueRow, manual: boolean): Promise<string> {
    const now = this.d.clock.now();
    const last = this.purchases.latest(rule.product_id);
    if (last && last.state !== 'intent' && last.state !== 'processing') {
      const settledBadly = last.state === 'failed' || (last.state === 'success' && last.batch_id === null);
      if (!manual && settledBadly && now - last.updated_at < this.failureBackoffMs) {
        return `上次补货没有成功，${Math.ceil((this.failureBackoffMs - (now - last.updated_at)) / 60_000)} 分钟后再自动尝试（可点“立即补货”）`;
      }
    } else if (last) {
      return '上一笔补货还在处理中';
    }
    const supplier = this.d.suppliers.row(rule.supplier_id);
    if (supplier.status === 'paused') return this.refuse(rule, 'paused', `供应商「${supplier.name}」已暂停，未下单`);
    let goods;
    try {
      goods = await this.d.suppliers.adapterFor(supplier.kind).goods(this.d.suppliers.context(supplier), rule.supplier_product_id);
    } catch (err) {
      this.d.suppliers.noteError(supplier.id, err);
      return this.refuse(rule, 'goods', `查询供应商商品失败：${asKeyDeskError(err).message}`);
    }
    if (!goods.onSale) return this.refuse(rule, 'off_sale', `供应商商品 ${rule.supplier_product_id}（${goods.name}）已下架或暂停销售，未下单`);
    if (goods.kind !== 'card') return this.refuse(rule, 'not_card', `供应商商品 ${rule.supplier_product_id}（${goods.name}）是直充商品，不能用来补卡密`);
    const opened = this.purchases.open({ productId: rule.product_id, unitCostFen: goods.priceFen, supplierProductId: rule.supplier_product_id });
    switch (opened.kind) {
      case 'no_rule':
        return '自动补货规则已停用或删除';
      case 'busy':
        return '上一笔补货还在处理中';
      case 'over_budget':
        return this.refuse(rule, 'budget', budgetMessage(opened.budgetFen, opened.spentFen));
      case 'opened':
        await this.purchases.submit(opened.purchase, rule.supplier_product_id);
        return 'placed';
    }
  }

  /** Records why nothing was bought on the rule, and tells the owner once per day per product and reason. */
  private refuse(rule: DueRow, what: string, message: string): string {
    this.noteRule(rule.product_id, message, this.d.clock.now());
    const day = formatDate(this.d.clock.now());
    const key = `${rule.product_id}:${what}`;
    if (this.alerted.get(key) !== day) {
      this.alerted.set(key, day);
      this.d.events.emit('app.notice', { level: 'warning', kind: 'restock', message: `自动补货「${rule.product_name}」：${message}` });
    }
    return message;
  }

  private noteRule(productId: number, message: string, runAt?: number): void {
    this.d.sqlite.prepare('update restock_rules set last_error = ?, last_run_at = coalesce(?, last_run_at) where product_id = ?').run(message, runAt ?? null, productId);
  }

  private whyNothing(productId: number): string {
    const r = this.d.sqlite.prepare(`select r.enabled, r.threshold, ${AVAILABLE} as available from restock_rules r where r.product_id = ?`).get(productId) as
      { enabled: number; threshold: number; available: number } | undefined;
    if (!r) return '自动补货规则已删除';
    if (r.enabled !== 1) return '自动补货已停用，未下单';
    return `库存 ${r.available} 张，不低于补货阈值 ${r.threshold}，无需补货`;
  }
}
