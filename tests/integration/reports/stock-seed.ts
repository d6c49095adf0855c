// Test data for 库存周转, 供应商质量 and the exports: a core on a fixed clock, a batch imported the real way
// (sealed, with card numbers, so the tests know its plaintext secrets), batches from several suppliers,
// expiries on both sides of the 7 / 30-day edges, and a dozen order lines written with direct SQL (two
// shops, a combo, a swap, a pre-delivery void, claims, refunds, a failure, an unlinked line).
import { randomBytes, randomUUID } from 'node:crypto';
import { unlockedCore, expectOk } from '../../helpers/core.js';
import type { Core } from '../../../src-main/core/index.js';
import type { ImportOutcome } from '../../../src-shared/contract/index.js';

export const DAY = 86_400_000;
/** 2026-11-20 12:00 Beijing. */
export const NOW = Date.parse('2026-11-20T12:00:00+08:00');
export const at = (text: string): number => Date.parse(`${text}+08:00`);

export interface StockSeed {
  core: Core;
  shops: { taobao: number; pdd: number };
  products: { a: number; b: number; combo: number; direct: number; archived: number };
  batches: { a1: number; a2: number; b1: number; e1: number };
  /** Every secret imported, in clear: none may appear in an export. */
  secrets: string[];
  /** Card numbers per batch, in import order (the key ids follow the same order). */
  keys: Record<'a1' | 'a2' | 'b1' | 'e1', number[]>;
  lines: Record<string, number>;
}

function secretsFor(tag: string, n: number): { cards: string[]; secrets: string[] } {
  const cards = Array.from({ length: n }, (_, i) => `CARD-${tag}-${String(i).padStart(3, '0')}`);
  const secrets = Array.from({ length: n }, (_, i) => `SECRET${tag}${i}QX7W${(i * 7919 + tag.length).toString(36).toUpperCase()}`);
  return { cards, secrets };
}

