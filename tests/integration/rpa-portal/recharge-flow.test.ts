// The recharge flows in real Chromium against the sandbox portal. The outcome that matters: a buyer is
// topped up exactly once, whatever the portal does, and the owner is asked only when a person is needed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { videoPortalFindRecharge, videoPortalRecharge } from '../../../src-main/core/rpa/flows/index.js';
import type { PortalAccount } from '../../../src-main/core/rpa/types.js';
import { DEMO, PORTAL, usePortal } from './harness.js';
import { launchChromium, runFlow, type RunResult } from './runner.js';

const h = usePortal();
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
}, 6 * 60_000);
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

const account = (password: string = DEMO.password): PortalAccount => ({
  id: '1',
  portal: PORTAL,
  baseUrl: h.base,
  username: DEMO.username,
  password,
});
const BUYER = '13800138000';
const input = () => ({ account: BUYER, packageId: 'iqiyi-gold-month', notBefore: h.now });

function recharge(options: { password?: string; timeoutMs?: number; beforeStep?: (name: string) => Promise<void> | void } = {}) {
  return runFlow(videoPortalRecharge, { page, input: input(), account: account(options.password), ...options });
}

function expectNoSecrets(run: RunResult<unknown>, ...secrets: string[]): void {
  for (const secret of secrets) expect(run.notes.join('\n')).not.toContain(secret);
}

