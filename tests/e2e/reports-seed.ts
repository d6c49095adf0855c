// Two months of sales history for the 报表 E2E test and its screenshots: four shops on four platforms,
// seven products, batches bought from four suppliers (one of them bad), buyers who come back across
// shops, refunds, dead-key claims with replacements, and keys about to expire. Products go in through
// the API; batches, keys, shops, orders, lines and what each line got are written straight into the
// data folder's database, the way imports, capture and dispatch leave them (an import through the API
// costs seconds each). Keys carry card numbers and sealed blobs no report opens: the 对账单 shows card
// numbers masked. The report triggers mark every line, and the first report call counts them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/core/index.js';
import type { PlatformName } from '../../src-shared/contract/index.js';
import { addDays, dayOf, dayStart } from '../../src-shared/reports/days.js';
import type { Session } from './harness.js';
import { api } from './topup.page.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 60;

export interface SeedShop { id: number; name: string; platform: PlatformName; feeRateBp: number }
export interface SeedProduct { id: number; code: string; name: string }
export interface Seed { shops: SeedShop[]; products: SeedProduct[]; lines: number }

const SHOPS: { name: string; platform: PlatformName; feeRateBp: number; ordersPerDay: number }[] = [
  { name: '星河数码专营店', platform: 'taobao', feeRateBp: 200, ordersPerDay: 9 },
  { name: '星河卡券小铺', platform: 'pdd', feeRateBp: 60, ordersPerDay: 7 },
  { name: '星河虚拟旗舰店', platform: 'doudian', feeRateBp: 300, ordersPerDay: 5 },
  { name: '星河会员官网', platform: 'site', feeRateBp: 0, ordersPerDay: 2 },
];

/** A batch sells from `from` days ago (bought the day before) until the next batch takes over. */
interface BatchPlan { supplier: string; costFen: number; from: number; expiresInDays?: number }
interface ProductPlan {
  code: string; name: string; priceFen: number; weight: number;
  /** Oldest first; the last one also holds what is left: `daysLeft` of sales at the recent rate. */
  batches: BatchPlan[];
  daysLeft: number;
}

const PRODUCTS: ProductPlan[] = [
  { code: 'IQIYI-M', name: '爱奇艺黄金会员月卡', priceFen: 1990, weight: 30, daysLeft: 38, batches: [{ supplier: '鼎盛卡券', costFen: 1500, from: 60 }, { supplier: '星耀批发', costFen: 1420, from: 27 }, { supplier: '鼎盛卡券', costFen: 1500, from: 12 }] },
  { code: 'TXV-M', name: '腾讯视频VIP会员月卡', priceFen: 2500, weight: 24, daysLeft: 26, batches: [{ supplier: '易充数码', costFen: 1950, from: 60 }, { supplier: '易充数码', costFen: 1950, from: 35 }, { supplier: '鼎盛卡券', costFen: 1980, from: 14 }] },
  { code: 'NCM-Q', name: '网易云音乐黑胶VIP季卡', priceFen: 4500, weight: 12, daysLeft: 11, batches: [{ supplier: '易充数码', costFen: 3600, from: 60 }, { supplier: '星耀批发', costFen: 3450, from: 26 }, { supplier: '易充数码', costFen: 3600, from: 6, expiresInDays: 5 }] },
  { code: 'XMLY-M', name: '喜马拉雅VIP会员月卡', priceFen: 1500, weight: 10, daysLeft: 4, batches: [{ supplier: '易充数码', costFen: 1000, from: 60 }, { supplier: '星耀批发', costFen: 950, from: 20 }] },
  { code: 'STEAM-100', name: 'Steam 钱包充值码 100 元', priceFen: 9600, weight: 8, daysLeft: 20, batches: [{ supplier: '环球点卡', costFen: 9150, from: 60 }, { supplier: '环球点卡', costFen: 9150, from: 18, expiresInDays: 24 }] },
  { code: 'YOUKU-Y', name: '优酷VIP会员年卡', priceFen: 12800, weight: 6, daysLeft: 55, batches: [{ supplier: '鼎盛卡券', costFen: 9800, from: 60 }, { supplier: '易充数码', costFen: 9900, from: 40 }] },
  { code: 'WPS-Y', name: 'WPS 超级会员年卡', priceFen: 8900, weight: 4, daysLeft: 9, batches: [{ supplier: '易充数码', costFen: 6200, from: 60, expiresInDays: 18 }] },
];

