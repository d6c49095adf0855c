// The reports bench's data: N order lines over the last 365 days, bulk-inserted the way risk-bench-history
// does it (secondary indexes and the report triggers dropped during the build, 50,000 rows a transaction,
// no fsync): 6 shops on 4 platforms, 40 products (4 of them 直充 top-ups with supplier cost), a batch per
// product and quarter with keys tied to the card lines, ~300k buyers by cross-shop identity, regions on
// the 独立站 orders, refunds, failures and lines still waiting. Plus stock on hand, some expiring soon.
import type { CoreServices } from '../../src-main/core/index.js';
import type { PlatformName } from '../../src-shared/contract/index.js';
import { rng } from './risk-bench-history.js';

const DAY = 86_400_000;
const CHUNK = 50_000;
export const PRODUCTS = 40;
const TOPUP_PRODUCTS = 4;
const PROVINCES = ['广东', '浙江', '江苏', '北京', '上海', '四川', '山东', '湖北', '福建', '河南'];

export interface BenchShop {
  id: number;
  platform: PlatformName;
}

/** A skewed pick: a few products and buyers account for most orders, as in a real shop. */
const skewed = (rand: () => number, n: number, power: number): number => Math.min(n - 1, Math.floor(n * Math.pow(rand(), power)));

function bytes(prefix: number, n: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(prefix, 0);
  b.writeDoubleBE(n, 8);
  return b;
}

/** Products and their batches (one per product and quarter, cost drifting); returns batch ids per product and quarter. */
function products(s: CoreServices, now: number): number[][] {
  const insertProduct = s.sqlite.prepare(`insert into products (id, code, name, type, price_fen, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)`);
  const insertBatch = s.sqlite.prepare(`insert into batches (product_id, supplier, unit_cost_fen, purchased_at, expires_at, created_at) values (?, ?, ?, ?, ?, ?)`);
  const batches: number[][] = [];
  s.sqlite.transaction(() => {
    for (let p = 1; p <= PRODUCTS; p++) {
      const topup = p > PRODUCTS - TOPUP_PRODUCTS;
      insertProduct.run(p, `BENCH-${p}`, `${topup ? '直充' : '卡密'}商品 ${p}`, topup ? 'direct' : 'card', 990 + p * 250, now - 400 * DAY, now - 400 * DAY);
      const perQuarter: number[] = [];
      for (let q = 0; q < 5; q++) {
        const purchased = now - (380 - q * 90) * DAY;
        const cost = Math.round((990 + p * 250) * (0.6 + 0.05 * q));
        const expires = q === 4 ? now + (5 + (p % 30)) * DAY : null;
        perQuarter.push(Number(insertBatch.run(p, `供应商${1 + (p % 5)}`, cost, purchased, expires, purchased).lastInsertRowid));
      }
      batches.push(perQuarter);
    }
  }).immediate();
  return batches;
}

