// The money reports' test data. A few lines go the production way on the 售后 desk (delivered, refunded
// after delivery, a key swapped through 换卡, a failed delivery); a few thousand more are written with
// direct SQL: 3 shops on 3 platforms with fee rates, 4 products (one a 直充 top-up with supplier cost)
// plus unlinked lines, 60 Beijing days with orders on both sides of midnight, every line status, buyers
// repeating across shops by their cross-shop identity, platform-only buyer ids, and 独立站 regions.
import { randomBytes } from 'node:crypto';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { expectOk } from '../../helpers/core.js';
import { openDesk, type Desk } from '../aftersales/desk.js';

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
export const PROVINCES = ['广东', '浙江', '北京', '四川'];

export interface Dataset {
  d: Desk;
  shops: { taobao: number; pdd: number; site: number };
  /** The desk's card product, two more card products, a 直充 product. */
  products: [number, number, number, number];
  /** A batch some SQL lines took keys from (its cost is changed later). */
  batchId: number;
  first: string;
  today: string;
  /** A day with orders at 00:00:00.000, 23:59:59.999 and just before its midnight on the day before. */
  midnightDay: string;
  buyerKeys: Buffer[];
  /** Lines that went the production way. */
  real: { delivered: number; refundedAfter: number; swapped: number; failed: number };
}

