// Asking upstream whether one card was redeemed, by the product's supply route: a supplier API that offers
// a card-status query, or the portal's card lookup page through the RPA engine. The secret is decrypted
// only for the call and never logged.
import type Database from 'better-sqlite3';
import { ChannelError } from '../channels/errors.js';
import { keyAad } from '../inventory/stock.js';
import type { Flow, PortalAccount, RpaJob, RpaResult } from '../rpa/types.js';
import type { SupplierKind } from '../topup/suppliers/types.js';
import type { Suppliers } from '../topup/suppliers/suppliers.js';
import type { Vault } from '../vault/vault.js';
import type { Clock } from '../clock.js';

export type CardStatus = 'unused' | 'redeemed' | 'invalid' | 'unknown';

export interface CardStatusOutput {
  /** unknown: upstream does not know the card (not sold there, or a portal that cannot find it). */
  status: CardStatus;
  redeemedAt: number | null;
}

export type CardStatusFlow = Flow<{ secret: string }, unknown, CardStatusOutput>;
export type RunFlow = <I, S, O>(job: RpaJob<I, S, O>) => Promise<RpaResult<O>>;

export interface CheckableKey {
  id: number;
  product_id: number;
  card_no: string | null;
  secret_sealed: Buffer;
  secret_index: Buffer;
}

/**
 * `verdict`: upstream answered. `skipped`: no answer; `attempted` says whether a call was made (a down
 * supplier) or the product simply cannot be checked (no route, no browser).
 */
export type CheckOutcome = { key: CheckableKey; verdict: CardStatusOutput } | { key: CheckableKey; skipped: string; attempted: boolean };

export interface SupplyRow {
  product_id: number;
  route: 'supplier' | 'rpa';
  supplier_id: number | null;
  supplier_product_id: string | null;
  portal_account_id: number | null;
  check_before_delivery: number;
  remind_after_days: number | null;
  supplier_kind: SupplierKind | null;
}

export interface CardCheckDeps {
  sqlite: Database.Database;
  vault: Vault;
  clock: Clock;
  suppliers: Suppliers;
  runFlow?: RunFlow | undefined;
  /** Whether runFlow can start a browser now (the RPA engine is created on first use). Default: runFlow is set. */
  hasBrowser?: (() => boolean) | undefined;
  cardStatusFlow?: CardStatusFlow | undefined;
  portalAccount: (id: number) => PortalAccount;
}

/** product_supply is a handful of rows and changes rarely: read once, again after this long or forget(). */
const SUPPLY_TTL_MS = 30_000;

export class CardChecker {
  private supply: Map<number, SupplyRow> | undefined;
  private loadedAt = 0;
  private browser: { ok: boolean; at: number } | undefined;

  constructor(private readonly d: CardCheckDeps) {}

  /** The owner edited a product's supply settings. */
  forget(): void {
    this.supply = undefined;
    this.browser = undefined;
  }

  supplyOf(productId: number): SupplyRow | undefined {
    return this.rows().get(productId);
  }

  /** Whether a check can run at all for the product's keys (route set up, and the means to ask). */
  checkable(productId: number): boolean {
    return this.whyNot(productId) === null;
  }

  /** Why the product's keys cannot be checked, in the owner's words; null when they can. */
  whyNot(productId: number): string | null {
    const row = this.supplyOf(productId);
    return row ? this.unavailable(row) : '商品没有设置核销查询方式（在商品里设置供应商或充值网站）';
  }

  checkableProducts(): number[] {
    return [...this.rows().keys()].filter((id) => this.checkable(id));
  }

  /** Cheap (no query) when no product asks for it, which is the common case on the delivery path. */
  checksBeforeDelivery(productId?: number): boolean {
    if (productId === undefined) return [...this.rows().values()].some((r) => r.check_before_delivery === 1);
    return this.supplyOf(productId)?.check_before_delivery === 1;
  }

