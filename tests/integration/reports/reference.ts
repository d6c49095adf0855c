// The slow reference for the money reports: plain JavaScript over the RAW tables (order_lines, orders,
// shops, products, line_keys, keys, batches, topup_attempts, order_signals), never the ledger tables
// (sales_lines, sales_daily, report_buyers), following the definitions in sales-ledger.ts's comments.
// Every function is plain and exported so other report tests can build on `referenceLines`.
import type Database from 'better-sqlite3';
import type { CustomerReport, HotReport, PlatformName, ProfitReport, ProfitRow, SourceRow } from '../../../src-shared/contract/index.js';
import { PLATFORM_TITLES } from '../../../src-shared/contract/index.js';

export interface RefFilter {
  from: string;
  to: string;
  platforms?: PlatformName[];
  shopIds?: number[];
  productIds?: number[];
}

/** One paid order line as the definitions make it. */
export interface RefLine {
  lineId: number;
  orderId: number;
  shopId: number;
  platform: PlatformName;
  productId: number;
  day: string;
  paidAt: number;
  outcome: 'delivered' | 'waiting' | 'failed' | 'refunded';
  units: number;
  keys: number;
  revenueFen: number;
  refundFen: number;
  costFen: number;
  feeFen: number;
  buyer: string | null;
  orderHead: boolean;
  firstOrder: boolean;
  region: string | null;
}

interface Row { [column: string]: unknown }
const all = (sqlite: Database.Database, sql: string) => sqlite.prepare(sql).all() as Row[];
const num = (v: unknown) => v as number;
const hex = (v: unknown) => (v as Buffer).toString('hex');

/** The Beijing calendar day of an instant, `YYYY-MM-DD` (UTC+8 all year). */
export function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Every paid order line, computed from the raw tables. */
export function referenceLines(sqlite: Database.Database): RefLine[] {
  const shops = new Map(all(sqlite, 'select id, platform, fee_rate_bp from shops').map((s) => [num(s.id), s]));
  const orders = new Map(all(sqlite, 'select id, shop_id, paid_at, buyer_index from orders').map((o) => [num(o.id), o]));
  const signals = new Map(all(sqlite, 'select order_id, buyer_key, region from order_signals').map((g) => [num(g.order_id), g]));
  const batchCost = new Map(all(sqlite, 'select id, unit_cost_fen from batches').map((b) => [num(b.id), num(b.unit_cost_fen)]));
  const keyBatch = new Map(all(sqlite, 'select id, batch_id from keys').map((k) => [num(k.id), num(k.batch_id)]));
  const lines = all(sqlite, 'select * from order_lines order by id');

  const keysOf = new Map<number, number[]>();
  for (const lk of all(sqlite, 'select line_id, key_id from line_keys')) {
    if (!keysOf.has(num(lk.line_id))) keysOf.set(num(lk.line_id), []);
    keysOf.get(num(lk.line_id))!.push(num(lk.key_id));
  }
  const topupCost = new Map<number, number>();
  for (const t of all(sqlite, 'select line_id, state, cost_fen from topup_attempts')) {
    if (t.state === 'success' || t.state === 'disputed') topupCost.set(num(t.line_id), (topupCost.get(num(t.line_id)) ?? 0) + ((t.cost_fen as number | null) ?? 0));
  }
  const headOf = new Map<number, number>();
  for (const l of lines) if (!headOf.has(num(l.order_id))) headOf.set(num(l.order_id), num(l.id));

  // The cross-shop buyer: the identity order_signals holds, else the platform's own buyer index.
  const buyerOf = (orderId: number): string | null => {
    const g = signals.get(orderId);
    if (g?.buyer_key) return `k:${hex(g.buyer_key)}`;
    const o = orders.get(orderId)!;
    return o.buyer_index ? `p:${String(shops.get(num(o.shop_id))!.platform)}:${hex(o.buyer_index)}` : null;
  };
  // Each buyer's first order: their earliest paid order anywhere (time, then id).
  const firstOf = new Map<string, { at: number; id: number }>();
  for (const o of orders.values()) {
    if (o.paid_at === null) continue;
    const b = buyerOf(num(o.id));
    if (b === null) continue;
    const known = firstOf.get(b);
    const at = num(o.paid_at);
    if (!known || at < known.at || (at === known.at && num(o.id) < known.id)) firstOf.set(b, { at, id: num(o.id) });
  }

  const out: RefLine[] = [];
  for (const l of lines) {
    const orderId = num(l.order_id);
    const paidAt = (l.paid_at as number | null) ?? (orders.get(orderId)!.paid_at as number | null);
    if (paidAt === null) continue;
    const shop = shops.get(num(l.shop_id))!;
    const revenueFen = num(l.price_fen) * num(l.quantity);
    const refunded = l.status === 'refunded' || l.status === 'cancelled' || l.refund === 'refunded';
    const refundFen = refunded ? revenueFen : 0;
    const delivered = l.delivered_at !== null || l.status === 'delivered' || l.status === 'after_sales';
    const keys = keysOf.get(num(l.id)) ?? [];
    const costFen = keys.reduce((sum, k) => sum + batchCost.get(keyBatch.get(k)!)!, 0) + (topupCost.get(num(l.id)) ?? 0);
    const buyer = buyerOf(orderId);
    out.push({
      lineId: num(l.id), orderId, shopId: num(l.shop_id), platform: shop.platform as PlatformName, productId: (l.product_id as number | null) ?? 0,
      day: beijingDate(paidAt), paidAt,
      outcome: delivered ? 'delivered' : refundFen > 0 ? 'refunded' : l.status === 'failed' ? 'failed' : 'waiting',
      units: num(l.quantity), keys: keys.length, revenueFen, refundFen, costFen,
      // The shop's rate on what was kept, rounded half up to the 分.
      feeFen: Math.floor(((revenueFen - refundFen) * num(shop.fee_rate_bp) + 5000) / 10_000),
      buyer, orderHead: headOf.get(orderId) === num(l.id), firstOrder: buyer !== null && firstOf.get(buyer)?.id === orderId,
      region: (signals.get(orderId)?.region as string | null | undefined) ?? null,
    });
  }
  return out;
}