/** A seeded generator: the same shape of data on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dayText = (ms: number) => new Date(ms + BEIJING).toISOString().slice(0, 10);
const dayStartOf = (text: string) => Date.parse(`${text}T00:00:00Z`) - BEIJING;

async function realLines(d: Desk): Promise<Dataset['real']> {
  const s = d.core.services;
  const delivered = await d.delivered(2);
  const refundedAfter = await d.delivered();
  const orderNo = s.sqlite.prepare('select platform_order_id from order_lines where id = ?').pluck();
  const refunded = d.platform.orders.get(orderNo.get(refundedAfter) as string)!;
  d.platform.update(refunded.orderId, { lines: refunded.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
  await d.sync();
  const swapped = await d.delivered();
  d.desk.reportInvalid(swapped, '买家说卡密已被使用');
  d.platform.shipped.delete(s.sqlite.prepare('select platform_line_id from order_lines where id = ?').pluck().get(swapped) as string);
  d.desk.replace(swapped, '核实后换卡');
  await s.orders.outbox.idle();
  d.platform.failures.push(new ChannelError('give_up', '订单状态不允许发货'));
  const failed = await d.delivered();
  return { delivered, refundedAfter, swapped, failed };
}

export async function buildDataset(seed = 1): Promise<Dataset> {
  const d = await openDesk({ keys: Array.from({ length: 8 }, (_, i) => `REAL-KEY-${i}-${randomBytes(4).toString('hex')}`).join('\n') });
  const s = d.core.services;
  const db = s.sqlite;
  const real = await realLines(d);
  expectOk(await d.core.call('reports.setFeeRate', { shopId: d.shopId, rateBp: 60 }));

  const now = Date.now();
  const today = dayText(now);
  const first = dayText(now - 59 * DAY);
  const rand = rng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;

  const addShop = db.prepare(`insert into shops (platform, name, status, credentials_sealed, seal_key, app_key_masked, poll_seconds, cursor_at, settled_at, fee_rate_bp, created_at, updated_at)
    values (?, ?, 'paused', x'00', ?, '1234****', 60, 0, 0, ?, ?, ?)`);
  const addProduct = db.prepare(`insert into products (code, name, type, price_fen, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`);
  const addBatch = db.prepare(`insert into batches (product_id, supplier, unit_cost_fen, purchased_at, created_at) values (?, '测试供应商', ?, ?, ?)`);
  const addOrder = db.prepare(`insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_index, buyer_masked, created_at, updated_at)
    values (?, ?, 'X', ?, ?, ?, ?, ?, '—', ?, ?)`);
  const addSignals = db.prepare(`insert into order_signals (order_id, shop_id, platform, at, amount_fen, buyer_key, region) values (?, ?, ?, ?, ?, ?, ?)`);
  const addLine = db.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id,
      status, refund, paid_at, delivered_at, created_at, updated_at) values (?, ?, ?, ?, 'I', 'S', 'O', '测试商品', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const addKey = db.prepare(`insert into keys (product_id, batch_id, secret_sealed, secret_index, status, created_at, updated_at) values (?, ?, x'00', ?, ?, ?, ?)`);
  const addLineKey = db.prepare('insert into line_keys (line_id, key_id, exclusive, created_at) values (?, ?, 1, ?)');
  const addTopup = db.prepare(`insert into topup_attempts (line_id, attempt_no, route, customer_order_no, account_masked, state, cost_fen, started_at, updated_at)
    values (?, ?, 'supplier', ?, '138****0000', ?, ?, ?, ?)`);

  let shops!: Dataset['shops'];
  let products!: Dataset['products'];
  const batches = new Map<number, number[]>();
  const buyerKeys = Array.from({ length: 250 }, () => randomBytes(32));
  const buyerIndexes = Array.from({ length: 60 }, () => randomBytes(32));
  const midnightDay = dayText(now - 20 * DAY);
  let n = 0;
  db.transaction(() => {
    shops = {
      taobao: d.shopId,
      pdd: Number(addShop.run('pdd', '拼多多小店', 'seal-test-pdd', 100, now, now).lastInsertRowid),
      site: Number(addShop.run('site', '官网独立站', 'seal-test-site', 0, now, now).lastInsertRowid),
    };
    const product = (code: string, name: string, type: string, price: number) => Number(addProduct.run(code, name, type, price, now, now).lastInsertRowid);
    products = [d.productId, product('NETFLIX-Y', '奈飞年卡', 'card', 19_900), product('QQ-M', 'QQ 音乐月卡', 'card', 1500), product('PHONE-50', '话费 50 元直充', 'direct', 4980)];
    for (const [i, p] of products.slice(0, 3).entries()) batches.set(p, [Number(addBatch.run(p, 1000 + i * 700, now - 90 * DAY, now).lastInsertRowid), Number(addBatch.run(p, 1200 + i * 900, now - 30 * DAY, now).lastInsertRowid)]);

    const allShops: (readonly [number, 'taobao' | 'pdd' | 'site'])[] = [[shops.taobao, 'taobao'], [shops.pdd, 'pdd'], [shops.site, 'site']];
    const order = (at: number | null, shop: (typeof allShops)[number], lineCount: number) => {
      const [shopId, platform] = shop;
      const identity = rand();
      const orderId = Number(addOrder.run(shopId, `S${++n}`, at === null ? 'unpaid' : 'paid', 0, at, at ?? now, identity > 0.75 && identity < 0.9 ? pick(buyerIndexes) : null, at ?? now, at ?? now).lastInsertRowid);
      if (identity <= 0.75) addSignals.run(orderId, shopId, platform, at ?? now, 0, buyerKeys[Math.floor(buyerKeys.length * rand() ** 2)]!, platform === 'site' && rand() < 0.6 ? pick(PROVINCES) : null);
      for (let k = 0; k < lineCount; k++) line(orderId, shopId, at, k);
    };
    const line = (orderId: number, shopId: number, at: number | null, k: number) => {
      const r = rand();
      const unlinked = rand() < 0.03;
      const productId = unlinked ? null : pick(products);
      const topup = productId === products[3];
      const quantity = 1 + Math.floor(rand() * 3);
      const status = at === null ? 'waiting_payment' : unlinked ? 'unmapped'
        : r < 0.62 ? 'delivered' : r < 0.7 ? 'refunded' : r < 0.76 ? 'failed' : r < 0.82 ? (topup ? 'topping_up' : 'reserved') : r < 0.86 ? 'cancelled' : r < 0.9 ? 'after_sales' : r < 0.93 ? 'held' : 'delivered';
      const refundAfter = (status === 'delivered' || status === 'after_sales') && rand() < 0.1 ? 'refunded' : rand() < 0.05 ? 'requested' : 'none';
      const deliveredAt = at !== null && (status === 'delivered' || status === 'after_sales') && rand() < 0.9 ? at + 5_000 : null;
      const price = productId === null ? 990 : [1990, 19_900, 1500, 4980][products.indexOf(productId)]! - Math.floor(rand() * 3) * 100;
      const lineId = Number(addLine.run(orderId, shopId, `S${n}`, `S${n}-${k}`, quantity, price, productId, status, refundAfter, rand() < 0.2 ? null : at, deliveredAt, at ?? now, at ?? now).lastInsertRowid);
      if (productId === null || at === null) return;
      if (topup) {
        if (status === 'delivered' || status === 'failed' || status === 'after_sales') addTopup.run(lineId, 1, `T${lineId}-1`, status === 'failed' ? 'failed_refunded' : rand() < 0.3 ? 'failed' : 'success', 3900 * quantity, at, at);
        if (status === 'delivered') addTopup.run(lineId, 2, `T${lineId}-2`, rand() < 0.2 ? 'disputed' : 'success', 3950 * quantity, at, at);
      } else if (['delivered', 'after_sales', 'reserved'].includes(status)) {
        for (let q = 0; q < quantity; q++) {
          const keyId = Number(addKey.run(productId, pick(batches.get(productId)!), randomBytes(16), status === 'reserved' ? 'reserved' : 'delivered', at, at).lastInsertRowid);
          addLineKey.run(lineId, keyId, at);
        }
      }
    };

    for (let day = 59; day >= 1; day--) {
      const start = dayStartOf(dayText(now - day * DAY));
      for (let i = 0; i < 25; i++) order(start + Math.floor(rand() * DAY), pick(allShops), 1 + Math.floor(rand() * 3 * rand()));
    }
    const midnight = dayStartOf(midnightDay);
    for (const at of [midnight - 1, midnight, midnight + DAY - 1, midnight + DAY]) for (const shop of allShops) order(at, shop, 2);
    for (let i = 0; i < 15; i++) order(null, pick(allShops), 1);
  }).immediate();
  return { d, shops, products, batchId: batches.get(products[1])![0]!, first, today, midnightDay, buyerKeys, real };
}

/**
 * A shop polled late: an order of a known buyer, paid a day before the buyer's first order so far, arrives
 * now. It becomes the buyer's first order; the previous first order counts as returning. Returns its id.
 */