  async check(key: CheckableKey): Promise<CheckOutcome> {
    const row = this.supplyOf(key.product_id);
    const why = this.whyNot(key.product_id);
    if (!row || why !== null) return { key, skipped: why ?? '', attempted: false };
    const secret = this.d.vault.decrypt(key.secret_sealed, keyAad(key.secret_index));
    return row.route === 'supplier' ? this.askSupplier(key, row, secret) : this.askPortal(key, row, secret);
  }

  private async askSupplier(key: CheckableKey, row: SupplyRow, secret: string): Promise<CheckOutcome> {
    const supplierId = row.supplier_id!;
    try {
      const supplier = this.d.suppliers.row(supplierId);
      const adapter = this.d.suppliers.adapterFor(supplier.kind);
      const answer = await adapter.cardStatus!(this.d.suppliers.context(supplier), { productId: row.supplier_product_id!, cardNo: key.card_no, secret });
      return { key, verdict: { status: answer.status, redeemedAt: answer.redeemedAt } };
    } catch (err) {
      // A refusal about this card (not sold by this supplier) is an answer; anything else is an outage.
      if (err instanceof ChannelError && err.kind === 'give_up') return { key, verdict: { status: 'unknown', redeemedAt: null } };
      this.d.suppliers.noteError(supplierId, err);
      return { key, skipped: `供应商查询失败：${(err as Error).message}`, attempted: true };
    }
  }

  private async askPortal(key: CheckableKey, row: SupplyRow, secret: string): Promise<CheckOutcome> {
    let account: PortalAccount;
    try {
      account = this.d.portalAccount(row.portal_account_id!);
    } catch (err) {
      return { key, skipped: (err as Error).message, attempted: false };
    }
    const job = { id: `card-status-${key.id}-${this.d.clock.now()}`, flow: this.d.cardStatusFlow!, input: { secret }, account };
    const result = await this.d.runFlow!(job);
    if (result.status === 'done') return { key, verdict: result.output };
    if (result.status === 'paused') return { key, skipped: `充值网站需要人工处理：${result.message}`, attempted: true };
    return { key, skipped: `充值网站查询失败：${result.error.message}`, attempted: true };
  }

  /** Why the product's keys cannot be checked now, or null when they can. */
  private unavailable(row: SupplyRow): string | null {
    if (row.route === 'supplier') {
      if (row.supplier_id === null || row.supplier_product_id === null || row.supplier_kind === null) return '商品没有设置供应商商品编号';
      const adapter = this.d.suppliers.adapters[row.supplier_kind] as { cardStatus?: unknown } | undefined;
      return adapter?.cardStatus ? null : '这个供应商接口不支持核销查询';
    }
    if (row.portal_account_id === null) return '商品没有设置充值网站账号';
    return this.d.runFlow && this.d.cardStatusFlow && this.browserReady() ? null : '没有可用的浏览器，无法到充值网站查询';
  }

  /** Looking for Edge/Chrome touches the disk: asked at most every SUPPLY_TTL_MS. */
  private browserReady(): boolean {
    const now = Date.now();
    if (!this.browser || now - this.browser.at > SUPPLY_TTL_MS) this.browser = { ok: this.d.hasBrowser ? this.d.hasBrowser() : true, at: now };
    return this.browser.ok;
  }

  private rows(): Map<number, SupplyRow> {
    // A cache age, not a business time: wall time is right even under a test clock.
    const now = Date.now();
    if (!this.supply || now - this.loadedAt > SUPPLY_TTL_MS) {
      const rows = this.d.sqlite
        .prepare(`select ps.product_id, ps.route, ps.supplier_id, ps.supplier_product_id, ps.portal_account_id, ps.check_before_delivery, ps.remind_after_days, s.kind as supplier_kind
          from product_supply ps left join suppliers s on s.id = ps.supplier_id`)
        .all() as SupplyRow[];
      this.supply = new Map(rows.map((r) => [r.product_id, r]));
      this.loadedAt = now;
    }
    return this.supply;
  }
}
