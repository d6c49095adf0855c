// The owner's one-click fixes on a line. Each is one immediate transaction holding the change, its ledger
// entry (timeline `aftersales`) and its audit entry; a refusal throws before anything is written.
import type Database from 'better-sqlite3';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { formatFen } from '../../../src-shared/format.js';
import { maskSecret } from '../../../src-shared/mask.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { stmt } from '../db/statements.js';
import { keyAad } from '../inventory/stock.js';
import { releaseKeys } from '../orders/capture.js';
import type { Timeline } from '../orders/timeline.js';
import type { Vault } from '../vault/vault.js';
import { fixLine, recordStep, refused, tiedKeys, type FixLine, type RecordInput, type TiedKey } from './line-record.js';
import { shortageText, swapKeys, VOID_PREFIX } from './swap-keys.js';

export interface FixDeps {
  sqlite: Database.Database;
  vault: Vault;
  clock: Clock;
  timeline: Timeline;
  audit: (e: AuditInput) => void;
  /** Lines went back to `reserved`: the outbox sends them (same keys, or the fresh ones). */
  kickOutbox: () => void;
}

export interface FixDone {
  ok: boolean;
  message: string;
}

/** Lines whose keys reached (or may have reached) the buyer: re-send and replace act on these. */
const AFTER_DELIVERY = new Set(['delivered', 'after_sales', 'failed']);
/** Not paid, closed, or a platform call / top-up may be in flight (its outcome settles keys and money first). */
const NO_REFUND = new Set(['waiting_payment', 'cancelled', 'sending', 'topping_up', 'topup_paused']);
const KEY_GONE = new Set(['void', 'available', 'expired']);

export class Fixes {
  constructor(private readonly d: FixDeps) {}

  reportInvalid(lineId: number, reason: string): FixDone {
    const why = reasonOf(reason);
    return this.fix(lineId, (line) => {
      if (line.delivered_at === null || !this.live(line.id).length) throw refused(line, '这一行还没有发出卡密，不能记录卡密无效');
      this.setIssue(line.id, 'invalid_reported', why);
      return { record: { action: 'reportInvalid', reason: why, text: '记录买家反馈：卡密无效' }, message: '已记录买家反馈，这一行已进入售后队列（买家反馈卡密无效）' };
    });
  }

  /** The same keys again: the platform answers "already sent" when it had them, which is fine. */
  resend(lineId: number, reason: string): FixDone {
    const why = reasonOf(reason);
    const done = this.fix(lineId, (line) => {
      if (!AFTER_DELIVERY.has(line.status)) throw refused(line, '这一行当前状态不能重发（只有已发货、售后中或发货失败的订单行可以重发）');
      const keys = this.live(line.id);
      if (!keys.length) throw refused(line, '这一行没有卡密可以重发');
      this.requeue(line.id);
      return { record: { action: 'resend', reason: why, text: `店主要求把同一批卡密（${keys.length} 张）再发一次`, summary: { keys: keys.length } }, message: `已安排重发同一批卡密（${keys.length} 张）` };
    });
    this.d.kickOutbox();
    return done;
  }

  /** Voids the given (default: all) keys of the line and ties as many fresh ones; the outbox sends them. */
  replace(lineId: number, reason: string, keyIds?: number[]): FixDone {
    const why = reasonOf(reason);
    const done = this.fix(lineId, (line, now) => {
      if (!AFTER_DELIVERY.has(line.status)) throw refused(line, '这一行当前状态不能换卡（只有已发货、售后中或发货失败的订单行可以换卡）');
      const old = this.chosen(line, keyIds, (k) => k.exclusive === 1 && !KEY_GONE.has(k.status), '不属于这一行或已作废，不能更换');
      if (!old.length) throw refused(line, '这一行没有可以更换的卡密');
      const swapped = swapKeys(this.d.sqlite, line, old, `${VOID_PREFIX.replace}${why}`, now);
      if (!swapped.ok) throw new KeyDeskError('INVALID_INPUT', { lineId, ...swapped.shortage }, shortageText(swapped.shortage));
      this.requeue(line.id);
      // New keys answer the buyer's "the key does not work"; other issues stay for the owner.
      if (line.issue === 'invalid_reported') this.setIssue(line.id, null, null);
      return {
        record: { action: 'replace', reason: why, text: `作废 ${old.length} 张卡密并换发新卡密`, summary: { voided: old.length, oldKeyIds: old.map((k) => k.id).join(','), newKeyIds: swapped.fresh.join(',') } },
        message: `已作废 ${old.length} 张卡密并换发新卡密，正在发给买家`,
      };
    });
    this.d.kickOutbox();
    return done;
  }