export function inFilter(f: RefFilter): (l: RefLine) => boolean {
  return (l) => l.day >= f.from && l.day <= f.to
    && (!f.platforms?.length || f.platforms.includes(l.platform))
    && (!f.shopIds?.length || f.shopIds.includes(l.shopId))
    && (!f.productIds?.length || f.productIds.includes(l.productId));
}

interface Money { revenueFen: number; refundFen: number; costFen: number; feeFen: number; profitFen: number }
interface Group extends Money { lines: number; units: number }

function sum(lines: RefLine[]): Group {
  const g = { lines: 0, units: 0, revenueFen: 0, refundFen: 0, costFen: 0, feeFen: 0, profitFen: 0 };
  for (const l of lines) {
    g.lines += 1;
    g.units += l.units;
    g.revenueFen += l.revenueFen;
    g.refundFen += l.refundFen;
    g.costFen += l.costFen;
    g.feeFen += l.feeFen;
  }
  g.profitFen = g.revenueFen - g.refundFen - g.costFen - g.feeFen;
  return g;
}

function groupBy<K>(lines: RefLine[], key: (l: RefLine) => K): Map<K, RefLine[]> {
  const m = new Map<K, RefLine[]>();
  for (const l of lines) {
    const k = key(l);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(l);
  }
  return m;
}

const names = (sqlite: Database.Database, table: 'products' | 'shops') => new Map(all(sqlite, `select id, name from ${table}`).map((r) => [num(r.id), String(r.name)]));
const productLabel = (products: Map<number, string>, id: number) => (id === 0 ? '未关联商品' : products.get(id)!);

export function referenceHot(sqlite: Database.Database, lines: RefLine[], f: RefFilter & { sortBy: 'units' | 'revenue' | 'profit'; limit: number }): HotReport {
  const picked = lines.filter(inFilter(f));
  const products = names(sqlite, 'products');
  const rows = [...groupBy(picked, (l) => l.productId)].map(([productId, ls]) => {
    const { lines: n, units, ...money } = sum(ls);
    return { productId, productName: productLabel(products, productId), units, lines: n, ...money };
  });
  const value = (r: (typeof rows)[number]) => (f.sortBy === 'units' ? r.units : f.sortBy === 'revenue' ? r.revenueFen : r.profitFen);
  rows.sort((a, b) => value(b) - value(a) || a.productId - b.productId);
  const { lines: n, units, ...money } = sum(picked);
  return { rows: rows.slice(0, f.limit), totals: { units, lines: n, ...money } };
}

