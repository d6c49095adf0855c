// The slow reference for 库存周转 and 供应商质量: plain JavaScript over every raw row (keys, line_keys,
// order_lines via referenceLines, batches, key_claims), never stock_counts or the sales roll-up.
import type Database from 'better-sqlite3';
import type { InventoryReport, SupplierReport } from '../../../src-shared/contract/index.js';
import { beijingDate, daysOf, inFilter, referenceLines, type RefFilter } from './reference.js';

const DAY = 86_400_000;
const NO_SUPPLIER = '未填写供应商';
const r4 = (v: number) => Math.round(v * 10_000) / 10_000;
const r1 = (v: number) => Math.round(v * 10) / 10;

interface Row { [column: string]: unknown }
const all = (sqlite: Database.Database, sql: string) => sqlite.prepare(sql).all() as Row[];
const num = (v: unknown) => v as number;
const str = (v: unknown) => v as string;

export function referenceInventory(sqlite: Database.Database, f: RefFilter, now: number): InventoryReport {
  const today = beijingDate(now);
  const end = f.to < today ? f.to : today;
  const rangeDays = f.from <= end ? daysOf(f.from, end).length : 1;
  const products = all(sqlite, `select * from products where type in ('card', 'combo') and archived_at is null order by id`)
    .filter((p) => !f.productIds?.length || f.productIds.includes(num(p.id)));
  const reusable = new Set(all(sqlite, 'select id from products where reusable = 1').map((p) => num(p.id)));
  const parts = all(sqlite, 'select * from product_components');
  const keys = all(sqlite, 'select * from keys');
  const batches = new Map(all(sqlite, 'select * from batches').map((b) => [num(b.id), b]));

  const sentKeys = new Map<number, number>();
  for (const l of referenceLines(sqlite).filter(inFilter({ ...f, productIds: [] }))) sentKeys.set(l.productId, (sentKeys.get(l.productId) ?? 0) + l.keys);
  const availableOf = (productId: number) => keys.filter((k) => num(k.product_id) === productId && k.status === 'available').length;
  const setSize = (comboId: number) => parts.filter((c) => num(c.combo_id) === comboId).reduce((n, c) => n + num(c.quantity), 0);

  const rows = products.map((p) => {
    const id = num(p.id);
    let available: number;
    let sold: number;
    if (p.type === 'combo') {
      const mine = parts.filter((c) => num(c.combo_id) === id && !reusable.has(num(c.component_id)));
      available = mine.length ? Math.min(...mine.map((c) => Math.floor(availableOf(num(c.component_id)) / num(c.quantity)))) : 0;
      sold = (sentKeys.get(id) ?? 0) / setSize(id);
    } else {
      available = availableOf(id);
      sold = (sentKeys.get(id) ?? 0) + parts.filter((c) => num(c.component_id) === id).reduce((n, c) => n + ((sentKeys.get(num(c.combo_id)) ?? 0) * num(c.quantity)) / setSize(num(c.combo_id)), 0);
    }
    sold = Math.round(sold);
    const rate = sold / rangeDays;
    return {
      productId: id, productName: str(p.name), available, sold, dailyRate: r4(rate),
      daysLeft: rate > 0 && !reusable.has(id) ? r1(available / rate) : null,
      turnover: available + sold > 0 ? r4(sold / (available + sold)) : 0,
    };
  }).sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.productId - b.productId);

  const cards = products.filter((p) => p.type === 'card');
  const from = Date.parse(`${f.from}T00:00:00+08:00`);
  const to = Date.parse(`${f.to}T00:00:00+08:00`) + DAY;
  const batchRows: InventoryReport['batches'] = [];
  for (const p of cards) {
    const mine = [...batches.values()].filter((b) => num(b.product_id) === num(p.id)).sort((x, y) => num(x.purchased_at) - num(y.purchased_at) || num(x.id) - num(y.id));
    for (const b of mine) {
      const ks = keys.filter((k) => num(k.batch_id) === num(b.id));
      const available = ks.filter((k) => k.status === 'available').length;
      const purchasedAt = num(b.purchased_at);
      if (available === 0 && !(purchasedAt >= from && purchasedAt < to)) continue;
      const sent = ks.filter((k) => k.status === 'delivered' || k.status === 'redeemed').length;
      const daysOnShelf = Math.max(0, Math.floor((now - purchasedAt) / DAY));
      const rate = sent / Math.max(1, daysOnShelf);
      batchRows.push({
        batchId: num(b.id), productId: num(p.id), productName: str(p.name), supplier: str(b.supplier) || NO_SUPPLIER, purchasedAt, unitCostFen: num(b.unit_cost_fen),
        total: ks.length, available, sent, sellThrough: ks.length ? r4(sent / ks.length) : 0, daysOnShelf, dailyRate: r4(rate),
        daysLeft: rate > 0 && !reusable.has(num(p.id)) ? r1(available / rate) : null,
      });
    }
  }

  const expiring: InventoryReport['expiring'] = [];
  for (const p of cards) {
    for (const within of [7, 30] as const) {
      const [lo, hi] = within === 7 ? [now, now + 7 * DAY] : [now + 7 * DAY, now + 30 * DAY];
      const hits = keys.filter((k) => num(k.product_id) === num(p.id) && k.status === 'available' && k.expires_at !== null && num(k.expires_at) > lo && num(k.expires_at) <= hi);
      for (const batchId of [...new Set(hits.map((k) => num(k.batch_id)))]) {
        const inBatch = hits.filter((k) => num(k.batch_id) === batchId);
        const b = batches.get(batchId)!;
        expiring.push({
          productId: num(p.id), productName: str(p.name), batchId, supplier: str(b.supplier) || NO_SUPPLIER, keys: inBatch.length,
          costFen: inBatch.length * num(b.unit_cost_fen), firstExpiresAt: Math.min(...inBatch.map((k) => num(k.expires_at))), within,
        });
      }
    }
  }
  expiring.sort((a, b) => a.within - b.within || a.firstExpiresAt - b.firstExpiresAt || a.batchId - b.batchId);
  return { products: rows, batches: batchRows, expiring, rangeDays };
}

