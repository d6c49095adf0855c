// 核销 (redemption) sync: asks upstream whether delivered keys were used, on a timer, on demand, and right
// before delivery for products that want it; reminds the owner of keys left unused too long.
import type Database from 'better-sqlite3';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { stmt } from '../db/statements.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log/logger.js';
import { Timeline } from '../orders/timeline.js';
import type { PortalAccount } from '../rpa/types.js';
import type { Suppliers } from '../topup/suppliers/suppliers.js';
import type { Vault } from '../vault/vault.js';
import { CardChecker, type CardStatus, type CardStatusFlow, type CheckableKey, type CheckOutcome, type RunFlow } from './card-check.js';
import { beforeSend, type BeforeSend } from './pre-delivery.js';
import { recordOutcomes, type CheckTally } from './record-outcomes.js';
import { remindUnredeemed, redemptionSummary, type RedemptionRow } from './reminders.js';

export interface RedemptionDeps {
  sqlite: Database.Database;
  vault: Vault;
  clock: Clock;
  log: Logger;
  events: EventBus;
  appendAudit: (entry: AuditInput) => void;
  suppliers: Suppliers;
  /** The RPA engine's run; undefined where no browser can start (portal routes are then skipped). */
  runFlow?: RunFlow | undefined;
  /** Whether runFlow can start a browser now (TopupServices.rpa() !== undefined). Default: runFlow is set. */
  hasBrowser?: (() => boolean) | undefined;
  /** videoPortalCardStatus from core/rpa/flows. */
  cardStatusFlow?: CardStatusFlow | undefined;
  /** PortalAccounts.account: decrypts the site login for one run. */
  portalAccount: (id: number) => PortalAccount;
  /** Lines changed (issue raised, redeemed, swapped): OrderDesk.feed.changed([], lineIds). */
  onChanged?: (lineIds: number[]) => void;
}

export interface CheckSummary {
  checked: number;
  redeemed: number;
  invalid: number;
  message: string;
}

/** A delivered key is asked about again after this long. */
export const RECHECK_AFTER_MS = 6 * 3_600_000;
export const TICK_KEYS = 50;
/** 立即检查 answers within a minute or so; the rest is left to the timer. */
const CHECK_NOW_KEYS = 200;
const TICK_MS = 5 * 60_000;
const REMIND_MS = 3_600_000;
const CONCURRENCY = 4;

const KEY_COLUMNS = 'id, product_id, card_no, secret_sealed, secret_index';

export class Redemption {
  private readonly checker: CardChecker;
  private readonly timeline: Timeline;
  private readonly timers: NodeJS.Timeout[] = [];
  private ticking = false;

  constructor(private readonly d: RedemptionDeps) {
    this.checker = new CardChecker(d);
    this.timeline = new Timeline(d.sqlite, d.vault, d.clock);
  }

  /** Whether 查询核销 can run for the product's keys (AfterSales offers check_redemption by it). */
  checkable(productId: number): boolean {
    return this.checker.checkable(productId);
  }

  /** The owner changed a product's supply settings (route, pre-delivery check, reminder). */
  forget(): void {
    this.checker.forget();
  }

  async checkKeys(keyIds: number[]): Promise<CheckSummary & { results: { keyId: number; status: CardStatus | 'skipped'; note: string | null }[] }> {
    const byId = stmt(this.d.sqlite, `select ${KEY_COLUMNS} from keys where id = ?`);
    const keys = [...new Set(keyIds)].map((id) => byId.get(id) as CheckableKey | undefined).filter((k): k is CheckableKey => k !== undefined);
    const outcomes = await this.checkAll(keys);
    const tally = this.record(outcomes);
    return {
      ...counts(tally),
      message: describe(tally, false),
      results: outcomes.map((o) => ('verdict' in o ? { keyId: o.key.id, status: o.verdict.status, note: null } : { keyId: o.key.id, status: 'skipped', note: o.skipped })),
    };
  }

  /** aftersales.checkRedemption: the line's delivered, unredeemed keys. `ok` false when nothing could be asked. */
  async checkLine(lineId: number): Promise<CheckSummary & { ok: boolean }> {
    const line = stmt(this.d.sqlite, 'select id from order_lines where id = ?').get(lineId);
    if (!line) throw new KeyDeskError('NOT_FOUND', { lineId }, `订单行不存在（编号 ${lineId}）`);
    const keys = stmt(this.d.sqlite, `select ${KEY_COLUMNS.split(', ').map((c) => `k.${c}`).join(', ')} from line_keys lk join keys k on k.id = lk.key_id
        where lk.line_id = ? and lk.exclusive = 1 and k.status = 'delivered' order by k.id`).all(lineId) as CheckableKey[];
    if (!keys.length) return { ok: false, checked: 0, redeemed: 0, invalid: 0, message: '这一行没有已发出、未核销的卡密' };
    if (!keys.some((k) => this.checker.checkable(k.product_id))) {
      return { ok: false, checked: 0, redeemed: 0, invalid: 0, message: `无法查询核销：${this.checker.whyNot(keys[0]!.product_id) ?? '商品没有设置核销查询方式'}` };
    }
    const tally = this.record(await this.checkAll(keys));
    return { ok: tally.checked > 0, ...counts(tally), message: describe(tally, false) };
  }

