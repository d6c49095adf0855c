import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, createDemoShop, type Sandbox } from '../../src-main/sandbox/index.js';
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
    sandbox = await startSandbox({ port: 0, simulators: [createDemoShop()] });
    const dataDir = tempDir();
    const core = testCore({ dataDir, sandboxUrl: sandbox.url });
    const server = await serve(core);
    const setup = expectOk<{ recoveryKey: string }>((await rpc(server, 'vault.setup', { method: 'passphrase', passphrase: PASSPHRASE })).body as never);
    expectOk((await rpc(server, 'vault.confirmRecoveryKey', { recoveryKey: setup.recoveryKey })).body as never);
    expectOk((await rpc(server, 'sandbox.openDemoShop', { name: '测试店' })).body as never);
    const state = (await (await fetch(`${sandbox.url}/_control/demo-shop/state`)).json()) as { shops: { appSecret: string }[] };
    const appSecret = state.shops[0]!.appSecret;
    await rpc(server, 'vault.unlock', { passphrase: 'a wrong passphrase typed by mistake' });
    await rpc(server, 'vault.changePassphrase', { next: 'second passphrase 2026' });
    const cardSecret = 'CARD-SECRET-7Q2W9E';
    core.services.settings.set('scratch', core.services.vault.encrypt(cardSecret, 'settings:scratch').toString('base64'));
    // A careless log call: redaction must still keep the values out of the file.
    core.services.log.info({ secret: cardSecret, input: { passphrase: PASSPHRASE, appSecret }, recoveryKey: setup.recoveryKey }, 'test: careless log');

    const files = bytesOnDisk(dataDir);
    expect(files.some((f) => f.file.endsWith('-wal'))).toBe(true);
    expect(files.some((f) => f.file.endsWith('keydesk.log'))).toBe(true);
    const needles = [PASSPHRASE, 'second passphrase 2026', 'a wrong passphrase typed by mistake', setup.recoveryKey, setup.recoveryKey.replace(/-/g, ''), appSecret, cardSecret];
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