  markRedeemed(lineId: number, reason: string): FixDone {
    const why = reasonOf(reason);
    return this.fix(lineId, (line, now) => {
      if (line.delivered_at === null || !this.live(line.id).length) throw refused(line, '这一行还没有发出卡密，不能标记核销');
      if (line.redeemed_at !== null) throw refused(line, '这一行已经标记为已核销');
      const changed = stmt(this.d.sqlite, `update keys set status = 'redeemed', redeemed_at = ?, updated_at = ?
          where id in (select key_id from line_keys where line_id = ? and exclusive = 1) and status = 'delivered'`).run(now, now, line.id).changes;
      stmt(this.d.sqlite, `update order_lines set redeemed_at = ?, issue = case when issue = 'unredeemed' then null else issue end,
          issue_note = case when issue = 'unredeemed' then null else issue_note end, updated_at = ? where id = ?`).run(now, now, line.id);
      return { record: { action: 'markRedeemed', reason: why, text: `店主手动标记已核销（${changed} 张卡密）`, summary: { keys: changed } }, message: '已标记为已核销' };
    });
  }

  /**
   * Records money the platform gave back. Delivered lines stay delivered (an after-sales line returns to
   * delivered: the refund settles it) and their keys are marked "delivered, refunded"; a line not yet
   * delivered gives its keys back to stock and becomes refunded. Any open issue is settled by the refund.
   */
  recordRefund(lineId: number, amountFen: number, reason: string): FixDone {
    const why = reasonOf(reason);
    return this.fix(lineId, (line, now) => {
      if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new KeyDeskError('INVALID_INPUT', { lineId, amountFen }, '退款金额必须大于 0');
      if (amountFen > line.order_amount_fen) throw new KeyDeskError('INVALID_INPUT', { lineId, amountFen }, `退款金额不能超过订单实付 ${formatFen(line.order_amount_fen)}`);
      if (NO_REFUND.has(line.status)) throw refused(line, '这一行正在发货、充值或尚未付款，请等结果出来后再记录退款');
      let released = 0;
      if (line.delivered_at !== null) {
        stmt(this.d.sqlite, `update keys set refunded_at = coalesce(refunded_at, ?), updated_at = ?
            where id in (select key_id from line_keys where line_id = ? and exclusive = 1) and status in ('delivered', 'redeemed')`).run(now, now, line.id);
        stmt(this.d.sqlite, `update order_lines set refund = 'refunded', status = case when status in ('after_sales', 'failed') then 'delivered' else status end,
            issue = null, issue_note = null, last_error = null, updated_at = ? where id = ?`).run(now, line.id);
      } else if (line.status !== 'refunded') {
        released = releaseKeys(this.d.sqlite, line.id, now).length;
        stmt(this.d.sqlite, `update order_lines set refund = 'refunded', status = 'refunded', issue = null, issue_note = null, last_error = null, next_attempt_at = null, updated_at = ? where id = ?`)
          .run(now, line.id);
      }
      const text = `记录退款 ${formatFen(amountFen)}${released ? `，${released} 张未发出的卡密退回库存` : ''}`;
      return { record: { action: 'recordRefund', reason: why, text, summary: { amountFen, releasedKeys: released } }, message: `已记录退款 ${formatFen(amountFen)}` };
    });
  }

  /** Files a claim with the supplier per key (counted in batch quality); the keys are voided. */
  claim(lineId: number, keyIds: number[], reason: string): FixDone {
    const why = reasonOf(reason);
    return this.fix(lineId, (line, now) => {
      if (!keyIds.length) throw new KeyDeskError('INVALID_INPUT', { lineId }, '请选择要索赔的卡密');
      const keys = this.chosen(line, keyIds, (k) => k.exclusive === 1 && ['delivered', 'redeemed', 'void'].includes(k.status), '还没有发出或不属于这一行，不能索赔');
      const claimed = stmt(this.d.sqlite, 'select 1 from key_claims where key_id = ?');
      for (const key of keys) {
        if (claimed.get(key.id)) throw new KeyDeskError('INVALID_INPUT', { lineId, keyId: key.id }, `卡密 ${this.label(key)} 已经索赔过，不能重复索赔`);
      }
      const file = stmt(this.d.sqlite, `insert into key_claims (key_id, batch_id, line_id, reason, state, created_at, updated_at) values (?, ?, ?, ?, 'filed', ?, ?)`);
      // A key already voided by a replacement keeps that reason: batch quality counts it as replaced too.
      const voidKey = stmt(this.d.sqlite, `update keys set status = 'void', void_reason = ?, updated_at = ? where id = ? and status in ('delivered', 'redeemed')`);
      for (const key of keys) {
        file.run(key.id, key.batch_id, line.id, why, now, now);
        voidKey.run(`${VOID_PREFIX.claim}${why}`, now, key.id);
      }
      const batches = [...new Set(keys.map((k) => k.batch_id))].join(',');
      return { record: { action: 'claim', reason: why, text: `向供应商索赔 ${keys.length} 张卡密`, summary: { keys: keys.length, keyIds: keys.map((k) => k.id).join(','), batches } }, message: `已登记索赔 ${keys.length} 张卡密（计入批次质量）` };
    });
  }

