import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startSandbox, allSimulators, type Sandbox } from '../../src-main/sandbox/index.js';
import { testCore, tempDir, expectOk, PASSPHRASE } from '../helpers/core.js';
import { serve, rpc } from '../helpers/server.js';

let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

/** Every byte KeyDesk keeps on disk in a data folder: database, WAL, shared memory, logs. */
function bytesOnDisk(dataDir: string): { file: string; bytes: Buffer }[] {
  const files = readdirSync(dataDir).filter((f) => f.startsWith('keydesk.db')).map((f) => join(dataDir, f));
  const logs = existsSync(join(dataDir, 'logs')) ? readdirSync(join(dataDir, 'logs')).map((f) => join(dataDir, 'logs', f)) : [];
  return [...files, ...logs].map((file) => ({ file, bytes: readFileSync(file) }));
}

describe('secrets at rest', () => {
  it('no passphrase, recovery key, shop credential or logged secret appears in the database, WAL or logs', async () => {
    sandbox = await startSandbox({ port: 0, simulators: allSimulators() });
    const dataDir = tempDir();
    const core = testCore({ dataDir, sandboxUrl: sandbox.url });
    const server = await serve(core);
    const setup = expectOk<{ recoveryKey: string }>((await rpc(server, 'vault.setup', { method: 'passphrase', passphrase: PASSPHRASE })).body as never);
    expectOk((await rpc(server, 'vault.confirmRecoveryKey', { recoveryKey: setup.recoveryKey })).body as never);
    expectOk((await rpc(server, 'sandbox.openDemoShop', { name: '测试店' })).body as never);
    const state = (await (await fetch(`${sandbox.url}/_control/taobao/state`)).json()) as { shops: { appSecret: string; accessToken: string }[] };
    const appSecret = state.shops[0]!.appSecret;
    const sessionKey = state.shops[0]!.accessToken;
    await rpc(server, 'vault.unlock', { passphrase: 'a wrong passphrase typed by mistake' });
    await rpc(server, 'vault.changePassphrase', { next: 'second passphrase 2026' });
    const cardSecret = 'CARD-SECRET-7Q2W9E';
    core.services.settings.set('scratch', core.services.vault.encrypt(cardSecret, 'settings:scratch').toString('base64'));
    // A careless log call: redaction must still keep the values out of the file.
    core.services.log.info({ secret: cardSecret, input: { passphrase: PASSPHRASE, appSecret }, recoveryKey: setup.recoveryKey }, 'test: careless log');

    const files = bytesOnDisk(dataDir);
    expect(files.some((f) => f.file.endsWith('-wal'))).toBe(true);
    expect(files.some((f) => f.file.endsWith('keydesk.log'))).toBe(true);
    const needles = [PASSPHRASE, 'second passphrase 2026', 'a wrong passphrase typed by mistake', setup.recoveryKey, setup.recoveryKey.replace(/-/g, ''), appSecret, sessionKey, cardSecret];
    for (const { file, bytes } of files) {
      for (const needle of needles) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          expect(bytes.includes(Buffer.from(needle, encoding)), `${needle} found in ${file}`).toBe(false);
        }
      }
    }
    expect(readFileSync(join(dataDir, 'logs', 'keydesk.log'), 'utf8')).toContain('[已隐藏]');
  });
});

describe('imported card secrets at rest', () => {
  it('never appear in the database, WAL, logs or leftover files after imports, a reveal, a sync and an export', async () => {
    const dataDir = tempDir();
    const core = testCore({ dataDir });
    await core.services.vault.setup({ method: 'passphrase', passphrase: PASSPHRASE });
    const product = core.services.products.save({ code: 'SCAN', name: '扫描测试', priceFen: 100 });
    const secrets = Array.from({ length: 50 }, (_, i) => `ZQ${String(i).padStart(3, '0')}-PLAIN-SECRET-${(i * 7919).toString(36).toUpperCase()}`);
    const text = ['卡号,卡密', ...secrets.map((s, i) => `C${i},${s}`)].join('\n');
    const { uploadId } = await core.services.files.saveUpload(Readable.from([Buffer.from(text.replace(/C(\d+),/g, 'D$1,').replace(/PLAIN/g, 'FILE'))]), 'keys.csv');
    for (const source of [{ text }, { uploadId }]) {
      const out = expectOk<{ imported: number }>(await core.call('inventory.import', { jobId: `scan-${'text' in source ? 'paste' : 'file'}`, source, productId: product.id, batch: { unitCostFen: 1 } }));
      expect(out.imported).toBe(50);
    }
    const first = core.services.stock.keysPage({ limit: 1 }).rows[0]!;
    expectOk(await core.call('inventory.revealKey', { id: first.id, reason: '核对' }));
    core.services.log.info({ input: { secret: secrets[0] } }, 'test: careless log of a key');
    const all = [...secrets, ...secrets.map((s) => s.replace('PLAIN', 'FILE'))];
    const leftovers = ['tmp', 'uploads'].flatMap((d) => readdirSync(join(dataDir, d)).map((f) => ({ file: join(dataDir, d, f), bytes: readFileSync(join(dataDir, d, f)) })));
    for (const { file, bytes } of [...bytesOnDisk(dataDir), ...leftovers]) {
      for (const secret of all) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
    }
    core.close();
  });
});
