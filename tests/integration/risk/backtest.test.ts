// 试跑: the backtest's in-memory sliding windows against a slow, obviously-correct reference that asks
// the database the hook's own questions for every line, on a seeded history with ties, repeat buyers,
// shared IPs, unpaid and refunded lines, multi-line orders and list entries (one expired).
import { describe, expect, it } from 'vitest';
import { unlockedCore, expectOk } from '../../helpers/core.js';
import { FakePlatform, addFakeShop } from '../../helpers/fake-platform.js';
import { addProduct } from '../../helpers/inventory.js';
import { compileRule } from '../../../src-main/core/risk/engine.js';
import { dayNumberInShanghai, dayText } from '../../../src-main/core/risk/shanghai.js';
import { riskRuleDraft, type BacktestResult, type PlatformName, type RiskRuleDraft } from '../../../src-shared/contract/index.js';
import type { Core } from '../../../src-main/core/index.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2024, 5, 30, 4); // 2024-06-30 12:00 Beijing

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seedHistory(core: Core, orders: number): Promise<void> {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const shops: { id: number; platform: PlatformName }[] = [{ id: await addFakeShop(core, 'A'), platform: 'taobao' }];
  const pddShop = expectOk<{ id: number }>(await core.call('shops.add', { platform: 'pdd', name: 'B', credentials: { appKey: '12345678', appSecret: 'secret-secret' } })).id;
  shops.push({ id: pddShop, platform: 'pdd' });
  const products = [await addProduct(core, 'P1'), await addProduct(core, 'P2', { name: '腾讯视频月卡' })];
  const s = core.services;
  const insertOrder = s.sqlite.prepare(`insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_masked, risk_flags, created_at, updated_at)
    values (?, ?, 'X', ?, ?, ?, ?, '—', ?, ?, ?)`);
  const insertLine = s.sqlite.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id, status, refund, paid_at, created_at, updated_at)
    values (?, ?, ?, ?, 'I', 'S', '', '商品', ?, ?, ?, 'delivered', ?, ?, ?, ?)`);
  let at = NOW - 40 * DAY;
  let prevBuyer = 0;
  s.sqlite.transaction(() => {
    for (let i = 0; i < orders; i++) {
      // Bursts: a third of the orders share the previous order's moment (same-moment orders count in id order, like the hook);
      // some come exactly one window later (the window's edge is open on the left).
      const step = rand();
      if (step > 0.45) at += Math.floor(rand() * 240 * MINUTE);
      else if (step > 0.33) at += 60 * MINUTE;
      if (at > NOW) break;
      const shop = pick(shops);
      const paid = rand() > 0.05;
      const amount = pick([990, 1990, 5000, 25_000]);
      const flags = rand() < 0.05 ? JSON.stringify(['80000']) : null;
      const orderNo = `O${i}`;
      const orderId = Number(insertOrder.run(shop.id, orderNo, paid ? 'paid' : 'unpaid', amount, paid ? at : null, at, flags, at - (paid ? 60_000 : 0), at).lastInsertRowid);
      const lines = rand() < 0.15 ? 2 : 1;
      for (let l = 0; l < lines; l++) {
        insertLine.run(orderId, shop.id, orderNo, `${orderNo}-${l}`, 1 + Math.floor(rand() * 3), amount, pick(products), rand() < 0.1 ? 'refunded' : 'none', paid ? at : null, at, at);
      }
      const b = rand() < 0.25 ? prevBuyer : Math.floor(rand() * (20 + i / 6));
      prevBuyer = b;
      s.risk.signals.record(orderId, shop.id, shop.platform, {
        amountFen: amount,
        buyer: {
          nick: `buyer${b}`,
          ...(b % 3 === 0 && { phone: `1380000${String(b).padStart(4, '0')}` }),
          ...(b % 4 === 0 && { email: b % 8 === 0 ? `u${b}@temp-mail.com` : `u${b}@qq.com` }),
          ...(rand() < 0.7 && { ip: pick(['10.0.0.1', '10.0.0.2', '45.1.2.3', '8.8.8.8', '2001:db8::1', '2400:da00::6']) }),
          ...(rand() < 0.5 && { deviceId: `DEV-${b % 7}` }),
        },
      });
    }
  }).immediate();
  expectOk(await core.call('risk.lists.add', { list: 'black', subject: 'phone', value: '13800000003' }));
  expectOk(await core.call('risk.lists.add', { list: 'black', subject: 'ip', value: '45.0.0.0/8' }));
  expectOk(await core.call('risk.lists.add', { list: 'black', subject: 'buyer', value: 'buyer7' }));
  const expired = expectOk<{ id: number }>(await core.call('risk.lists.add', { list: 'black', subject: 'device', value: 'DEV-5' }));
  s.sqlite.prepare('update risk_list_entries set expires_at = ? where id = ?').run(NOW - 1, expired.id);
}

/** Every paid line of the window, one at a time, with the hook's SQL fact queries. */
function reference(core: Core, draft: RiskRuleDraft, days: number): Omit<BacktestResult, 'ms' | 'samples'> & { sampleIds: number[] } {
  const rule = compileRule({ id: 0, name: draft.name, mode: 'enforce', action: draft.action, score: draft.score, conditions: draft.conditions });
  const from = NOW - days * DAY;
  const lines = core.services.sqlite.prepare(`select l.id, l.order_id, l.quantity, l.price_fen, l.product_id, l.refund, sg.at, sg.shop_id, sg.platform, sg.amount_fen, o.risk_flags
    from order_lines l join order_signals sg on sg.order_id = l.order_id join orders o on o.id = l.order_id
    where sg.at >= ? and sg.at <= ? and l.paid_at is not null order by sg.at, sg.order_id, l.id`).all(from, NOW) as
    { id: number; order_id: number; quantity: number; price_fen: number; product_id: number; refund: string; at: number; shop_id: number; platform: PlatformName; amount_fen: number; risk_flags: string | null }[];
  const out = { days, linesScanned: lines.length, matched: 0, matchedAmountFen: 0, matchedRefunded: 0, missedRefunded: 0, byDay: [] as { day: string; matched: number }[], sampleIds: [] as number[] };
  const byDay = new Map<string, number>();
  for (const l of lines) {
    const { facts } = core.services.risk.facts.compute({
      orderId: l.order_id, shopId: l.shop_id, platform: l.platform, amountFen: l.amount_fen, quantity: l.quantity, productId: l.product_id,
      riskFlags: l.risk_flags ? (JSON.parse(l.risk_flags) as string[]) : [], paidAt: l.at,
    }, NOW);
    if (!rule.test(facts)) {
      if (l.refund === 'refunded') out.missedRefunded++;
      continue;
    }
    out.matched++;
    out.matchedAmountFen += l.price_fen * l.quantity;
    if (l.refund === 'refunded') out.matchedRefunded++;
    const day = dayText(dayNumberInShanghai(l.at));
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
    out.sampleIds.push(l.id);
  }
  out.byDay = [...byDay].sort().map(([day, matched]) => ({ day, matched }));
  out.sampleIds = out.sampleIds.slice(-50).reverse();
  return out;
}

const RULES: Record<string, unknown>[] = [
  { name: '同一买家 1 小时内超过 1 单', conditions: [{ field: 'velocity', subject: 'buyer', windowMinutes: 60, op: 'gt', count: 1 }] },
  { name: '同一 IP 一天 3 单以上的大单', conditions: [{ field: 'velocity', subject: 'ip', windowMinutes: 1440, op: 'gte', count: 3 }, { field: 'amount', op: 'gte', fen: 5000 }] },
  { name: '同一设备 30 天超过 2 单', conditions: [{ field: 'velocity', subject: 'device', windowMinutes: 43_200, op: 'gt', count: 2 }] },
  { name: '新买家', conditions: [{ field: 'new_buyer', value: true }] },
  { name: '老买家夜单', conditions: [{ field: 'new_buyer', value: false }, { field: 'hour', from: 22, to: 6 }] },
  { name: '黑名单', conditions: [{ field: 'list', list: 'black', subject: 'any' }] },
  { name: '黑名单设备（已过期）', conditions: [{ field: 'list', list: 'black', subject: 'device' }] },
  { name: '临时邮箱', conditions: [{ field: 'text', subject: 'email', op: 'matches', value: '@temp-mail\\.' }] },
  { name: '境外 IP', conditions: [{ field: 'ip', op: 'not_in', cidrs: ['10.0.0.0/8', '45.0.0.0/8', '2001:db8::/32'] }] },
  { name: '淘宝无手机号', conditions: [{ field: 'missing', subject: 'phone' }, { field: 'platform', platforms: ['taobao'] }] },
  { name: '平台标记', conditions: [{ field: 'risk_flag', flags: [] }] },
  { name: '商品 + 数量', conditions: [{ field: 'product', productIds: [2] }, { field: 'quantity', op: 'gte', value: 2 }, { field: 'shop', shopIds: [1] }] },
];

describe('risk backtest', () => {
  it('equals the slow reference for every kind of condition', async () => {
    const { core } = await unlockedCore({ clock: { now: () => NOW }, adapters: { taobao: new FakePlatform().adapter(), pdd: new FakePlatform().adapter() } });
    await seedHistory(core, 900);
    for (const [i, rule] of RULES.entries()) {
      const draft = riskRuleDraft.parse({ action: 'review', ...rule });
      const days = i % 3 === 0 ? 7 : 30;
      const got = expectOk<BacktestResult>(await core.call('risk.rules.backtest', { rule: draft, days }));
      const want = reference(core, draft, days);
      const { sampleIds, ...summary } = want;
      expect({ name: draft.name, ...got, ms: 0, samples: got.samples.map((x) => x.lineId) }).toEqual({ name: draft.name, ...summary, ms: 0, samples: sampleIds });
      expect(want.linesScanned).toBeGreaterThan(50);
    }
    // The rules above are not vacuous: each catches something and misses something.
    const counts = await Promise.all(RULES.map(async (rule) => expectOk<BacktestResult>(await core.call('risk.rules.backtest', { rule: riskRuleDraft.parse({ action: 'review', ...rule }), days: 30 }))));
    for (const [i, c] of counts.entries()) {
      if (i === 6) expect(c.matched, String(RULES[i]!.name)).toBe(0);
      else expect(c.matched, String(RULES[i]!.name)).toBeGreaterThan(0);
      expect(c.matched, String(RULES[i]!.name)).toBeLessThan(c.linesScanned);
    }
    const sample = counts[0]!.samples[0]!;
    expect(sample).toMatchObject({ shopName: expect.any(String), buyerMasked: '—', refunded: expect.any(Boolean) });
    core.close();
  });

  it('a bad draft is refused before anything runs', async () => {
    const { core } = await unlockedCore();
    const out = await core.call('risk.rules.backtest', { rule: { name: 'x', action: 'review', conditions: [{ field: 'text', subject: 'nick', op: 'matches', value: '*' }] }, days: 30 });
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ message: expect.stringMatching(/^第 1 个条件：正则表达式无效/) }] } } });
    core.close();
  });
});