export function referenceProfit(sqlite: Database.Database, lines: RefLine[], f: RefFilter & { groupBy: 'day' | 'product' | 'shop' }): ProfitReport {
  const picked = lines.filter(inFilter(f));
  const row = (key: string, label: string, ls: RefLine[]): ProfitRow => ({ key, label, ...sum(ls) });
  let rows: ProfitRow[];
  if (f.groupBy === 'day') {
    const byDay = groupBy(picked, (l) => l.day);
    rows = daysOf(f.from, f.to).map((d) => row(d, d, byDay.get(d) ?? []));
  } else {
    const table = names(sqlite, f.groupBy === 'product' ? 'products' : 'shops');
    const id = (l: RefLine) => (f.groupBy === 'product' ? l.productId : l.shopId);
    rows = [...groupBy(picked, id)].map(([k, ls]) => row(String(k), f.groupBy === 'product' ? productLabel(table, k) : table.get(k)!, ls))
      .sort((a, b) => b.profitFen - a.profitFen || Number(a.key) - Number(b.key));
  }
  const { profitFen, ...rest } = sum(picked);
  return { groupBy: f.groupBy, rows, totals: { ...rest, profitFen } };
}

function source(ls: RefLine[]): Omit<SourceRow, 'key' | 'label' | 'platform'> {
  const buyers = new Set(ls.filter((l) => l.buyer !== null).map((l) => l.buyer));
  const fresh = new Set(ls.filter((l) => l.firstOrder).map((l) => l.buyer));
  const revenue = (which: RefLine[]) => which.reduce((n, l) => n + l.revenueFen, 0);
  return {
    orders: ls.filter((l) => l.orderHead).length, buyers: buyers.size, newBuyers: fresh.size, returningBuyers: buyers.size - fresh.size,
    revenueFen: revenue(ls), newRevenueFen: revenue(ls.filter((l) => l.firstOrder)), returningRevenueFen: revenue(ls.filter((l) => l.buyer !== null && !l.firstOrder)),
  };
}

const byRevenue = (a: SourceRow, b: SourceRow) => b.revenueFen - a.revenueFen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function referenceCustomers(sqlite: Database.Database, lines: RefLine[], f: RefFilter): CustomerReport {
  const picked = lines.filter(inFilter(f));
  const shops = names(sqlite, 'shops');
  const byPlatform = [...groupBy(picked, (l) => l.platform)].map(([p, ls]): SourceRow => ({ key: p, label: PLATFORM_TITLES[p], platform: p, ...source(ls) })).sort(byRevenue);
  const byShop = [...groupBy(picked, (l) => l.shopId)].map(([id, ls]): SourceRow => ({ key: String(id), label: shops.get(id)!, platform: ls[0]!.platform, ...source(ls) })).sort(byRevenue);
  const days = groupBy(picked, (l) => l.day);
  const byDay = daysOf(f.from, f.to).map((day) => {
    const heads = (days.get(day) ?? []).filter((l) => l.orderHead);
    return { day, newBuyers: heads.filter((l) => l.firstOrder).length, returningOrders: heads.filter((l) => l.buyer !== null && !l.firstOrder).length, orders: heads.length };
  });
  const byRegion = [...groupBy(picked.filter((l) => l.region !== null), (l) => l.region!)]
    .map(([region, ls]) => ({ region, orders: ls.filter((l) => l.orderHead).length, revenueFen: ls.reduce((n, l) => n + l.revenueFen, 0) }))
    .sort((a, b) => b.orders - a.orders || b.revenueFen - a.revenueFen || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  return { totals: source(picked), byPlatform, byShop, byDay, byRegion, withoutRegion: picked.filter((l) => l.orderHead && l.region === null).length };
}
