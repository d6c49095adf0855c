// 库存周转: per product, how long the stock on hand lasts at the range's sales rate; per batch, how fast
// it sells; and the available keys expiring within 7 / 30 days with what they cost. Stock figures come
// from stock_counts (kept by triggers), sales from the daily roll-up, expiring keys from a range scan of
// keys_pick — never a scan of every key, so a million keys cost the same as a thousand.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../../../src-shared/contract/index.js';
import { addDays, DAY_MS, dayOf, dayStart, daysInRange } from '../../../src-shared/reports/days.js';
import { NO_SUPPLIER } from '../../../src-shared/reports/report-tables.js';
import { stmt } from '../db/statements.js';
import { ledgerFilter } from './money-filter.js';

type Input = ParsedInput<'reports.inventory'>;
type Output = MethodOutput<'reports.inventory'>;

interface ProductRow { id: number; name: string; type: 'card' | 'combo'; reusable: number }
interface ComponentRow { comboId: number; componentId: number; quantity: number }
interface CountRow { productId: number; batchId: number; status: string; n: number }
interface BatchRow { id: number; productId: number; supplier: string; purchasedAt: number; unitCostFen: number }
interface ExpiringRow { batchId: number; keys: number; first: number }

const r4 = (v: number): number => Math.round(v * 10_000) / 10_000;
const r1 = (v: number): number => Math.round(v * 10) / 10;
const ids = (list: number[]): string => JSON.stringify(list);

/**
 * Days the rate is measured over: the range, cut at today (days still to come have sold nothing yet),
 * at least one.
 */
export function rateDays(input: Pick<Input, 'from' | 'to'>, now: number): number {
  const end = input.to < dayOf(now) ? input.to : dayOf(now);
  return input.from <= end ? daysInRange(input.from, end) : 1;
}

export function inventoryReport(sqlite: Database.Database, input: Input, now: number): Output {
  const filtered = input.productIds && input.productIds.length > 0 ? ids(input.productIds) : null;
  const products = stmt(sqlite, `SELECT id, name, type, reusable FROM products
    WHERE type IN ('card', 'combo') AND archived_at IS NULL AND (? IS NULL OR id IN (SELECT value FROM json_each(?))) ORDER BY id`)
    .all(filtered, filtered) as ProductRow[];
  const rangeDays = rateDays(input, now);
  if (products.length === 0) return { products: [], batches: [], expiring: [], rangeDays };

  const components = stmt(sqlite, 'SELECT combo_id AS comboId, component_id AS componentId, quantity FROM product_components').all() as ComponentRow[];
  const partsOf = new Map<number, ComponentRow[]>();
  for (const c of components) partsOf.set(c.comboId, [...(partsOf.get(c.comboId) ?? []), c]);
  const setSize = (comboId: number) => (partsOf.get(comboId) ?? []).reduce((n, c) => n + c.quantity, 0);

  const counts = stmt(sqlite, 'SELECT product_id AS productId, batch_id AS batchId, status, n FROM stock_counts WHERE n > 0').all() as CountRow[];
  const available = new Map<number, number>();
  for (const c of counts) if (c.status === 'available') available.set(c.productId, (available.get(c.productId) ?? 0) + c.n);
  const reusable = new Set((stmt(sqlite, 'SELECT id FROM products WHERE reusable = 1').all() as { id: number }[]).map((r) => r.id));

  const sentKeys = keysSent(sqlite, input, products, components);
  const productRows = products.map((p) => {
    let onHand: number;
    let sold: number;
    if (p.type === 'combo') {
      // A combo is sold in sets of its components' keys; it lasts as long as its scarcest component.
      const parts = (partsOf.get(p.id) ?? []).filter((c) => !reusable.has(c.componentId));
      onHand = parts.length === 0 ? 0 : Math.min(...parts.map((c) => Math.floor((available.get(c.componentId) ?? 0) / c.quantity)));
      sold = setSize(p.id) > 0 ? (sentKeys.get(p.id) ?? 0) / setSize(p.id) : 0;
    } else {
      // A card product's keys also go out inside combos: their share of each combo's keys counts as sold.
      onHand = available.get(p.id) ?? 0;
      sold = sentKeys.get(p.id) ?? 0;
      for (const c of components) {
        if (c.componentId === p.id) sold += ((sentKeys.get(c.comboId) ?? 0) * c.quantity) / setSize(c.comboId);
      }
    }
    sold = Math.round(sold);
    const rate = sold / rangeDays;
    return {
      productId: p.id,
      productName: p.name,
      available: onHand,
      sold,
      dailyRate: r4(rate),
      // 循环卡密 is never used up, so it has no "days left".
      daysLeft: rate > 0 && p.reusable === 0 ? r1(onHand / rate) : null,
      turnover: onHand + sold > 0 ? r4(sold / (onHand + sold)) : 0,
    };
  });
  productRows.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.productId - b.productId);

  const cards = products.filter((p) => p.type === 'card');
  const names = new Map(products.map((p) => [p.id, p.name]));
  const batches = stmt(sqlite, `SELECT id, product_id AS productId, supplier, purchased_at AS purchasedAt, unit_cost_fen AS unitCostFen
    FROM batches WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id, purchased_at, id`).all(ids(cards.map((p) => p.id))) as BatchRow[];
  return {
    products: productRows,
    batches: batchTurnover(batches, counts, names, reusable, { from: dayStart(input.from), to: dayStart(addDays(input.to, 1)), now }),
    expiring: expiringStock(sqlite, cards, new Map(batches.map((b) => [b.id, b])), now),
    rangeDays,
  };
}