/** Share of keys from a batch that buyers report dead and the owner claims back: 星耀批发 is the bad one. */
const CLAIM_RATE: Record<string, number> = { 星耀批发: 0.1, 易充数码: 0.012, 鼎盛卡券: 0.005, 环球点卡: 0 };
/** A claim the supplier accepted but the buyer took a refund for instead: no new key. */
const CLAIM_WITHOUT_REPLACEMENT = 0.25;
/** Keys replaced at the buyer's word without a claim (a cheap key, not worth the supplier's form). */
const REPLACED_WITHOUT_CLAIM = 0.006;
const REGIONS = ['广东', '广东', '浙江', '江苏', '上海', '北京', '四川', '山东', '湖北', '福建', '河南'];
const NICKS = ['小', '阿', '大', '星', '月', '云', '木', '乐', '安', '橙'];

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What happened to a key after it was sent: claimed back and replaced, only claimed, or only replaced. */
type KeyTrouble = 'claimReplace' | 'claim' | 'replace';
interface PlannedLine { product: number; quantity: number; refund: 'none' | 'before' | 'after'; failed: boolean; trouble: KeyTrouble[] }
interface PlannedOrder { shop: number; paidAt: number; buyer: number | null; lines: PlannedLine[] }

/** Every order of the history, oldest first: busier at weekends and in the evening, growing over the two months. */
function planOrders(now: number, rand: () => number): PlannedOrder[] {
  const pick = (weights: number[]) => {
    let r = rand() * weights.reduce((a, b) => a + b, 0);
    return weights.findIndex((w) => (r -= w) < 0);
  };
  const today = dayOf(now);
  const orders: PlannedOrder[] = [];
  for (let back = HISTORY_DAYS - 1; back >= 0; back--) {
    const day = addDays(today, -back);
    const weekend = [0, 6].includes(new Date(Date.parse(day)).getUTCDay());
    const growth = 0.7 + 0.4 * ((HISTORY_DAYS - back) / HISTORY_DAYS);
    SHOPS.forEach((shop, s) => {
      const n = Math.round(shop.ordersPerDay * growth * (weekend ? 1.3 : 1) * (0.7 + rand() * 0.6));
      for (let i = 0; i < n; i++) {
        const hour = pick([1, 1, 0, 0, 0, 0, 1, 2, 3, 4, 4, 5, 6, 5, 4, 4, 4, 5, 6, 8, 10, 11, 9, 5]);
        const paidAt = dayStart(day) + hour * 3_600_000 + Math.floor(rand() * 3_600_000);
        if (paidAt > now - 60_000) continue;
        // Buyers come from one pool across shops, a few of them often: they are the returning ones.
        const buyer = rand() < 0.9 ? Math.floor(1500 * Math.pow(rand(), 2.4)) : null;
        const count = rand() < 0.08 ? 2 : 1;
        const lines = Array.from({ length: count }, (): PlannedLine => {
          const r = rand();
          return {
            product: pick(PRODUCTS.map((p) => p.weight)),
            quantity: rand() < 0.88 ? 1 : rand() < 0.85 ? 2 : 3,
            refund: r < 0.025 ? 'before' : r < 0.035 ? 'after' : 'none',
            failed: r > 0.995 && back > 2,
            trouble: [],
          };
        });
        orders.push({ shop: s, paidAt, buyer, lines });
      }
    });
  }
  return orders.sort((a, b) => a.paidAt - b.paidAt);
}

/** Which batch of its product a sale draws from: the newest one bought before it. */
const batchIndex = (plan: ProductPlan, paidAt: number, now: number): number =>
  Math.max(0, plan.batches.findLastIndex((b) => now - b.from * DAY <= paidAt));