export function buildSales(s: CoreServices, o: { lines: number; now: number; shops: BenchShop[] }): { orders: number; lines: number; keys: number; buyers: number } {
  const { now, shops } = o;
  const rand = rng(11);
  const db = s.sqlite;
  const batches = products(s, now);
  const buyerCount = Math.max(1000, Math.round((o.lines * 3) / 10));
  const buyerKey = (b: number) => bytes(0xb0, b);

  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  const dropped = db.prepare(`select type, name, sql from sqlite_master where sql is not null and (
      (type = 'index' and tbl_name in ('orders', 'order_lines', 'keys', 'order_signals', 'topup_attempts'))
      or (type = 'trigger' and name like 'report_%'))`).all() as { type: string; name: string; sql: string }[];
  for (const d of dropped) db.exec(`drop ${d.type} ${d.name}`);
  const insertOrder = db.prepare(`insert into orders (id, shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_index, buyer_masked, created_at, updated_at)
    values (?, ?, ?, 'PAID', ?, ?, ?, ?, ?, '—', ?, ?)`);
  const insertSignals = db.prepare(`insert into order_signals (order_id, shop_id, platform, at, amount_fen, buyer_key, region) values (?, ?, ?, ?, ?, ?, ?)`);
  const insertLine = db.prepare(`insert into order_lines (id, order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id,
      keys_needed, status, refund, paid_at, delivered_at, created_at, updated_at) values (?, ?, ?, ?, ?, 'I', 'S', ?, '压测商品', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertKey = db.prepare(`insert into keys (id, product_id, batch_id, secret_sealed, secret_index, status, created_at, updated_at, refunded_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLineKey = db.prepare(`insert into line_keys (line_id, key_id, exclusive, created_at) values (?, ?, 1, ?)`);
  const insertTopup = db.prepare(`insert into topup_attempts (line_id, attempt_no, route, customer_order_no, account_masked, state, cost_fen, started_at, updated_at, finished_at)
    values (?, ?, 'supplier', ?, '138****0000', ?, ?, ?, ?, ?)`);
  const sealed = Buffer.alloc(60, 7);

  const start = now - 365 * DAY;
  let lineId = 0;
  let orderId = 0;
  let keyId = 0;
  while (lineId < o.lines) {
    db.transaction(() => {
      const end = Math.min(o.lines, lineId + CHUNK);
      while (lineId < end) {
        const id = ++orderId;
        // Ids follow time; the rate grows through the year like a growing shop.
        const at = start + Math.floor(Math.sqrt(lineId / o.lines) * 365 * DAY) + Math.floor(rand() * 60_000);
        const shop = shops[skewed(rand, shops.length, 1.5)]!;
        const buyer = skewed(rand, buyerCount, 1.8);
        const identity = rand();
        const closed = rand() < 0.02;
        const lineCount = rand() < 0.1 ? 2 : 1;
        let amount = 0;
        const lines: { product: number; quantity: number; price: number }[] = [];
        for (let k = 0; k < lineCount; k++) {
          const product = 1 + skewed(rand, PRODUCTS, 1.6);
          const quantity = rand() < 0.1 ? 2 : 1;
          const price = 990 + product * 250 + (rand() < 0.2 ? -100 : 0);
          lines.push({ product, quantity, price });
          amount += price * quantity;
        }
        insertOrder.run(id, shop.id, `B${id}`, closed ? 'closed' : 'done', amount, at, at + 60_000, identity > 0.9 && identity <= 0.97 ? bytes(0xa0, buyer) : null, at, at);
        if (identity <= 0.9) {
          const region = shop.platform === 'site' && rand() < 0.7 ? PROVINCES[skewed(rand, PROVINCES.length, 1.5)]! : null;
          insertSignals.run(id, shop.id, shop.platform, at, amount, buyerKey(buyer), region);
        }
        lines.forEach((l, k) => {
          const lid = ++lineId;
          const r = rand();
          const topup = l.product > PRODUCTS - TOPUP_PRODUCTS;
          // 93% delivered (2% of them refunded after delivery), 3% refunded before delivery, 2% failed, 2% waiting.
          const status = closed ? 'cancelled' : r < 0.93 ? 'delivered' : r < 0.96 ? 'refunded' : r < 0.98 ? 'failed' : topup ? 'topping_up' : 'reserved';
          const refundAfter = status === 'delivered' && rand() < 0.02;
          const deliveredAt = status === 'delivered' ? at + 2_000 + Math.floor(rand() * 30_000) : null;
          insertLine.run(lid, id, shop.id, `B${id}`, `B${id}-${k + 1}`, `BENCH-${l.product}`, l.quantity, l.price, l.product, topup ? null : l.quantity, status,
            refundAfter || status === 'refunded' ? 'refunded' : 'none', at, deliveredAt, at, deliveredAt ?? at);
          if (topup) {
            if (status === 'delivered' || status === 'failed') {
              const ok = status === 'delivered';
              insertTopup.run(lid, 1, `BT${lid}`, ok ? 'success' : 'failed_refunded', Math.round(l.price * 0.8) * l.quantity, at, deliveredAt ?? at, deliveredAt ?? at);
            }
          } else if (status === 'delivered' || status === 'reserved') {
            const batch = batches[l.product - 1]![Math.min(3, Math.floor((at - start) / (91.25 * DAY)))]!;
            for (let q = 0; q < l.quantity; q++) {
              const kid = ++keyId;
              insertKey.run(kid, l.product, batch, sealed, bytes(0xc0, kid), status === 'delivered' ? 'delivered' : 'reserved', at, at, refundAfter ? deliveredAt : null, null);
              insertLineKey.run(lid, kid, at);
            }
          }
        });
      }
    }).immediate();
  }
  // Stock on hand: available keys in each product's newest batch, some of them expiring within 30 days.
  db.transaction(() => {
    for (let p = 1; p <= PRODUCTS - TOPUP_PRODUCTS; p++) {
      const expires = now + (5 + (p % 30)) * DAY;
      for (let q = 0; q < 200 + p * 10; q++) {
        const kid = ++keyId;
        insertKey.run(kid, p, batches[p - 1]![4]!, sealed, bytes(0xc0, kid), 'available', now - DAY, now - DAY, null, expires);
      }
    }
  }).immediate();
  for (const d of dropped) db.exec(d.sql);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  // No ANALYZE: the app never runs it, and the query plans measured must be the ones a shop gets.
  return { orders: orderId, lines: lineId, keys: keyId, buyers: buyerCount };
}