  /**
   * 处理完毕: clears the issue; an after-sales line is delivered again. A failed line was handled outside
   * KeyDesk: it counts as delivered and its keys never go back to stock (they may have been given by hand).
   * An out-of-stock line keeps waiting for stock: only the note is recorded.
   */
  resolve(lineId: number, reason: string): FixDone {
    const why = reasonOf(reason);
    return this.fix(lineId, (line, now) => {
      let message = '已处理完毕，已移出售后队列';
      if (line.status === 'after_sales' || line.status === 'failed') {
        stmt(this.d.sqlite, `update keys set status = 'delivered', updated_at = ? where id in (select key_id from line_keys where line_id = ? and exclusive = 1) and status = 'reserved'`).run(now, line.id);
        stmt(this.d.sqlite, `update order_lines set status = 'delivered', delivered_at = coalesce(delivered_at, ?), last_error = null, next_attempt_at = null, updated_at = ? where id = ?`)
          .run(now, now, line.id);
      } else if (line.status === 'out_of_stock' && line.issue === null) {
        message = '已记录；这一行仍在等待补货，补货后会自动按付款顺序发货';
      } else if (line.issue === null) {
        throw refused(line, '这一行没有待处理的售后问题');
      }
      if (line.issue !== null) this.setIssue(line.id, null, null);
      return { record: { action: 'resolve', reason: why, text: '店主标记处理完毕', summary: { from: line.status, issue: line.issue } }, message };
    });
  }

  private fix(lineId: number, body: (line: FixLine, now: number) => { record: Omit<RecordInput, 'actor'>; message: string }): FixDone {
    return this.d.sqlite.transaction(() => {
      const line = fixLine(this.d.sqlite, lineId);
      const out = body(line, this.d.clock.now());
      recordStep(this.d, 'aftersales', line, { ...out.record, actor: 'owner' });
      return { ok: true, message: out.message };
    }).immediate();
  }

  /** Keys the buyer holds (or will): not voided, not back in stock. */
  private live(lineId: number): TiedKey[] {
    return tiedKeys(this.d.sqlite, lineId).filter((k) => !KEY_GONE.has(k.status));
  }

  /** The keys a fix acts on: the ones asked for (each must pass `fits`), or every fitting key. */
  private chosen(line: FixLine, keyIds: number[] | undefined, fits: (k: TiedKey) => boolean, why: string): TiedKey[] {
    const tied = tiedKeys(this.d.sqlite, line.id);
    if (keyIds === undefined) return tied.filter(fits);
    const byId = new Map(tied.map((k) => [k.id, k]));
    return [...new Set(keyIds)].map((id) => {
      const key = byId.get(id);
      if (!key || !fits(key)) throw new KeyDeskError('INVALID_INPUT', { lineId: line.id, keyId: id }, `卡密 ${key ? this.label(key) : `#${id}`} ${why}`);
      return key;
    });
  }

  private label(key: TiedKey): string {
    return key.card_no ?? maskSecret(this.d.vault.decrypt(key.secret_sealed, keyAad(key.secret_index)));
  }

  private requeue(lineId: number): void {
    stmt(this.d.sqlite, `update order_lines set status = 'reserved', next_attempt_at = null, attempts = 0, last_error = null, updated_at = ? where id = ?`).run(this.d.clock.now(), lineId);
  }

  private setIssue(lineId: number, issue: FixLine['issue'], note: string | null): void {
    stmt(this.d.sqlite, 'update order_lines set issue = ?, issue_note = ?, updated_at = ? where id = ?').run(issue, note, this.d.clock.now(), lineId);
  }
}

/** The contract rejects an empty reason; callers inside the core (CLI, tests) get the same rule. */
function reasonOf(reason: string): string {
  const why = reason.trim();
  if (!why) throw new KeyDeskError('INVALID_INPUT', { field: 'reason' }, '请填写原因（会记入售后记录）');
  return why.slice(0, 200);
}
