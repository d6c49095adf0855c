// The risk bench's data: N orders of history bulk-inserted (orders, order_signals, and lines for the last
// 30 days), identities drawn with a skew from pools of real values under real blind indexes, sealed
// signals where a backtest reads them, and fresh orders from the same pools for the hook to screen.
import { identitiesOf, indexText, maskPhone, signalsAad, type RawSignals } from '../../src-main/core/risk/identity.js';
import type { RiskInput } from '../../src-main/core/dispatch/risk-hook.js';
import type { CoreServices } from '../../src-main/core/index.js';
import type { PlatformName } from '../../src-shared/contract/index.js';

const DAY = 86_400_000;

export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A skewed pick: most orders come from a few buyers / IPs, like a real shop (and a NAT'd campus). */
const skewed = (rand: () => number, n: number): number => Math.min(n - 1, Math.floor(n * Math.pow(rand(), 2.5)));

export interface History {
  fresh: RiskInput[];
  /** Buyer keys to time the baseline query with. */
  sampleKeys: Buffer[];
}

export function buildHistory(s: CoreServices, o: {
  total: number; windowLines: number; fresh: number; now: number; shops: { id: number; platform: PlatformName }[]; productId: number; rand: () => number;
}): History {
  const { total, windowLines, now, shops, productId, rand } = o;
  const buyers = Array.from({ length: Math.max(1000, Math.floor(total / 4)) }, (_, i): RawSignals => ({
    id: `u${i}`, nick: `buyer_${i}`, phone: i % 2 ? `139${String(i).padStart(8, '0')}` : null, email: i % 3 === 0 ? `b${i}@${i % 30 ? 'qq.com' : 'temp-mail.com'}` : null,
    ip: null, device: null, message: null,
  }));
  const ips = Array.from({ length: Math.max(100, Math.floor(total / 20)) }, (_, i) => (i % 50 === 0 ? `2400:da00::${(i % 65535).toString(16)}` : `${1 + (i % 223)}.${(i >> 8) % 256}.${i % 256}.${(i * 7) % 256}`));
  const devices = Array.from({ length: Math.max(100, Math.floor(total / 8)) }, (_, i) => `DEV-${i.toString(36).toUpperCase()}-${(i * 2654435761) % 1e6}`);
  const index = (text: string) => s.vault.blindIndex(text);
  const buyerIds = buyers.map((b) => identitiesOf(b, 'taobao', index));
  const ipIds = ips.map((ip) => index(indexText('ip', ip)!));
  const deviceIds = devices.map((device) => index(indexText('device', device)!));

  // Bulk build: indexes dropped and rebuilt afterwards (a sort beats 1M random B-tree inserts), no fsync.
  s.sqlite.pragma('synchronous = OFF');
  s.sqlite.pragma('foreign_keys = OFF');
  const indexes = s.sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name in ('orders', 'order_signals') and sql is not null`).all() as { name: string; sql: string }[];
  for (const i of indexes) s.sqlite.exec(`drop index ${i.name}`);
  const insertOrder = s.sqlite.prepare(`insert into orders (id, shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_masked, created_at, updated_at)
    values (?, ?, ?, 'PAID', 'paid', ?, ?, ?, '—', ?, ?)`);
  const insertSignals = s.sqlite.prepare(`insert into order_signals (order_id, shop_id, platform, at, amount_fen, buyer_key, buyer_id_index, nick_index, phone_index, email_index, ip_index, device_index, signals_sealed, phone_masked)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLine = s.sqlite.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id, status, refund, paid_at, created_at, updated_at)
    values (?, ?, ?, ?, 'I', 'S', 'BENCH', '压测商品', 1, ?, ?, 'delivered', ?, ?, ?, ?)`);
  const historyStart = now - 365 * DAY;
  const windowStart = now - 30 * DAY;
  const older = total - windowLines;
  for (let done = 0; done < total; done += 50_000) {
    s.sqlite.transaction(() => {
      for (let i = done; i < Math.min(total, done + 50_000); i++) {
        const inWindow = i >= older;
        // Older history spread over 335 days, the last 30 days hold `windowLines` orders; ids follow time.
        const at = inWindow ? windowStart + Math.floor(((i - older) / windowLines) * (30 * DAY - 3_600_000)) : historyStart + Math.floor((i / older) * (335 * DAY));
        const shop = shops[i & 1]!;
        const b = skewed(rand, buyers.length);
        const ipIdx = rand() < 0.8 ? skewed(rand, ips.length) : -1;
        const devIdx = rand() < 0.6 ? skewed(rand, devices.length) : -1;
        const amount = rand() < 0.05 ? 25_000 : 1990;
        const id = i + 1;
        insertOrder.run(id, shop.id, `H${id}`, amount, at, at, at, at);
        const ids = buyerIds[b]!;
        const raw = buyers[b]!;
        // Only orders a backtest reads need their sealed signals.
        const sealed = inWindow ? s.vault.encrypt(JSON.stringify({ ...raw, ip: ipIdx >= 0 ? ips[ipIdx] : null, device: devIdx >= 0 ? devices[devIdx] : null }), signalsAad(id)) : null;
        insertSignals.run(id, shop.id, shop.platform, at, amount, ids.buyerKey, ids.buyerId, ids.nick, ids.phone, ids.email,
          ipIdx >= 0 ? ipIds[ipIdx] : null, devIdx >= 0 ? deviceIds[devIdx] : null, sealed, raw.phone ? maskPhone(raw.phone) : null);
        if (inWindow) insertLine.run(id, shop.id, `H${id}`, `H${id}-1`, amount, productId, rand() < 0.02 ? 'refunded' : 'none', at, at, at);
      }
    }).immediate();
  }
  for (const i of indexes) s.sqlite.exec(i.sql);
  s.sqlite.pragma('foreign_keys = ON');
  s.sqlite.pragma('synchronous = FULL');
  s.sqlite.exec('analyze');

  // Fresh orders arriving now, captured the production way (SignalStore.record), from the same pools.
  const fresh: RiskInput[] = [];
  s.sqlite.transaction(() => {
    for (let k = 0; k < o.fresh; k++) {
      const id = total + k + 1;
      const shop = shops[k & 1]!;
      const at = now - o.fresh + k;
      const raw = { ...buyers[skewed(rand, buyers.length)]!, ip: rand() < 0.8 ? ips[skewed(rand, ips.length)]! : null, device: rand() < 0.6 ? devices[skewed(rand, devices.length)]! : null };
      insertOrder.run(id, shop.id, `F${id}`, 1990, at, at, at, at);
      const lineId = Number(insertLine.run(id, shop.id, `F${id}`, `F${id}-1`, 1990, productId, 'none', at, at, at).lastInsertRowid);
      s.risk.signals.record(id, shop.id, shop.platform, { amountFen: 1990, buyer: {
        id: raw.id!, nick: raw.nick!, ...(raw.phone && { phone: raw.phone }), ...(raw.email && { email: raw.email }), ...(raw.ip && { ip: raw.ip }), ...(raw.device && { deviceId: raw.device }),
      } });
      fresh.push({ orderId: id, shopId: shop.id, platform: shop.platform, platformOrderId: `F${id}`, lineId, productId, quantity: 1, amountFen: 1990, paidAt: at, buyerIndex: null, riskFlags: [] });
    }
  }).immediate();
  const sampleKeys = Array.from({ length: o.fresh }, () => buyerIds[skewed(rand, buyers.length)]!.buyerKey!);
  return { fresh, sampleKeys };
}
