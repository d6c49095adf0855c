// What a job ends as, and the evidence it leaves: screenshots, log, manifest, trace only when needed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowFailure, FlowPause } from '../../../src-main/core/rpa/types.js';
import { account, flow, startPortal, step, testEngine, type Portal } from './harness.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const isPng = (path: string) => readFileSync(path).subarray(0, 4).equals(PNG);
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8')) as { status: string; items: { screenshot: string; ok: boolean }[]; trace: string | null };

const recharge = (p: () => Portal) =>
  flow('demo-recharge', [
    step('open', '打开充值页', async ({ page }) => {
      await page.goto(`${p().url}/form`);
    }),
    step('fill-account', '填写充值账号', async ({ page }) => {
      await page.fill('#account', '13800000000');
    }),
    step('submit', '提交', async ({ page }, state) => {
      await page.click('#submit');
      state['order'] = (await page.textContent('#order')) ?? '';
    }),
  ]);

describe('RpaEngine results', () => {
  it('a flow that succeeds: done, one screenshot per step, log and manifest, no trace', async () => {
    const { engine, evidenceRoot } = await testEngine();
    const result = await engine.run({ id: 'topup-1', flow: recharge(() => portal), input: {}, account: account('1', portal.url) });

    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.output).toEqual({ order: expect.stringMatching(/^KD-\d+$/) });
    expect(result.attempts).toBe(1);
    expect(result.evidence.dir).toBe(join(evidenceRoot, 'topup-1', 'attempt-1'));
    expect(result.evidence.items.map((i) => [i.screenshot, i.ok])).toEqual([
      ['01-open.png', true],
      ['02-fill-account.png', true],
      ['03-submit.png', true],
    ]);
    for (const item of result.evidence.items) expect(isPng(join(result.evidence.dir, item.screenshot!))).toBe(true);
    expect(result.evidence.trace).toBeNull();
    expect(existsSync(join(result.evidence.dir, 'trace.zip'))).toBe(false);
    expect(manifest(result.evidence.dir)).toMatchObject({ status: 'done', trace: null });
    expect(readFileSync(join(result.evidence.dir, 'log.txt'), 'utf8')).toContain('第 3 步完成');
  });

  it('a changed layout fails at once: the failing step has its screenshot, the trace is kept', async () => {
    const { engine } = await testEngine();
    const changed = flow('demo-layout', [
      step('open', '打开充值页', async ({ page }) => {
        await page.goto(`${portal.url}/form`);
      }),
      step('find-button', '找到立即充值按钮', async ({ page }) => {
        if ((await page.locator('#buy-now').count()) === 0) throw new FlowFailure('layout_changed', '页面改版：找不到「立即充值」按钮', false);
      }),
    ]);
    const result = await engine.run({ id: 'topup-2', flow: changed, input: {}, account: account('1', portal.url) });

    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.error).toMatchObject({ kind: 'layout_changed', retryable: false });
    expect(result.attempts).toBe(1);
    expect(result.evidence.items.at(-1)).toMatchObject({ step: 'find-button', screenshot: '02-find-button.png', ok: false });
    expect(isPng(join(result.evidence.dir, '02-find-button.png'))).toBe(true);
    expect(result.evidence.trace).toBe('trace.zip');
    expect(readFileSync(join(result.evidence.dir, 'trace.zip')).subarray(0, 2).toString()).toBe('PK');
    expect(manifest(result.evidence.dir)).toMatchObject({ status: 'failed', trace: 'trace.zip' });
  });

  it('a retryable failure that passes on the second attempt: done, attempts 2, attempt 1 evidence kept', async () => {
    const { engine, evidenceRoot } = await testEngine();
    let runs = 0;
    const flaky = flow('demo-flaky', [
      step('open', '打开首页', async ({ page }) => {
        await page.goto(portal.url);
        runs++;
        if (runs === 1) throw new FlowFailure('network', '网络波动，页面没有加载完', true);
      }),
    ]);
    const result = await engine.run({ id: 'topup-3', flow: flaky, input: {}, account: account('1', portal.url) });

    expect(result).toMatchObject({ status: 'done', attempts: 2 });
    expect(result.evidence.dir).toBe(join(evidenceRoot, 'topup-3', 'attempt-2'));
    expect(result.evidence.trace).toBeNull();
    const first = join(evidenceRoot, 'topup-3', 'attempt-1');
    expect(manifest(first)).toMatchObject({ status: 'failed', trace: 'trace.zip', items: [{ screenshot: '01-open.png', ok: false }] });
    expect(existsSync(join(first, 'trace.zip'))).toBe(true);
    expect(isPng(join(first, '01-open.png'))).toBe(true);
  });

  it('a captcha pauses the job without retrying, with a trace, and marks the account for the owner', async () => {
    const { engine } = await testEngine();
    const captcha = flow('demo-captcha', [
      step('open', '打开首页', async ({ page }) => {
        await page.goto(portal.url);
        throw new FlowPause('captcha', '网站要求输入验证码，请接管浏览器完成验证');
      }),
    ]);
    const result = await engine.run({ id: 'topup-4', flow: captcha, input: {}, account: account('7', portal.url) });

    expect(result).toMatchObject({ status: 'paused', reason: 'captcha', message: '网站要求输入验证码，请接管浏览器完成验证', attempts: 1 });
    expect(result.evidence.trace).toBe('trace.zip');
    expect(existsSync(join(result.evidence.dir, 'trace.zip'))).toBe(true);
    expect(engine.stats().pausedAccounts).toEqual(['7']);
  });

  it('a step that times out is retried up to maxAttempts, then fails as a timeout naming the step', async () => {
    const { engine, evidenceRoot } = await testEngine({ maxAttempts: 2 });
    const slow = flow('demo-timeout', [
      step('open', '打开首页', async ({ page }) => {
        await page.goto(portal.url);
      }),
      step('click-missing', '点击充值按钮', async ({ page }) => {
        await page.click('#never-there');
      }, 400),
    ]);
    const result = await engine.run({ id: 'topup-5', flow: slow, input: {}, account: account('1', portal.url) });

    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.attempts).toBe(2);
    expect(result.error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(result.error.message).toContain('「点击充值按钮」超时');
    expect(readdirSync(join(evidenceRoot, 'topup-5')).sort()).toEqual(['attempt-1', 'attempt-2']);
    for (const n of [1, 2]) {
      const dir = join(evidenceRoot, 'topup-5', `attempt-${n}`);
      expect(existsSync(join(dir, 'trace.zip'))).toBe(true);
      expect(isPng(join(dir, '02-click-missing.png'))).toBe(true);
    }
  });

  it('a browser that does not start fails at once with a Chinese hint, and leaves a log', async () => {
    const { engine } = await testEngine({ browser: { executablePath: '/nonexistent/chrome' } });
    const result = await engine.run({ id: 'topup-6', flow: recharge(() => portal), input: {}, account: account('1', portal.url) });

    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.attempts).toBe(1);
    expect(result.error).toMatchObject({ kind: 'unknown', retryable: false });
    expect(result.error.message).toMatch(/^无法启动浏览器：.*（请在设置里选择浏览器路径）$/);
    expect(readFileSync(join(result.evidence.dir, 'log.txt'), 'utf8')).toContain('无法启动浏览器');
  });
});