  /** redemption.checkNow: delivered, unredeemed keys of one product or all, least recently checked first. */
  async checkNow(productId?: number): Promise<CheckSummary> {
    const products = this.checker.checkableProducts().filter((id) => productId === undefined || id === productId);
    if (!products.length) {
      return { checked: 0, redeemed: 0, invalid: 0, message: productId === undefined ? '没有设置了核销查询方式的商品（在商品里设置供应商或充值网站）' : '这个商品没有设置核销查询方式（在商品里设置供应商或充值网站）' };
    }
    const keys = this.dueKeys(products, CHECK_NOW_KEYS + 1, this.d.clock.now() + 1);
    const more = keys.length > CHECK_NOW_KEYS;
    const tally = this.record(await this.checkAll(keys.slice(0, CHECK_NOW_KEYS)));
    return { ...counts(tally), message: describe(tally, more) };
  }

  /** One timer round: up to 50 delivered keys never checked, or not checked for 6 hours, oldest first. */
  async tick(): Promise<CheckSummary> {
    if (this.ticking || !this.d.vault.unlocked) return { checked: 0, redeemed: 0, invalid: 0, message: '' };
    this.ticking = true;
    try {
      const products = this.checker.checkableProducts();
      const keys = products.length ? this.dueKeys(products, TICK_KEYS, this.d.clock.now() - RECHECK_AFTER_MS) : [];
      const tally = this.record(await this.checkAll(keys));
      return { ...counts(tally), message: describe(tally, false) };
    } finally {
      this.ticking = false;
    }
  }

  /** Lines whose keys stay unredeemed past the product's reminder → 长期未核销 (once per line), one notice. */
  remind(): { reminded: number } {
    const lineIds = remindUnredeemed({ ...this.deps(), supply: (id) => this.checker.supplyOf(id) });
    if (lineIds.length) {
      this.d.events.emit('app.notice', { level: 'warning', kind: 'redemption', message: `有 ${lineIds.length} 个订单的卡密发货后长期未核销，已放入售后队列（长期未核销），可联系买家确认` });
      this.d.onChanged?.(lineIds);
    }
    return { reminded: lineIds.length };
  }

  summary(): RedemptionRow[] {
    return redemptionSummary(this.d.sqlite, this.d.clock.now());
  }

  /**
   * Called by the outbox for a line in `sending`, before the platform call. 'replaced': send the line's
   * keys as they are now (re-read them); 'out_of_stock': the line is no longer `sending` (waiting for
   * stock, or settled meanwhile) — skip it.
   */
  beforeSend(lineId: number): Promise<BeforeSend> {
    return beforeSend({ ...this.deps(), log: this.d.log, events: this.d.events, checker: this.checker, checkAll: (keys) => this.checkAll(keys), onChanged: (ids) => this.d.onChanged?.(ids) }, lineId);
  }

  start(): void {
    if (this.timers.length) return;
    const every = (ms: number, run: () => Promise<unknown> | unknown, name: string) => {
      const timer = setInterval(() => {
        Promise.resolve()
          .then(run)
          .catch((err: Error) => this.d.log.error({ err: err.message }, `Redemption.${name}: failed`));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(TICK_MS, () => this.tick(), 'tick');
    every(REMIND_MS, () => (this.d.vault.unlocked ? this.remind() : undefined), 'remind');
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  private deps() {
    return { sqlite: this.d.sqlite, clock: this.d.clock, timeline: this.timeline, audit: this.d.appendAudit };
  }

  private record(outcomes: CheckOutcome[]): CheckTally {
    const tally = recordOutcomes(this.deps(), outcomes, this.d.clock.now());
    if (tally.lineIds.length) this.d.onChanged?.(tally.lineIds);
    return tally;
  }

  private async checkAll(keys: CheckableKey[]): Promise<CheckOutcome[]> {
    const out: CheckOutcome[] = new Array<CheckOutcome>(keys.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const i = next++;
        const key = keys[i]!;
        try {
          out[i] = await this.checker.check(key);
        } catch (err) {
          out[i] = { key, skipped: (err as Error).message, attempted: true };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, keys.length) }, worker));
    return out;
  }

  /** Never-checked keys first (a share per product), then the least recently checked before `cutoff`. */
  private dueKeys(productIds: number[], limit: number, cutoff: number): CheckableKey[] {
    const keys: CheckableKey[] = [];
    const share = Math.ceil(limit / productIds.length);
    const never = stmt(this.d.sqlite, `select ${KEY_COLUMNS} from keys where product_id = ? and status = 'delivered' and checked_at is null limit ?`);
    for (const id of productIds) keys.push(...(never.all(id, Math.min(share, limit - keys.length)) as CheckableKey[]));
    if (keys.length < limit) {
      keys.push(...(this.d.sqlite
        .prepare(`select ${KEY_COLUMNS} from keys where product_id in (${productIds.map(() => '?').join(', ')}) and status = 'delivered' and checked_at < ? order by checked_at, id limit ?`)
        .all(...productIds, cutoff, limit - keys.length) as CheckableKey[]));
    }
    return keys;
  }
}

function counts(t: CheckTally): Omit<CheckSummary, 'message'> {
  return { checked: t.checked, redeemed: t.redeemed, invalid: t.invalid };
}

function describe(t: CheckTally, more: boolean): string {
  if (t.checked === 0 && t.failed === 0) return '没有需要检查的卡密（已发出且未核销的都检查过了）';
  const parts = [`检查了 ${t.checked} 张卡密：${t.redeemed} 张已核销`];
  if (t.invalid) parts.push(`${t.invalid} 张无效（已放入售后队列）`);
  if (t.unknown) parts.push(`${t.unknown} 张上游查不到`);
  if (t.failed) parts.push(`${t.failed} 张没查成（${t.failure ?? '未知原因'}）`);
  if (more) parts.push('其余的会在后台陆续检查');
  return parts.join('，');
}