/** Keys sent in the range per product (the shop / platform filters apply), combos containing a listed product included. */
function keysSent(sqlite: Database.Database, input: Input, products: ProductRow[], components: ComponentRow[]): Map<number, number> {
  let productIds: number[] | undefined;
  if (input.productIds && input.productIds.length > 0) {
    const listed = new Set(products.map((p) => p.id));
    productIds = [...listed, ...components.filter((c) => listed.has(c.componentId)).map((c) => c.comboId)];
  }
  const f = ledgerFilter({ ...input, productIds }, 'd');
  const rows = stmt(sqlite, `SELECT d.product_id AS productId, sum(d.keys) AS keys FROM sales_daily d WHERE ${f.sql} GROUP BY d.product_id`).all(...f.params) as { productId: number; keys: number }[];
  return new Map(rows.map((r) => [r.productId, r.keys]));
}

/**
 * Batches still on the shelf, and those bought in the range. The rate is what the batch sent per day
 * on the shelf (cheap: a batch's keys do not record when each was sent).
 */
function batchTurnover(
  batches: BatchRow[], counts: CountRow[], names: Map<number, string>, reusable: Set<number>, range: { from: number; to: number; now: number },
): Output['batches'] {
  const per = new Map<number, { total: number; available: number; sent: number }>();
  for (const c of counts) {
    const b = per.get(c.batchId) ?? { total: 0, available: 0, sent: 0 };
    b.total += c.n;
    if (c.status === 'available') b.available += c.n;
    if (c.status === 'delivered' || c.status === 'redeemed') b.sent += c.n;
    per.set(c.batchId, b);
  }
  return batches
    .filter((b) => (per.get(b.id)?.available ?? 0) > 0 || (b.purchasedAt >= range.from && b.purchasedAt < range.to))
    .map((b) => {
      const n = per.get(b.id) ?? { total: 0, available: 0, sent: 0 };
      const daysOnShelf = Math.max(0, Math.floor((range.now - b.purchasedAt) / DAY_MS));
      const rate = n.sent / Math.max(1, daysOnShelf);
      return {
        batchId: b.id, productId: b.productId, productName: names.get(b.productId) ?? '', supplier: b.supplier || NO_SUPPLIER,
        purchasedAt: b.purchasedAt, unitCostFen: b.unitCostFen, total: n.total, available: n.available, sent: n.sent,
        sellThrough: n.total > 0 ? r4(n.sent / n.total) : 0, daysOnShelf, dailyRate: r4(rate),
        daysLeft: rate > 0 && !reusable.has(b.productId) ? r1(n.available / rate) : null,
      };
    });
}

/** Available keys expiring in (now, now+7d] and (now+7d, now+30d], per product × batch. */
function expiringStock(sqlite: Database.Database, cards: ProductRow[], batches: Map<number, BatchRow>, now: number): Output['expiring'] {
  const scan = stmt(sqlite, `SELECT batch_id AS batchId, count(*) AS keys, min(expires_at) AS first FROM keys
    WHERE product_id = ? AND status = 'available' AND expires_at > ? AND expires_at <= ? GROUP BY batch_id`);
  const out: Output['expiring'] = [];
  for (const p of cards) {
    for (const [within, from, to] of [[7, now, now + 7 * DAY_MS], [30, now + 7 * DAY_MS, now + 30 * DAY_MS]] as const) {
      for (const r of scan.all(p.id, from, to) as ExpiringRow[]) {
        const b = batches.get(r.batchId);
        out.push({
          productId: p.id, productName: p.name, batchId: r.batchId, supplier: b?.supplier || NO_SUPPLIER,
          keys: r.keys, costFen: r.keys * (b?.unitCostFen ?? 0), firstExpiresAt: r.first, within,
        });
      }
    }
  }
  return out.sort((a, b) => a.within - b.within || a.firstExpiresAt - b.firstExpiresAt || a.batchId - b.batchId);
}