describe('videoPortalRecharge', () => {
  it('logs in, checks the history, fills the form and returns the portal order number', async () => {
    const run = await recharge();
    expect(run.status, JSON.stringify(run)).toBe('done');
    if (run.status !== 'done') return;
    expect(run.output).toEqual({ portalOrderNo: expect.stringMatching(/^VP\d{15}$/), reconciled: false, submitted: true });
    expect(run.steps).toEqual(['open-portal', 'ensure-login', 'check-history', 'open-recharge-form', 'fill-account', 'choose-package', 'submit', 'read-result']);
    expect(h.world.rechargesOf(BUYER)).toEqual([{ account: BUYER, packageId: 'iqiyi-gold-month', source: 'portal', ref: run.output.portalOrderNo, at: h.now }]);
    expect((await h.state()).accounts[0]?.balanceFen).toBe(DEMO.balanceFen - 1980);
    expectNoSecrets(run, DEMO.password);
  });

  it('a second run for the same order finds the recharge in the history and does not top up again', async () => {
    const order = input();
    const first = await runFlow(videoPortalRecharge, { page, input: order, account: account() });
    h.now += 5 * 60_000;
    const second = await runFlow(videoPortalRecharge, { page, input: order, account: account() });
    expect(second).toMatchObject({ status: 'done', output: { reconciled: true, submitted: false } });
    if (first.status !== 'done' || second.status !== 'done') throw new Error('both runs should finish');
    expect(second.output.portalOrderNo).toBe(first.output.portalOrderNo);
    expect(h.world.rechargesOf(BUYER)).toHaveLength(1);

    // A later order of the same buyer (notBefore after the first recharge) is a new top-up.
    const later = await runFlow(videoPortalRecharge, { page, input: { ...input(), notBefore: h.now }, account: account() });
    expect(later).toMatchObject({ status: 'done', output: { reconciled: false, submitted: true } });
    expect(h.world.rechargesOf(BUYER)).toHaveLength(2);
  });

  it('pauses for the owner when the login asks for a captcha, without submitting anything', async () => {
    await h.setFaults({ captcha: 'always' });
    const run = await recharge();
    expect(run.status).toBe('paused');
    if (run.status !== 'paused') return;
    expect(run.pause.reason).toBe('captcha');
    expect(run.pause.message).toBe('网站要求输入验证码，请在弹出的浏览器里完成登录');
    expect(h.world.recharges).toEqual([]);
  });

  it('pauses for the owner when the portal refuses the password', async () => {
    const run = await recharge({ password: 'wrong-password' });
    expect(run.status).toBe('paused');
    if (run.status !== 'paused') return;
    expect(run.pause.reason).toBe('login');
    expect(run.pause.message).toContain('账号或密码错误');
    expectNoSecrets(run, 'wrong-password');
  });

  it('logs in again when the session expired between runs and between steps', async () => {
    expect((await recharge()).status).toBe('done');
    await h.setFaults({ expireSessions: true });
    h.now += 60_000;
    const again = await runFlow(videoPortalRecharge, { page, input: { ...input(), account: 'fan@example.com' }, account: account() });
    expect(again).toMatchObject({ status: 'done', output: { submitted: true } });
    expect(again.notes).toContain(`已登录网站账号 ${DEMO.username}`);

    h.now += 60_000;
    const midway = await runFlow(videoPortalRecharge, {
      page,
      input: { ...input(), account: '123456789' },
      account: account(),
      beforeStep: (name) => (name === 'open-recharge-form' ? h.setFaults({ expireSessions: true }) : undefined),
    });
    expect(midway).toMatchObject({ status: 'done', output: { reconciled: false, submitted: true } });
    expect(midway.notes).toContain('网站登录已失效，重新登录');
    expect(h.world.doubleTopups()).toEqual([]);
    expect(h.world.recharges).toHaveLength(3);
  });

  it('does not re-submit when the portal answers 系统繁忙 after recording the recharge', async () => {
    await h.setFaults({ duplicateTrap: 1 });
    const run = await recharge();
    expect(run).toMatchObject({ status: 'done', output: { reconciled: true, submitted: true } });
    if (run.status !== 'done') return;
    expect(h.world.rechargesOf(BUYER)).toHaveLength(1);
    expect(run.output.portalOrderNo).toBe(h.world.recharges[0]?.ref);
    expect(run.notes).toContain('网站提示系统繁忙，到充值记录里核对');
  });

  it('does not re-submit when the portal never answers the submit', async () => {
    await h.setFaults({ duplicateTrap: 1, duplicateTrapStyle: 'hang', hangMs: 120_000 });
    const run = await recharge({ timeoutMs: 2_000 });
    expect(run).toMatchObject({ status: 'done', output: { reconciled: true, submitted: true } });
    expect(h.world.rechargesOf(BUYER)).toHaveLength(1);
  });

  it('an unclear submit that did not go through fails retryable, and the retry tops up exactly once', async () => {
    // The session dies just before the click: the portal answers the POST with its login page.
    const run = await recharge({ beforeStep: (name) => (name === 'submit' ? h.setFaults({ expireSessions: true }) : undefined) });
    expect(run.status).toBe('failed');
    if (run.status !== 'failed') return;
    expect(run.error).toMatchObject({ kind: 'unknown', retryable: true });
    expect(h.world.recharges).toEqual([]);

    const retry = await recharge();
    expect(retry).toMatchObject({ status: 'done', output: { reconciled: false, submitted: true } });
    expect(h.world.rechargesOf(BUYER)).toHaveLength(1);
  });

  it('fails as layout_changed, naming the missing element, when the recharge page was redesigned', async () => {
    await h.setFaults({ layout: 'v2' });
    const run = await recharge({ timeoutMs: 1_500 });
    expect(run.status).toBe('failed');
    if (run.status !== 'failed') return;
    expect(run.error).toMatchObject({ kind: 'layout_changed', retryable: false });
    expect(run.error.message).toBe('页面结构变了：找不到「充值账号」输入框');
    expect(run.steps.at(-1)).toBe('fill-account');
    expect(h.world.recharges).toEqual([]);
  });

  it('fails as rejected with the portal’s own words when the portal refuses the recharge', async () => {
    await h.setFaults({ rejectRate: 1 });
    const run = await recharge();
    expect(run.status).toBe('failed');
    if (run.status !== 'failed') return;
    expect(run.error).toMatchObject({ kind: 'rejected', retryable: false, message: '该账号暂时无法开通会员，请核对账号或联系客服' });
    expect(h.world.recharges).toEqual([]);

    await h.setFaults({ rejectRate: 0 });
    const badAccount = await runFlow(videoPortalRecharge, { page, input: { ...input(), account: '1234' }, account: account() });
    expect(badAccount).toMatchObject({ status: 'failed', error: { kind: 'rejected', message: '充值账号格式不正确：请填写手机号、QQ 号或邮箱' } });
  });
});

describe('videoPortalFindRecharge', () => {
  it('reads the history only: null before the recharge, the order number after', async () => {
    const before = await runFlow(videoPortalFindRecharge, { page, input: input(), account: account() });
    expect(before).toMatchObject({ status: 'done', output: { portalOrderNo: null } });
    const done = await recharge();
    if (done.status !== 'done') throw new Error('recharge should finish');
    const after = await runFlow(videoPortalFindRecharge, { page, input: input(), account: account() });
    expect(after).toMatchObject({ status: 'done', output: { portalOrderNo: done.output.portalOrderNo } });
    const otherPackage = await runFlow(videoPortalFindRecharge, { page, input: { ...input(), packageId: 'iqiyi-gold-year' }, account: account() });
    expect(otherPackage).toMatchObject({ status: 'done', output: { portalOrderNo: null } });
    expect(h.world.recharges).toHaveLength(1);
  });
});