/** Seeds the history; resolves when every row is written (the ledger counts them on the next report call). */
export async function seedReports(session: Session, now = Date.now()): Promise<Seed> {
  const rand = rng(20260501);
  const orders = planOrders(now, rand);

  // Keys each batch must hold: what its sales take (a replacement comes from the same batch), plus for
  // the newest batch the stock left at the last 14 days' rate; the older ones sold out.
  const need = PRODUCTS.map((p) => p.batches.map(() => 0));
  const recent = PRODUCTS.map(() => 0);
  for (const o of orders) {
    for (const l of o.lines) {
      if (l.refund === 'before' || l.failed) continue;
      const plan = PRODUCTS[l.product]!;
      const b = batchIndex(plan, o.paidAt, now);
      const rate = CLAIM_RATE[plan.batches[b]!.supplier] ?? 0;
      for (let k = 0; k < l.quantity; k++) {
        const r = rand();
        if (r < rate) l.trouble.push(rand() < CLAIM_WITHOUT_REPLACEMENT ? 'claim' : 'claimReplace');
        else if (r < rate + REPLACED_WITHOUT_CLAIM) l.trouble.push('replace');
      }
      need[l.product]![b]! += l.quantity + l.trouble.filter((x) => x !== 'claim').length;
      if (o.paidAt > now - 14 * DAY) recent[l.product]! += l.quantity;
    }
  }

  const products: SeedProduct[] = [];
  for (const plan of PRODUCTS) {
    const saved = await api(session, 'products.save', { code: plan.code, name: plan.name, priceFen: plan.priceFen, lowStockThreshold: 20 });
    products.push({ id: saved.id, code: plan.code, name: plan.name });
  }
  const db = new Database(join(session.dataDir, DATABASE_FILE));
  db.pragma('busy_timeout = 10000');
  try {
    const batchKeys: number[][][] = [];
    const shops: SeedShop[] = [];
    let lines = 0;
    db.transaction(() => {
      // Batches and their keys as an import leaves them; no report decrypts a key (the 对账单 shows card numbers).
      const insertBatch = db.prepare(`insert into batches (product_id, supplier, unit_cost_fen, purchased_at, expires_at, priority, note, created_at) values (?, ?, ?, ?, ?, 0, '', ?)`);
      const insertKey = db.prepare(`insert into keys (product_id, batch_id, card_no, secret_sealed, secret_index, status, expires_at, created_at, updated_at) values (?, ?, ?, ?, ?, 'available', ?, ?, ?)`);
      for (const [p, plan] of PRODUCTS.entries()) {
        batchKeys.push(plan.batches.map((batch, b) => {
          const last = b === plan.batches.length - 1;
          const total = need[p]![b]! + (last ? Math.round((recent[p]! / 14) * plan.daysLeft) : 0);
          const purchasedAt = now - (batch.from + 1) * DAY;
          const expiresAt = batch.expiresInDays === undefined ? null : now + batch.expiresInDays * DAY;
          const batchId = Number(insertBatch.run(products[p]!.id, batch.supplier, batch.costFen, purchasedAt, expiresAt, purchasedAt).lastInsertRowid);
          return Array.from({ length: total }, (_, k) => Number(insertKey.run(products[p]!.id, batchId, `${plan.code.slice(0, 3)}${dayOf(purchasedAt).replaceAll('-', '')}${String(k + 1).padStart(5, '0')}`,
            randomBytes(48), randomBytes(32), expiresAt, purchasedAt, purchasedAt).lastInsertRowid));
        }));
      }
      const insertShop = db.prepare(`insert into shops (platform, name, status, sandbox, credentials_sealed, seal_key, app_key_masked, poll_seconds, cursor_at, settled_at, fee_rate_bp, created_at, updated_at)
        values (?, ?, 'paused', 0, ?, ?, ?, 60, ?, ?, ?, ?, ?)`);
      for (const s of SHOPS) {
        const id = Number(insertShop.run(s.platform, s.name, Buffer.from('seeded shop: no credentials'), randomUUID(), '2160****18', now, now, s.feeRateBp, now - 70 * DAY, now).lastInsertRowid);
        shops.push({ id, name: s.name, platform: s.platform, feeRateBp: s.feeRateBp });
      }
      const insertOrder = db.prepare(`insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_index, buyer_masked, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const insertSignals = db.prepare('insert into order_signals (order_id, shop_id, platform, at, amount_fen, buyer_key, region) values (?, ?, ?, ?, ?, ?, ?)');
      const insertLine = db.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id, keys_needed,
        status, refund, paid_at, delivered_at, attempts, created_at, updated_at) values (?, ?, ?, ?, ?, '0', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`);
      const tieKey = db.prepare('insert into line_keys (line_id, key_id, exclusive, created_at) values (?, ?, 1, ?)');
      const sendKey = db.prepare(`update keys set status = 'delivered', refunded_at = ?, updated_at = ? where id = ?`);
      const voidKey = db.prepare(`update keys set status = 'void', void_reason = '换卡：买家反馈卡密无效', updated_at = ? where id = ?`);
      const claim = db.prepare(`insert into key_claims (key_id, batch_id, line_id, reason, state, created_at, updated_at) values (?, (select batch_id from keys where id = ?), ?, '买家反馈卡密无效', 'accepted', ?, ?)`);
      const next = PRODUCTS.map((p) => p.batches.map(() => 0));
      const takeKey = (product: number, batch: number) => batchKeys[product]![batch]![next[product]![batch]!++]!;

      orders.forEach((o, n) => {
        const shop = shops[o.shop]!;
        const platformOrderId = shop.platform === 'site' ? `S${dayOf(o.paidAt).replaceAll('-', '')}${String(n).padStart(6, '0')}` : `${3900000000000000 + n * 7919 + o.shop}`;
        const amount = o.lines.reduce((sum, l) => sum + PRODUCTS[l.product]!.priceFen * l.quantity, 0);
        const refunded = o.lines.every((l) => l.refund !== 'none');
        const buyerKey = o.buyer === null ? null : createHash('sha256').update(`buyer-${o.buyer}`).digest();
        const masked = o.buyer === null ? '—' : `${NICKS[o.buyer % NICKS.length]}**${o.buyer % 10}`;
        const orderId = Number(insertOrder.run(shop.id, platformOrderId, refunded ? 'TRADE_CLOSED' : 'TRADE_FINISHED', refunded ? 'closed' : 'done', amount, o.paidAt, o.paidAt, buyerKey, masked, o.paidAt, o.paidAt).lastInsertRowid);
        if (buyerKey) insertSignals.run(orderId, shop.id, shop.platform, o.paidAt, amount, buyerKey, shop.platform === 'site' ? REGIONS[o.buyer! % REGIONS.length]! : null);
        o.lines.forEach((l, i) => {
          const plan = PRODUCTS[l.product]!;
          const delivered = l.refund !== 'before' && !l.failed;
          const deliveredAt = delivered ? o.paidAt + 3_000 + Math.floor(rand() * 40_000) : null;
          const status = l.failed ? 'failed' : l.refund === 'none' ? 'delivered' : 'refunded';
          const lineId = Number(insertLine.run(orderId, shop.id, platformOrderId, `${platformOrderId}-${i + 1}`, `item-${plan.code}`, plan.code, `【自动发货】${plan.name}`,
            l.quantity, plan.priceFen, products[l.product]!.id, l.quantity, status, l.refund === 'none' ? 'none' : 'refunded', o.paidAt, deliveredAt, o.paidAt, deliveredAt ?? o.paidAt).lastInsertRowid);
          lines += 1;
          if (!delivered) return;
          const b = batchIndex(plan, o.paidAt, now);
          for (let k = 0; k < l.quantity; k++) {
            const key = takeKey(l.product, b);
            tieKey.run(lineId, key, deliveredAt);
            sendKey.run(l.refund === 'after' ? deliveredAt! + DAY : null, deliveredAt, key);
          }
          // Dead keys: claimed back from the supplier and / or replaced with another from the same batch.
          const sent = (db.prepare('select key_id as id from line_keys where line_id = ? order by key_id').all(lineId) as { id: number }[]).map((k) => k.id);
          l.trouble.forEach((trouble, k) => {
            const at = deliveredAt! + 3_600_000;
            if (trouble !== 'claim') {
              voidKey.run(at, sent[k]!);
              const fresh = takeKey(l.product, b);
              tieKey.run(lineId, fresh, at);
              sendKey.run(null, at, fresh);
            }
            if (trouble !== 'replace') claim.run(sent[k]!, sent[k]!, lineId, at, at);
          });
        });
      });
    }).immediate();
    return { shops, products, lines };
  } finally {
    db.close();
  }
}
