// The video portal over plain HTTP: sessions, the recharge form and its rules, history, redeem, card
// lookup and the control API, without faults.
import { describe, expect, it } from 'vitest';
import { CHINESE, DEMO, PORTAL, Tab, usePortal } from './harness.js';

const h = usePortal();

async function loggedIn(): Promise<Tab> {
  const tab = new Tab(h.base);
  expect((await tab.login()).status).toBe(302);
  return tab;
}

describe('video portal: sessions', () => {
  it('serves a Chinese login page and sets an HttpOnly session cookie scoped to the portal', async () => {
    const tab = new Tab(h.base);
    const page = await tab.get('/login');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('id="login-form"');
    expect(html).toContain(`action="/${PORTAL}/login"`);
    expect(html).not.toContain('captcha-box');

    const res = await tab.login();
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/${PORTAL}/recharge`);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^vp_session=[\\w-]+; Path=/${PORTAL}; HttpOnly`));
    const recharge = await (await tab.get('/recharge')).text();
    expect(recharge).toContain(`id="current-user" data-testid="current-user">${DEMO.username}<`);
    expect(recharge).toContain('¥1000.00');
    expect((await h.state()).sessions).toBe(1);
  });

  it('shows an error on a wrong password and does not log in', async () => {
    const tab = new Tab(h.base);
    const res = await tab.login(DEMO.username, 'wrong');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="login-error"');
    expect(html).toContain('账号或密码错误');
    expect(tab.cookie).toBeNull();
    expect((await h.state()).sessions).toBe(0);
  });

  it('redirects recharge and history to the login page when logged out, and records nothing', async () => {
    const tab = new Tab(h.base);
    for (const path of ['/recharge', '/history?account=13800138000']) {
      const res = await tab.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/${PORTAL}/login?next=${encodeURIComponent(`/${PORTAL}${path}`)}`);
    }
    const post = await tab.post('/recharge', { account: '13800138000', packageId: 'iqiyi-gold-month' });
    expect(post.status).toBe(302);
    expect(h.world.recharges).toEqual([]);
  });

  it('logs out: the old cookie no longer opens the recharge page', async () => {
    const tab = await loggedIn();
    const old = tab.cookie;
    const res = await tab.get('/logout');
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0');
    tab.cookie = old;
    expect((await tab.get('/recharge')).status).toBe(302);
  });

  it('never redirects a login outside the portal', async () => {
    const tab = new Tab(h.base);
    const res = await tab.post('/login', { username: DEMO.username, password: DEMO.password, next: 'https://evil.example/' });
    expect(res.headers.get('location')).toBe(`/${PORTAL}/recharge`);
  });
});

describe('video portal: recharge and history', () => {
  it('records a recharge once in the world, charges the balance and lists it in the history', async () => {
    const tab = await loggedIn();
    const form = await (await tab.get('/recharge')).text();
    for (const id of ['recharge-form', 'recharge-account', 'recharge-package', 'recharge-submit']) expect(form).toContain(`id="${id}"`);
    expect(form).toContain('<option value="iqiyi-gold-month">黄金会员月卡 ¥19.80</option>');

    const res = await tab.post('/recharge', { account: '13800138000', packageId: 'iqiyi-gold-month' });
    const html = await res.text();
    expect(html).toContain('充值成功');
    const orderNo = /id="order-no" data-testid="order-no">(VP\d{15})</.exec(html)?.[1];
    expect(orderNo).toMatch(/^VP20261206\d{7}$/);
    expect(h.world.recharges).toEqual([{ account: '13800138000', packageId: 'iqiyi-gold-month', source: 'portal', ref: orderNo, at: h.now }]);
    expect((await h.state()).accounts).toEqual([{ username: DEMO.username, balanceFen: DEMO.balanceFen - 1980 }]);

    h.now += 60_000;
    await tab.post('/recharge', { account: 'fan@example.com', packageId: 'iqiyi-platinum-month' });
    const all = await (await tab.get('/history')).text();
    const orders = [...all.matchAll(/data-order-no="(VP\d+)" data-account="([^"]+)"/g)].map((m) => m[2]);
    expect(orders).toEqual(['fan@example.com', '13800138000']);
    expect(all).toContain('<time datetime="2026-12-06T02:00:00.000Z">2026-12-06 10:00:00</time>');

    const filtered = await (await tab.get('/history?account=13800138000')).text();
    expect([...filtered.matchAll(/data-testid="history-row"/g)]).toHaveLength(1);
    expect(filtered).toContain(`data-order-no="${orderNo}"`);
    expect(await (await tab.get('/history?account=13900000000')).text()).toContain('id="history-empty"');
  });

  it('shows each portal account only its own history', async () => {
    await h.control('addAccount', { username: 'other', password: 'pw', balanceFen: 10_000 });
    const mine = await loggedIn();
    await mine.post('/recharge', { account: '13800138000', packageId: 'iqiyi-gold-month' });
    const other = new Tab(h.base);
    await other.login('other', 'pw');
    expect(await (await other.get('/history')).text()).toContain('暂无充值记录');
  });

  it.each([
    ['1234', 'iqiyi-gold-month', '充值账号格式不正确'],
    ['not-an-email@', 'iqiyi-gold-month', '充值账号格式不正确'],
    ['', 'iqiyi-gold-month', '请填写充值账号'],
    ['13800138000', 'netflix-month', '套餐不存在'],
  ])('refuses account %j / package %s without recording or charging', async (account, packageId, message) => {
    const tab = await loggedIn();
    const html = await (await tab.post('/recharge', { account, packageId })).text();
    expect(html).toContain('id="recharge-error"');
    expect(html).toContain(message);
    expect(h.world.recharges).toEqual([]);
    expect((await h.state()).accounts[0]?.balanceFen).toBe(DEMO.balanceFen);
  });

  it('refuses a recharge the balance cannot pay for', async () => {
    await h.control('addAccount', { username: 'poor', password: 'pw', balanceFen: 100 });
    const tab = new Tab(h.base);
    await tab.login('poor', 'pw');
    expect(await (await tab.post('/recharge', { account: '123456789', packageId: 'iqiyi-gold-month' })).text()).toContain('账户余额不足');
    expect(h.world.recharges).toEqual([]);
  });
});

describe('video portal: cards', () => {
  it('redeems a card once, then reports it used; unknown cards are refused', async () => {
    await h.registerCard('CARD-AAAA-0001');
    const tab = new Tab(h.base);
    const ok = await (await tab.post('/redeem', { secret: 'CARD-AAAA-0001', account: '13800138000' })).text();
    expect(ok).toContain('data-result="success"');
    expect(ok).toContain('兑换成功：黄金会员月卡 已开通到 138****8000');
    expect(h.world.card('CARD-AAAA-0001')).toMatchObject({ status: 'redeemed', redeemedBy: '13800138000', redeemedAt: h.now });

    expect(await (await tab.post('/redeem', { secret: 'CARD-AAAA-0001', account: '13800138000' })).text()).toContain('该卡密已被使用');
    expect(await (await tab.post('/redeem', { secret: 'NOPE', account: '13800138000' })).text()).toContain('卡密不存在');
    expect(await (await tab.post('/redeem', { secret: 'X', account: 'bad' })).text()).toContain('充值账号格式不正确');
  });

  it('looks up a card: 未使用, 已兑换 with time and masked account, 无效, 不存在 — secret masked', async () => {
    await h.registerCard('CARD-UNUSED-01');
    await h.registerCard('CARD-USED-0002');
    await h.registerCard('CARD-DEAD-0003', 'iqiyi-gold-month', 'invalid');
    h.world.redeem('CARD-USED-0002', 'fan@example.com', h.now);
    const tab = new Tab(h.base);
    const look = async (secret: string) => (await tab.post('/card-status', { secret })).text();

    const unused = await look('CARD-UNUSED-01');
    expect(unused).toContain('id="card-status-label" data-testid="card-status-label">未使用<');
    expect(unused).not.toContain('CARD-UNUSED-01');
    expect(unused).toContain('CARD****01');
    const used = await look('CARD-USED-0002');
    expect(used).toContain('>已兑换<');
    expect(used).toContain('f***@example.com');
    expect(used).toContain(`datetime="${new Date(h.now).toISOString()}"`);
    expect(await look('CARD-DEAD-0003')).toContain('>无效<');
    expect(await look('CARD-NONE-0004')).toContain('>不存在<');
  });
});

describe('video portal: control API', () => {
  it('validates bodies with Chinese messages and refuses duplicates', async () => {
    const bad = await h.control<{ error: { message: string } }>('addAccount', { username: '', password: 'x', balanceFen: -1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(CHINESE);
    expect(bad.json.error.message).toContain('余额不能为负数');
    const dup = await h.control<{ error: { message: string } }>('addAccount', { ...DEMO });
    expect(dup.status).toBe(409);
    const faults = await h.control<{ error: { message: string } }>('setFaults', { duplicateTrap: 2, layout: 'v3', typo: 1 });
    expect(faults.status).toBe(400);
    expect(faults.json.error.message).toMatch(/duplicateTrap.*0 到 1/);
    expect(faults.json.error.message).toContain('typo');
    expect((await h.control('explode', {})).status).toBe(404);
    await h.registerCard('CARD-ONCE-0001');
    expect((await h.control('registerCard', { secret: 'CARD-ONCE-0001', packageId: 'iqiyi-gold-month' })).status).toBe(409);
  });

  it('reset forgets everything and seeds the demo account again', async () => {
    await h.control('addAccount', { username: 'other', password: 'pw', balanceFen: 1 });
    const tab = await loggedIn();
    await tab.post('/recharge', { account: '13800138000', packageId: 'iqiyi-gold-month' });
    await h.setFaults({ layout: 'v2', captcha: 'always' });
    await fetch(`${h.sb.url}/_control/reset`, { method: 'POST' });
    const state = await h.state();
    expect(state).toMatchObject({ accounts: [{ username: DEMO.username, balanceFen: DEMO.balanceFen }], recharges: [], sessions: 0 });
    expect(state.faults).toMatchObject({ layout: 'v1', captcha: 'off' });
    expect(h.world.recharges).toEqual([]);
  });
});
