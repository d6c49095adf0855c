// One persistent profile per portal account: cookies survive, one job per account at a time, the owner
// can take the browser over, and a second engine (another KeyDesk process) cannot open a profile in use.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueClosedError } from '../../../src-main/core/rpa/queue.js';
import { account, flow, startPortal, step, testEngine, type Portal } from './harness.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal.close());

const whoami = () =>
  flow('demo-whoami', [
    step('whoami', '查看登录状态', async ({ page }, state) => {
      await page.goto(`${portal.url}/whoami`);
      state['who'] = (await page.textContent('#who')) ?? '';
    }),
  ]);

const login = (sid: string) =>
  flow('demo-login', [
    step('login', '登录', async ({ page }) => {
      await page.goto(`${portal.url}/login?sid=${sid}`);
    }),
  ]);

describe('RpaEngine accounts', () => {
  it('keeps the session cookie in the account profile between jobs, and only there', async () => {
    const { engine } = await testEngine();
    const shop1 = account('1', portal.url);
    expect(await engine.run({ id: 'login-1', flow: login('shop1-session'), input: {}, account: shop1 })).toMatchObject({ status: 'done' });

    const again = await engine.run({ id: 'who-1', flow: whoami(), input: {}, account: shop1 });
    expect(again).toMatchObject({ status: 'done', output: { who: 'sid=shop1-session' } });
    const other = await engine.run({ id: 'who-2', flow: whoami(), input: {}, account: account('2', portal.url) });
    expect(other).toMatchObject({ status: 'done', output: { who: '未登录' } });
  });

  it('never overlaps two jobs of one account, while two accounts run side by side (concurrency 2)', async () => {
    const { engine } = await testEngine({ concurrency: 2 });
    const active = new Map<string, number>();
    let maxSameAccount = 0;
    let bothAccountsAtOnce = false;
    const starts: string[] = [];
    // Each job holds its step until a job of the other account is running too (browser start-up times vary,
    // so the wait is long; it ends as soon as both run), so "side by side" is observed, not assumed.
    const hold = flow('demo-hold', [
      step('hold', '占用浏览器', async ({ account: acc, page }) => {
        starts.push(acc.id);
        active.set(acc.id, (active.get(acc.id) ?? 0) + 1);
        maxSameAccount = Math.max(maxSameAccount, active.get(acc.id)!);
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline && !bothAccountsAtOnce) {
          bothAccountsAtOnce = [...active.values()].filter((n) => n > 0).length === 2;
          await page.waitForTimeout(20);
        }
        active.set(acc.id, active.get(acc.id)! - 1);
      }),
    ]);
    const a = account('A', portal.url);
    const b = account('B', portal.url);
    const results = await Promise.all([
      engine.run({ id: 'a1', flow: hold, input: {}, account: a }),
      engine.run({ id: 'a2', flow: hold, input: {}, account: a }),
      engine.run({ id: 'b1', flow: hold, input: {}, account: b }),
      engine.run({ id: 'b2', flow: hold, input: {}, account: b }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(maxSameAccount).toBe(1);
    expect(bothAccountsAtOnce).toBe(true);
    expect(starts.sort()).toEqual(['A', 'A', 'B', 'B']);
  });

  it('takeOver opens the profile for the owner, holds the account until closed, and the session it leaves is used', async () => {
    const { engine } = await testEngine();
    const shop = account('9', portal.url);
    const handle = await engine.takeOver(shop, `${portal.url}/login?sid=owner-solved`);
    expect(engine.stats().takenOver).toEqual(['9']);

    const rerun = engine.run({ id: 'after-takeover', flow: whoami(), input: {}, account: shop });
    await new Promise((r) => setTimeout(r, 300));
    expect(engine.stats()).toMatchObject({ running: 0, queued: 1 });

    await handle.close();
    await handle.closed;
    expect(engine.stats().takenOver).toEqual([]);
    expect(await rerun).toMatchObject({ status: 'done', output: { who: 'sid=owner-solved' } });
  });

  it('takeOver ends when the owner closes the last window', async () => {
    const { engine } = await testEngine();
    const shop = account('8', portal.url);
    const handle = await engine.takeOver(shop, `${portal.url}/`);
    await handle.page.waitForURL(`${portal.url}/`);
    await handle.page.close();
    await handle.closed;
    expect(engine.stats().takenOver).toEqual([]);
    expect(await engine.run({ id: 'after-owner', flow: whoami(), input: {}, account: shop })).toMatchObject({ status: 'done' });
  });

  it('a second engine (another KeyDesk process) is refused a profile that is in use', async () => {
    const first = await testEngine();
    const shop = account('5', portal.url);
    const handle = await first.engine.takeOver(shop, `${portal.url}/`);

    const second = await testEngine({ profilesRoot: first.profilesRoot });
    const result = await second.engine.run({ id: 'clash', flow: whoami(), input: {}, account: shop });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.attempts).toBe(1);
    expect(result.error.retryable).toBe(false);
    expect(result.error.message).toContain('该网站账号的浏览器正被另一个 KeyDesk 进程使用');

    await handle.close();
    expect(existsSync(join(first.profilesRoot, 'demo-5', 'keydesk.lock'))).toBe(false);
    expect(await second.engine.run({ id: 'clash-2', flow: whoami(), input: {}, account: shop })).toMatchObject({ status: 'done' });
  });

  it('close() ends a running job as a retryable failure, cancels queued ones and frees the profile', async () => {
    const { engine, profilesRoot } = await testEngine({ concurrency: 1 });
    let started: () => void = () => undefined;
    const running = new Promise<void>((r) => (started = r));
    const endless = flow('demo-endless', [
      step('wait', '等待页面', async ({ page }) => {
        await page.goto(`${portal.url}/`);
        started();
        await page.waitForSelector('#never-there', { timeout: 0 });
      }),
    ]);
    const job = engine.run({ id: 'long', flow: endless, input: {}, account: account('1', portal.url) });
    const queued = engine.run({ id: 'queued', flow: whoami(), input: {}, account: account('2', portal.url) });
    await running;
    await engine.close();

    const result = await job;
    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.error).toMatchObject({ retryable: true, message: expect.stringContaining('自动化已停止') });
    expect(result.attempts).toBe(1);
    await expect(queued).rejects.toBeInstanceOf(QueueClosedError);
    expect(existsSync(join(profilesRoot, 'demo-1', 'keydesk.lock'))).toBe(false);
  });
});
