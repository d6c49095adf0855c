// Each portal fault over plain HTTP: what a client sees and what the world records.
import { describe, expect, it } from 'vitest';
import { DEMO, PORTAL, Tab, readCaptcha, usePortal } from './harness.js';

const h = usePortal();
const ORDER = { account: '13800138000', packageId: 'iqiyi-gold-month' };

async function loggedIn(): Promise<Tab> {
  const tab = new Tab(h.base);
  expect((await tab.login()).status).toBe(302);
  return tab;
}

describe('video portal faults: captcha', () => {
  it("'next' demands one captcha that a person can read from the picture, then logins are plain again", async () => {
    await h.setFaults({ captcha: 'next' });
    const tab = new Tab(h.base);
    const page = await (await tab.get('/login')).text();
    expect(page).toContain('id="captcha-box"');
    const challenge = readCaptcha(page);
    expect(challenge?.answer).toMatch(/^[A-Z3-9]{4}$/);
    // Not in the text a bot scrapes: the characters are drawn by CSS from attributes.
    expect(page.replace(/<[^>]+>/g, '')).not.toContain(challenge?.answer);

    const noAnswer = await tab.login();
    expect(noAnswer.status).toBe(200);
    expect(await noAnswer.text()).toContain('请输入验证码');

    const wrong = await tab.post('/login', { username: DEMO.username, password: DEMO.password, captchaId: challenge?.id ?? '', captcha: 'ZZZZ' });
    const retry = await wrong.text();
    expect(retry).toContain('验证码错误');
    const fresh = readCaptcha(retry);
    expect(fresh?.id).not.toBe(challenge?.id);

    // A used challenge cannot be replayed.
    const replay = await tab.post('/login', { username: DEMO.username, password: DEMO.password, captchaId: challenge?.id ?? '', captcha: challenge?.answer ?? '' });
    expect(replay.status).toBe(200);

    const solved = await tab.post('/login', { username: DEMO.username, password: DEMO.password, captchaId: fresh?.id ?? '', captcha: (fresh?.answer ?? '').toLowerCase() });
    expect(solved.status).toBe(302);
    expect((await h.state()).faults.captcha).toBe('off');
    expect((await new Tab(h.base).login()).status).toBe(302);
  });

  it("'always' demands a captcha on every login; a count demands it that many times", async () => {
    await h.setFaults({ captcha: 'always' });
    for (let i = 0; i < 2; i++) expect(await (await new Tab(h.base).login()).text()).toContain('请输入验证码');
    await h.setFaults({ captcha: 2 });
    expect((await h.state()).faults.captcha).toBe(2);
    await h.setFaults({ captcha: 'off' });
    expect((await new Tab(h.base).login()).status).toBe(302);
  });
});

describe('video portal faults: sessions', () => {
  it('expireSessions logs everyone out at once', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    const { json } = await h.control<{ expiredSessions: number }>('setFaults', { expireSessions: true });
    expect(json.expiredSessions).toBe(2);
    for (const tab of [a, b]) {
      const res = await tab.get('/history');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toContain(`/${PORTAL}/login?next=`);
    }
  });

  it('sessionTtlMs ends an idle session; activity keeps it alive', async () => {
    await h.setFaults({ sessionTtlMs: 60_000 });
    const tab = await loggedIn();
    h.now += 50_000;
    expect((await tab.get('/recharge')).status).toBe(200);
    h.now += 50_000;
    expect((await tab.get('/recharge')).status).toBe(200);
    h.now += 60_001;
    expect((await tab.get('/recharge')).status).toBe(302);
    expect((await h.state()).sessions).toBe(0);
  });
});

describe('video portal faults: recharge', () => {
  it('duplicateTrap answers 系统繁忙 although the recharge was recorded — a naive re-submit tops up twice', async () => {
    await h.setFaults({ duplicateTrap: 1 });
    const tab = await loggedIn();
    const busy = await (await tab.post('/recharge', ORDER)).text();
    expect(busy).toContain('id="busy-notice"');
    expect(busy).toContain('系统繁忙，请稍后重试');
    expect(h.world.rechargesOf(ORDER.account)).toHaveLength(1);
    // What the flow must find before it even thinks of submitting again:
    expect(await (await tab.get(`/history?account=${ORDER.account}`)).text()).toContain(`data-order-no="${h.world.recharges[0]?.ref}"`);

    await tab.post('/recharge', ORDER);
    expect(h.world.doubleTopups()).toEqual([{ ...ORDER, count: 2 }]);
  });

  it("duplicateTrap with style 'hang' records the recharge and leaves the client waiting", async () => {
    await h.setFaults({ duplicateTrap: 1, duplicateTrapStyle: 'hang', hangMs: 60_000 });
    const tab = await loggedIn();
    await expect(tab.post('/recharge', ORDER, { signal: AbortSignal.timeout(500) })).rejects.toThrow();
    expect(h.world.rechargesOf(ORDER.account)).toHaveLength(1);
  });

  it('rejectRate refuses with a message, records nothing and charges nothing', async () => {
    await h.setFaults({ rejectRate: 1 });
    const tab = await loggedIn();
    const html = await (await tab.post('/recharge', ORDER)).text();
    expect(html).toContain('该账号暂时无法开通会员，请核对账号或联系客服');
    expect(h.world.recharges).toEqual([]);
    expect((await h.state()).accounts[0]?.balanceFen).toBe(DEMO.balanceFen);
  });

  it('layout v2 changes ids and field names on the recharge pages; the server still takes the new form', async () => {
    await h.setFaults({ layout: 'v2' });
    const tab = await loggedIn();
    const form = await (await tab.get('/recharge')).text();
    expect(form).not.toContain('recharge-account');
    expect(form).toContain('name="target_uid"');
    const result = await (await tab.post('/recharge', { target_uid: ORDER.account, sku: ORDER.packageId })).text();
    expect(result).toContain('支付成功');
    expect(result).not.toContain('id="order-no"');
    expect(h.world.rechargesOf(ORDER.account)).toHaveLength(1);
    // History and login keep their v1 markup.
    expect(await (await tab.get('/history')).text()).toContain('id="history-table"');
  });

  it('slowMs delays every answer after doing the work', async () => {
    await h.setFaults({ slowMs: 400 });
    const tab = await loggedIn();
    const started = Date.now();
    await expect(tab.post('/recharge', ORDER, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(h.world.rechargesOf(ORDER.account)).toHaveLength(1);
    expect((await tab.get('/history')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