/** `dataDir`: a folder the caller removes (the helpers' temp folders go after each test, this core lives for the file). */
export async function seedStock(dataDir: string): Promise<StockSeed> {
  const { core } = await unlockedCore({ dataDir, clock: { now: () => NOW } });
  const s = core.services;
  const db = s.sqlite;
  const save = async (input: Record<string, unknown>) => expectOk<{ id: number }>(await core.call('products.save', input)).id;
  const a = await save({ code: 'IQIYI-M', name: '爱奇艺月卡', priceFen: 1990 });
  const b = await save({ code: 'TX-M', name: '腾讯视频月卡', priceFen: 2500 });
  const combo = await save({ code: 'DUO', name: '影视双享', priceFen: 4990, type: 'combo', components: [{ productId: a, quantity: 1 }, { productId: b, quantity: 2 }] });
  const direct = await save({ code: 'PHONE', name: '话费直充', priceFen: 4980, type: 'direct' });
  const archived = await save({ code: 'OLD', name: '下架商品', priceFen: 100 });

  // One batch the real way (a worker seals it: seconds on a busy machine), the others with direct SQL
  // (sealed bytes nobody reads: the reports never decrypt, and there is no plaintext to leak).
  const made = secretsFor('A1', 14);
  const text = ['卡号,卡密', ...made.cards.map((c, i) => `${c},${made.secrets[i]}`)].join('\n');
  const imported = expectOk<ImportOutcome>(await core.call('inventory.import', {
    jobId: randomUUID(), source: { text }, productId: a, batch: { supplier: '甲供应商', unitCostFen: 1000, purchasedAt: NOW - 40 * DAY },
  }));
  const keyIds = (batchId: number) => (db.prepare('select id from keys where batch_id = ? order by id').all(batchId) as { id: number }[]).map((k) => k.id);
  const a1 = { batchId: imported.batchId!, ids: keyIds(imported.batchId!) };
  const addBatch = db.prepare('insert into batches (product_id, supplier, unit_cost_fen, purchased_at, created_at) values (?, ?, ?, ?, ?)');
  const addKey = db.prepare(`insert into keys (product_id, batch_id, card_no, secret_sealed, secret_index, status, created_at, updated_at) values (?, ?, ?, x'00', ?, 'available', ?, ?)`);
  const sqlBatch = (productId: number, supplier: string, unitCostFen: number, purchasedAt: number, n: number, cardTag?: string) =>
    db.transaction(() => {
      const batchId = Number(addBatch.run(productId, supplier, unitCostFen, purchasedAt, NOW).lastInsertRowid);
      for (let i = 0; i < n; i++) addKey.run(productId, batchId, cardTag ? `CARD-${cardTag}-${String(i).padStart(3, '0')}` : null, randomBytes(32), NOW, NOW);
      return { batchId, ids: keyIds(batchId) };
    }).immediate();
  const a2 = sqlBatch(a, '乙供应商', 1200, NOW - 5 * DAY, 8, 'A2');
  const b1 = sqlBatch(b, '', 500, NOW - 10 * DAY, 20);
  const e1 = sqlBatch(archived, '甲供应商', 100, NOW - 3 * DAY, 3, 'E1');
  const secrets = made.secrets;
  expectOk(await core.call('products.archive', { id: archived }));

  const now = NOW;
  const addShop = db.prepare(`insert into shops (platform, name, status, credentials_sealed, seal_key, app_key_masked, poll_seconds, cursor_at, settled_at, fee_rate_bp, created_at, updated_at)
    values (?, ?, 'paused', x'00', ?, '1234****', 60, 0, 0, ?, ?, ?)`);
  const addOrder = db.prepare(`insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_masked, created_at, updated_at)
    values (?, ?, 'X', ?, 0, ?, ?, '—', ?, ?)`);
  const addLine = db.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id,
      status, refund, paid_at, delivered_at, created_at, updated_at) values (?, ?, ?, ?, 'I', 'S', 'O', '测试商品', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const tie = db.prepare('insert into line_keys (line_id, key_id, exclusive, created_at) values (?, ?, 1, ?)');
  const setKey = db.prepare('update keys set status = ?, void_reason = ?, updated_at = ? where id = ?');
  const expire = db.prepare('update keys set expires_at = ? where id = ?');
  const claim = db.prepare(`insert into key_claims (key_id, batch_id, line_id, reason, state, created_at, updated_at) values (?, ?, ?, '坏卡', 'filed', ?, ?)`);

  const shops = { taobao: 0, pdd: 0 };
  const lines: Record<string, number> = {};
  let n = 0;
  db.transaction(() => {
    shops.taobao = Number(addShop.run('taobao', '淘宝一店', 'seal-stock-tb', 500, now, now).lastInsertRowid);
    shops.pdd = Number(addShop.run('pdd', '拼多多二店', 'seal-stock-pdd', 0, now, now).lastInsertRowid);
    /** One order of one line; `sent` keys go out (delivered), `voided` keys are tied but void. */
    const sell = (name: string, shopId: number, productId: number | null, paid: string | null, o: {
      qty?: number; price?: number; status?: string; refund?: string; delivered?: boolean; sent?: number[]; voided?: [number, string][];
    } = {}) => {
      const paidAt = paid === null ? null : at(paid);
      const status = o.status ?? 'delivered';
      const orderNo = `P${String(++n).padStart(4, '0')}`;
      const orderId = Number(addOrder.run(shopId, orderNo, paidAt === null ? 'unpaid' : 'paid', paidAt, paidAt ?? now, paidAt ?? now, paidAt ?? now).lastInsertRowid);
      const deliveredAt = o.delivered === false || paidAt === null ? null : status === 'delivered' || o.refund === 'refunded' ? paidAt + 30_000 : null;
      const lineId = Number(addLine.run(orderId, shopId, orderNo, `${orderNo}-1`, o.qty ?? 1, o.price ?? 1990, productId, status, o.refund ?? 'none', paidAt, deliveredAt, paidAt ?? now, paidAt ?? now).lastInsertRowid);
      for (const k of o.sent ?? []) {
        tie.run(lineId, k, now);
        setKey.run('delivered', null, now, k);
      }
      for (const [k, reason] of o.voided ?? []) {
        tie.run(lineId, k, now);
        setKey.run('void', reason, now, k);
      }
      lines[name] = lineId;
    };
    sell('early', shops.taobao, a, '2026-11-02T10:00:00', { sent: [a1.ids[6]!] });
    // Two keys sold, one of them swapped for a fresh one (换卡) and claimed back from the supplier.
    sell('swapped', shops.taobao, a, '2026-11-05T23:59:59', { qty: 2, sent: [a1.ids[8]!, a1.ids[11]!], voided: [[a1.ids[7]!, '换卡：买家说已被使用']] });
    claim.run(a1.ids[7]!, a1.batchId, lines.swapped!, now, now);
    // The pre-delivery check voided a used key and sent another.
    sell('checked', shops.pdd, a, '2026-11-10T08:00:00', { sent: [a2.ids[1]!], voided: [[a2.ids[2]!, '发货前检查：已被使用']] });
    sell('refundedAfter', shops.pdd, b, '2026-11-12T12:00:00', { price: 2500, status: 'refunded', refund: 'refunded', sent: [b1.ids[1]!] });
    claim.run(b1.ids[1]!, b1.batchId, lines.refundedAfter!, now, now);
    sell('combo', shops.taobao, combo, '2026-11-15T00:00:00', { price: 4990, sent: [a1.ids[9]!, b1.ids[2]!, b1.ids[3]!] });
    sell('combo2', shops.pdd, combo, '2026-11-16T09:00:00', { price: 4990, sent: [a2.ids[3]!, b1.ids[5]!, b1.ids[6]!] });
    sell('waiting', shops.taobao, a, '2026-11-18T10:00:00', { status: 'out_of_stock', delivered: false });
    sell('failed', shops.taobao, b, '2026-11-19T10:00:00', { price: 2500, status: 'failed', delivered: false });
    sell('refundedBefore', shops.pdd, b, '2026-11-16T10:00:00', { price: 2500, status: 'refunded', refund: 'refunded', delivered: false });
    sell('today', shops.taobao, a, '2026-11-20T11:00:00', { qty: 3, sent: [a1.ids[10]!, a1.ids[12]!, a1.ids[13]!] });
    sell('beforeRange', shops.taobao, a, '2026-10-20T10:00:00', { sent: [a2.ids[4]!] });
    sell('unlinked', shops.pdd, null, '2026-11-11T11:00:00', { price: 990, status: 'unmapped', delivered: false });
    sell('unpaid', shops.taobao, a, null, { status: 'waiting_payment', delivered: false });
    // Expiries of AVAILABLE keys around the edges: (now, now+7d] is 7, (now+7d, now+30d] is 30.
    expire.run(now, a1.ids[0]!); // already due: in neither
    expire.run(now + 1, a1.ids[1]!); // 7
    expire.run(now + 7 * DAY, a1.ids[2]!); // 7
    expire.run(now + 7 * DAY + 1, a1.ids[3]!); // 30
    expire.run(now + 30 * DAY, a1.ids[4]!); // 30
    expire.run(now + 30 * DAY + 1, a1.ids[5]!); // neither
    expire.run(now + 3 * DAY, a2.ids[0]!); // 7
    expire.run(now + 20 * DAY, b1.ids[0]!); // 30
    expire.run(now + 20 * DAY, b1.ids[4]!); // 30
    expire.run(now + 2 * DAY, b1.ids[1]!); // delivered: not stock
    expire.run(now + DAY, e1.ids[0]!); // archived product: not listed
  }).immediate();
  return {
    core, shops, products: { a, b, combo, direct, archived },
    batches: { a1: a1.batchId, a2: a2.batchId, b1: b1.batchId, e1: e1.batchId },
    secrets, keys: { a1: a1.ids, a2: a2.ids, b1: b1.ids, e1: e1.ids }, lines,
  };
}
