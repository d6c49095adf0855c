// Swapping a line's keys for fresh ones: the only way a different key ever reaches a line. Used by the
// owner's 换卡 and by the pre-delivery check. Runs inside the caller's immediate transaction; picks first
// and writes after, so a shortage changes nothing.
import type Database from 'better-sqlite3';
import { stmt } from '../db/statements.js';
import { KeyPicker } from '../dispatch/key-picker.js';

/** Void reasons start with the step that voided the key: batch quality counts replacements by them. */
export const VOID_PREFIX = {
  replace: '换卡：',
  claim: '索赔：',
  preDelivery: '发货前检查：',
} as const;

export interface SwapLine {
  id: number;
  shop_id: number;
  paid_at: number | null;
}

export interface Shortage {
  productId: number;
  productName: string;
  needed: number;
  available: number;
}

export type SwapResult = { ok: true; fresh: number[] } | { ok: false; shortage: Shortage };

/**
 * Voids `old` (exclusive keys of the line) with `voidReason` and ties as many fresh keys of the same
 * products, picked by the dispatch rule (expiry, priority, batch pins of the line's shop and pay time).
 */
export function swapKeys(sqlite: Database.Database, line: SwapLine, old: { id: number; product_id: number }[], voidReason: string, now: number): SwapResult {
  if (!sqlite.inTransaction) throw new Error('swapKeys must run inside the fix transaction');
  const picker = new KeyPicker(sqlite);
  const ctx = { shopId: line.shop_id, paidAt: line.paid_at ?? now, now };
  const perProduct = new Map<number, number>();
  for (const key of old) perProduct.set(key.product_id, (perProduct.get(key.product_id) ?? 0) + 1);
  const fresh: number[] = [];
  for (const [productId, needed] of perProduct) {
    const picked = picker.pick(productId, needed, ctx);
    if (!picked) return { ok: false, shortage: shortageOf(sqlite, productId, needed) };
    fresh.push(...picked.map((k) => k.id));
  }
  const voidKey = stmt(sqlite, `update keys set status = 'void', void_reason = ?, updated_at = ? where id = ? and status in ('reserved', 'delivered', 'redeemed')`);
  for (const key of old) {
    if (voidKey.run(voidReason, now, key.id).changes !== 1) throw new Error(`swapKeys: key ${key.id} could not be voided`);
  }
  const reserve = stmt(sqlite, `update keys set status = 'reserved', updated_at = ? where id = ? and status = 'available'`);
  const tie = stmt(sqlite, 'insert into line_keys (line_id, key_id, exclusive, created_at) values (?, ?, 1, ?)');
  for (const id of fresh) {
    if (reserve.run(now, id).changes !== 1) throw new Error(`swapKeys: key ${id} was not available`);
    tie.run(line.id, id, now);
  }
  return { ok: true, fresh };
}

/** The owner's words for a shortage: 库存不足：需要 N 张「商品」，可用 M 张. */
export function shortageText(s: Shortage): string {
  const pinned = s.available >= s.needed ? '（可用的批次已过期，或限定了其他店铺/活动）' : '';
  return `库存不足：需要 ${s.needed} 张「${s.productName}」，可用 ${s.available} 张${pinned}，未做任何更改`;
}

function shortageOf(sqlite: Database.Database, productId: number, needed: number): Shortage {
  const product = stmt(sqlite, 'select name from products where id = ?').get(productId) as { name: string } | undefined;
  const { n } = stmt(sqlite, `select coalesce(sum(n), 0) as n from stock_counts where product_id = ? and status = 'available'`).get(productId) as { n: number };
  return { productId, productName: product?.name ?? `#${productId}`, needed, available: n };
}