const rate = (part: number, whole: number) => (whole ? r4(part / whole) : 0);

export function referenceSuppliers(sqlite: Database.Database, f: RefFilter): SupplierReport {
  const from = Date.parse(`${f.from}T00:00:00+08:00`);
  const to = Date.parse(`${f.to}T00:00:00+08:00`) + DAY;
  const names = new Map(all(sqlite, 'select id, name from products').map((p) => [num(p.id), str(p.name)]));
  const keys = all(sqlite, 'select * from keys');
  const tiedTo = new Map(all(sqlite, 'select lk.key_id, l.delivered_at from line_keys lk join order_lines l on l.id = lk.line_id where lk.exclusive = 1').map((r) => [num(r.key_id), r.delivered_at]));
  const claims = all(sqlite, 'select batch_id from key_claims');
  const batches = all(sqlite, 'select * from batches').filter((b) => num(b.purchased_at) >= from && num(b.purchased_at) < to && (!f.productIds?.length || f.productIds.includes(num(b.product_id))));
  const rows = batches.map((b) => {
    const ks = keys.filter((k) => num(k.batch_id) === num(b.id));
    const reason = (k: Row) => str(k.void_reason ?? '');
    const delivered = ks.filter((k) => k.status === 'delivered' || k.status === 'redeemed').length
      + ks.filter((k) => k.status === 'void' && tiedTo.get(num(k.id)) != null && !reason(k).startsWith('发货前检查：')).length;
    const claimCount = claims.filter((c) => num(c.batch_id) === num(b.id)).length;
    const replaced = ks.filter((k) => k.status === 'void' && (reason(k).startsWith('换卡：') || reason(k).startsWith('发货前检查：'))).length;
    return {
      batchId: num(b.id), productName: names.get(num(b.product_id))!, supplier: str(b.supplier) || NO_SUPPLIER, purchasedAt: num(b.purchased_at),
      delivered, claims: claimCount, replaced, claimRate: rate(claimCount, delivered), replaceRate: rate(replaced, delivered),
    };
  });
  const worst = (a: { claimRate: number; replaceRate: number; delivered: number }, b: typeof a) => b.claimRate - a.claimRate || b.replaceRate - a.replaceRate || b.delivered - a.delivered;
  rows.sort((a, b) => worst(a, b) || b.batchId - a.batchId);
  const suppliers = [...new Set(rows.map((r) => r.supplier))].map((supplier) => {
    const mine = rows.filter((r) => r.supplier === supplier);
    const sum = (k: 'delivered' | 'claims' | 'replaced') => mine.reduce((n, r) => n + r[k], 0);
    return { supplier, batches: mine.length, delivered: sum('delivered'), claims: sum('claims'), replaced: sum('replaced'), claimRate: rate(sum('claims'), sum('delivered')), replaceRate: rate(sum('replaced'), sum('delivered')) };
  }).sort((a, b) => worst(a, b) || a.supplier.localeCompare(b.supplier, 'zh-CN'));
  return { suppliers, batches: rows };
}