export function lateEarlierOrder(ds: Dataset): number {
  const db = ds.d.core.services.sqlite;
  const known = db.prepare(`select g.buyer_key as key, min(o.paid_at) as firstAt from order_signals g join orders o on o.id = g.order_id
    where o.paid_at is not null group by g.buyer_key having count(*) > 2 order by firstAt desc limit 1`).get() as { key: Buffer; firstAt: number };
  const at = known.firstAt - DAY;
  return db.transaction(() => {
    const orderId = Number(db.prepare(`insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_masked, created_at, updated_at)
      values (?, 'LATE-1', 'X', 'paid', 2990, ?, ?, '—', ?, ?)`).run(ds.shops.pdd, at, at, at, at).lastInsertRowid);
    db.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id, status, refund, paid_at,
        created_at, updated_at) values (?, ?, 'LATE-1', 'LATE-1-1', 'I', 'S', 'O', '测试商品', 1, 2990, ?, 'failed', 'none', ?, ?, ?)`).run(orderId, ds.shops.pdd, ds.products[2], at, at, at);
    db.prepare('insert into order_signals (order_id, shop_id, platform, at, amount_fen, buyer_key) values (?, ?, ?, ?, 2990, ?)').run(orderId, ds.shops.pdd, 'pdd', at, known.key);
    return orderId;
  }).immediate();
}
