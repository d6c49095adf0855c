import { vi, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockedCore, tempDir, PASSPHRASE } from '../../helpers/core.js';
import { keydesk } from '../../helpers/cli.js';
import { startSandboxProcess, type SandboxProcess } from '../../helpers/sandbox-process.js';
import type { SimShop } from '../../helpers/sandbox-shop.js';

// Each case spawns the CLI several times (tsx compiles the sources per process): slow on a loaded 2-core box.
vi.setConfig({ testTimeout: 180_000 });

const env = { KEYDESK_PASSPHRASE: PASSPHRASE };
// The CLI runs synchronously in these tests (spawnSync), so the platform must live in its own process.
let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess();
}, 30_000);
afterAll(() => sandbox.close());

async function dataDir(): Promise<string> {
  const dir = tempDir();
  const { core } = await unlockedCore({ dataDir: dir });
  core.close();
  return dir;
}

describe('keydesk shops / orders', () => {
  it('adds a shop (connection tested), lists it, tests it, and lists its orders', async () => {
    const dir = await dataDir();
    const sim = await sandbox.control<SimShop>('pdd/createShop', { name: 'CLI 测试店' });
    const item = await sandbox.control<{ itemId: string }>('pdd/createItem', { shopId: sim.shopId, title: '腾讯视频月卡', priceFen: 1500, outerId: 'TX-M' });
    const added = keydesk(['shops', 'add', '--platform', 'pdd', '--name', '拼多多一店', '--app-key', sim.appKey, '--app-secret', sim.appSecret,
      '--token', sim.accessToken, '--refresh-token', sim.refreshToken, '--endpoint', `${sandbox.url}/pdd`, '--data-dir', dir, '--json'], env);
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ shop: { id: 1, platform: 'pdd', name: '拼多多一店', status: 'active', appKeyMasked: expect.stringContaining('****') }, test: { ok: true } });
    expect(added.stdout).not.toContain(sim.appSecret);

    const list = keydesk(['shops', 'list', '--data-dir', dir, '--json'], env);
    expect((list.json() as { name: string }[]).map((s) => s.name)).toEqual(['拼多多一店']);
    expect(keydesk(['shops', 'test', '1', '--data-dir', dir], env).stdout).toContain('成功');

    await sandbox.control('pdd/createOrder', { shopId: sim.shopId, lines: [{ itemId: item.itemId, quantity: 1 }], pay: true });
    // A CLI command never polls behind the owner's back; the running app does. Capture through the core here.
    const { createCore } = await import('../../../src-main/core/index.js');
    const core = createCore({ dataDir: dir, host: 'cli', version: 't', scrypt: { N: 1024, r: 8, p: 1 } });
    await core.services.vault.unlock({ passphrase: PASSPHRASE });
    core.services.sqlite.prepare('update shops set cursor_at = cursor_at - 600000, settled_at = settled_at - 600000').run();
    // Fresh reads stop a couple of seconds behind now (whole-second platform times): poll until it shows.
    for (let i = 0; i < 20 && !core.services.sqlite.prepare('select 1 from order_lines').get(); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await core.services.orders.pollers.poll(1);
    }
    core.close();
    const orders = keydesk(['orders', 'list', '--data-dir', dir, '--json'], env).json() as { lines: { title: string; status: string }[]; total: number };
    expect(orders.total).toBe(1);
    expect(orders.lines[0]).toMatchObject({ title: '腾讯视频月卡', status: 'unmapped' });
    const problems = keydesk(['orders', 'list', '--problems', '--data-dir', dir], env);
    expect(problems.stdout).toContain('未关联商品');
  }, 180_000);

  it('refuses bad input with a usage error or a Chinese field error, and a wrong secret fails the test', async () => {
    const dir = await dataDir();
    expect(keydesk(['shops', 'add', '--platform', 'ebay', '--name', 'x', '--data-dir', dir], env).code).toBe(2);
    const missing = keydesk(['shops', 'add', '--platform', 'taobao', '--name', '淘宝店', '--app-key', 'k', '--app-secret', 's', '--data-dir', dir, '--json'], env);
    expect(missing.code).toBe(1);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'credentials.accessToken', message: '请填写SessionKey（卖家授权码）' }] } } });
    const sim = await sandbox.control<SimShop>('taobao/createShop', { name: '密钥错误店' });
    const wrong = keydesk(['shops', 'add', '--platform', 'taobao', '--name', '密钥错误店', '--app-key', sim.appKey, '--app-secret', 'not-the-secret',
      '--token', sim.accessToken, '--endpoint', `${sandbox.url}/taobao`, '--data-dir', dir, '--json'], env);
    expect(wrong.code).toBe(1);
    expect((wrong.json() as { test: { ok: boolean; message: string } }).test).toMatchObject({ ok: false, message: expect.stringMatching(/签名|授权|密钥/) });
    expect(keydesk(['shops', 'test', 'abc', '--data-dir', dir], env).code).toBe(2);
    expect(keydesk(['orders', 'list', '--status', 'lost', '--data-dir', dir], env).code).toBe(2);
  }, 180_000);
});
