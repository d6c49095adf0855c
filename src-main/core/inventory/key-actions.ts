import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Stock } from './stock.js';

/** Owner actions on single keys: reveal, void, restore. Each is audited with its change. */
export class KeyActions {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly stock: Stock,
    private readonly clock: Clock,
    private readonly audit: (e: AuditInput) => void,
  ) {}

  reveal(id: number, reason: string): { id: number; cardNo: string | null; secret: string } {
    const key = this.stock.secretOf(id);
    this.sqlite.transaction(() => {
      this.audit({ actor: 'owner', action: 'key.reveal', objectType: 'key', objectId: String(id), summary: { reason, cardNo: key.cardNo } });
    }).immediate();
    return { id: key.id, cardNo: key.cardNo, secret: key.secret };
  }

  /** Only keys still in stock can be voided; delivered ones go through after-sales (replace). */
  void(ids: number[], reason: string): { changed: number; skipped: number; productIds: number[] } {
    return this.change(ids, reason, 'available', 'void', 'key.void');
  }

  restore(ids: number[], reason: string): { changed: number; skipped: number; productIds: number[] } {
    return this.change(ids, reason, 'void', 'available', 'key.restore');
  }

  /**
   * Keys whose expiry day has passed leave the available pool as 已过期, so nothing can ever pick them;
   * one audit entry per sweep says how many.
   */
  expireDue(): { expired: number; productIds: number[] } {
    const now = this.clock.now();
    return this.sqlite.transaction(() => {
      const rows = this.sqlite
        .prepare("update keys set status = 'expired', updated_at = ? where status = 'available' and expires_at is not null and expires_at < ? returning product_id")
        .all(now, now) as { product_id: number }[];
      if (rows.length) this.audit({ actor: 'system', action: 'key.expire', objectType: 'key', summary: { expired: rows.length } });
      return { expired: rows.length, productIds: [...new Set(rows.map((r) => r.product_id))] };
    }).immediate();
  }

  private change(ids: number[], reason: string, from: string, to: string, action: string) {
    const now = this.clock.now();
    // A key voided on an order line (换卡, 索赔, 发货前检查) went to a buyer or is dead: it never goes back to stock
    // (it would also collide with its line_keys row when picked again). It counts as skipped.
    const guard = action === 'key.restore' ? ' and not exists (select 1 from line_keys lk where lk.key_id = keys.id and lk.exclusive = 1)' : '';
    const update = this.sqlite.prepare(`update keys set status = ?, void_reason = ?, updated_at = ? where id = ? and status = ?${guard} returning product_id`);
    return this.sqlite.transaction(() => {
      const products = new Set<number>();
      let changed = 0;
      for (const id of ids) {
        const row = update.get(to, to === 'void' ? reason : null, now, id, from) as { product_id: number } | undefined;
        if (!row) continue;
        changed++;
        products.add(row.product_id);
      }
      this.audit({ actor: 'owner', action, objectType: 'key', objectId: ids.length === 1 ? String(ids[0]) : null, summary: { reason, requested: ids.length, changed, firstId: ids[0] ?? null } });
      return { changed, skipped: ids.length - changed, productIds: [...products] };
    }).immediate();
  }
}
