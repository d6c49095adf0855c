import { describe, it, expect, afterEach } from 'vitest';
import { startSandbox, allSimulators, type Sandbox } from '../../../src-main/sandbox/index.js';
import { testCore, unlockedCore, expectOk } from '../../helpers/core.js';
import type { SandboxStatus, Settings } from '../../../src-shared/contract/index.js';

let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

describe('core.call: the one door every host uses', () => {
  it('reports version, data folder and host before the vault is set up', async () => {
    const core = testCore({ host: 'server' });
    expect(expectOk(await core.call('app.info', {}))).toMatchObject({ version: '0.0.0-test', host: 'server', sandbox: false, dataDir: core.services.dataDir });
  });

  it('keeps the language choice, readable before unlock', async () => {
    const core = testCore();
    expect(expectOk<Settings>(await core.call('settings.get', {})).language).toBe('zh-CN');
    expectOk(await core.call('settings.update', { language: 'en-US' }));
    expect(expectOk<Settings>(await core.call('settings.get', {})).language).toBe('en-US');
    const bad = await core.call('settings.update', { language: 'fr-FR' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'language' }] } } });
  });

  it('emits vault.changed to subscribers when the vault opens and closes', async () => {
    const core = testCore();
    const seen: string[] = [];
    core.onEvent((m) => seen.push(`${m.event}:${(m.payload as { state: string }).state}`));
    expectOk(await core.call('vault.setup', { method: 'passphrase', passphrase: 'correct horse battery' }));
    expectOk(await core.call('vault.lock', {}));
    expect(seen).toEqual(['vault.changed:unlocked', 'vault.changed:locked']);
  });

  it('opens the demo shop once in the sandbox, keeps its secret sealed, and audits it', async () => {
    sandbox = await startSandbox({ port: 0, simulators: allSimulators() });
    const { core } = await unlockedCore({ sandboxUrl: sandbox.url });
    const first = expectOk<SandboxStatus>(await core.call('sandbox.openDemoShop', { name: '小王的试用店' }));
    expect(first).toMatchObject({ running: true, demoShop: { name: '小王的试用店' } });
    expect(first.simulators.map((s) => s.name)).toContain('taobao');
    const again = expectOk<SandboxStatus>(await core.call('sandbox.openDemoShop', {}));
    expect(again.demoShop?.shopId).toBe(first.demoShop?.shopId);
    // One 淘宝 shop on the sandbox platform, connected in KeyDesk like a real one, with demo keys in stock.
    const state = (await (await fetch(`${sandbox.url}/_control/taobao/state`)).json()) as { shops: unknown[] };
    expect(state.shops).toHaveLength(1);
    expect(core.services.orders.shops.list()).toMatchObject([{ platform: 'taobao', name: '小王的试用店', sandbox: true, pollSeconds: 10 }]);
    expect(core.services.products.list()[0]).toMatchObject({ code: 'DEMO-IQIYI-M', stock: { available: 30 } });
    expect(core.services.audit.list(50).entries.filter((e) => e.action === 'sandbox.demoShop.open')).toHaveLength(1);
    core.services.orders.stop();
    core.close();
  });

  it('says the sandbox is off when the host did not start one', async () => {
    const { core } = await unlockedCore();
    expect(expectOk<SandboxStatus>(await core.call('sandbox.status', {}))).toEqual({ running: false, simulators: [] });
    expect(await core.call('sandbox.openDemoShop', {})).toMatchObject({ ok: false, error: { code: 'SANDBOX_UNAVAILABLE' } });
  });
});
