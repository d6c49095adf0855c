import { vi, describe, it, expect } from 'vitest';
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../src-main/core/index.js';
import { TOKEN_HEADER } from '../../../src-main/hosts/server/server.js';
import { unlockedCore, tempDir, PASSPHRASE } from '../../helpers/core.js';
import { keydesk, startServe } from '../../helpers/cli.js';

// Each case spawns the CLI several times (tsx compiles the sources per process): slow on a loaded 2-core box.
vi.setConfig({ testTimeout: 180_000 });

async function dataDirWithAudit(entries: number): Promise<string> {
  const dataDir = tempDir();
  const { core } = await unlockedCore({ dataDir });
  const { sqlite, audit } = core.services;
  for (let i = 0; i < entries; i++) sqlite.transaction(() => audit.append({ actor: 'owner', action: 'test', objectType: 'x', summary: { i } })).immediate();
  core.close();
  return dataDir;
}

describe('keydesk CLI', () => {
  it('prints its version and help, and rejects an unknown command with exit 2', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(keydesk(['--version', '--json']).json()).toEqual({ version: pkg.version });
    const help = keydesk(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('keydesk serve');
    expect(help.stdout).toContain('keydesk audit verify');
    const bad = keydesk(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('没有这个命令');
    expect(keydesk(['serve', '--no-such-flag']).code).toBe(2);
  });

  it('audit verify --json reports a healthy chain, then the entry edited in the file', async () => {
    const dataDir = await dataDirWithAudit(3);
    const ok = keydesk(['audit', 'verify', '--data-dir', dataDir, '--json'], { KEYDESK_PASSPHRASE: PASSPHRASE });
    expect(ok.code).toBe(0);
    // setup + 3 entries; the CLI's own unlock is entry 5, written before the walk.
    expect(ok.json()).toEqual({ ok: true, entries: 5 });

    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(join(dataDir, DATABASE_FILE));
    raw.exec("drop trigger audit_log_no_update; update audit_log set summary = '{\"i\":99}' where seq = 3");
    raw.close();
    const broken = keydesk(['audit', 'verify', '--data-dir', dataDir, '--json'], { KEYDESK_PASSPHRASE: PASSPHRASE });
    expect(broken.code).toBe(1);
    expect(broken.json()).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3 } });
    const human = keydesk(['audit', 'verify', '--data-dir', dataDir], { KEYDESK_PASSPHRASE: PASSPHRASE });
    expect(human.stdout).toContain('第 3 条记录');
  });

  it('a wrong or missing passphrase is a typed error and changes nothing', async () => {
    const dataDir = await dataDirWithAudit(1);
    const before = readFileSync(join(dataDir, DATABASE_FILE));
    const wrong = keydesk(['audit', 'verify', '--data-dir', dataDir, '--json'], { KEYDESK_PASSPHRASE: 'wrong passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'VAULT_WRONG_PASSPHRASE' } });
    const missing = keydesk(['audit', 'verify', '--data-dir', dataDir, '--json']);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(readFileSync(join(dataDir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('refuses an empty folder (creating nothing) and a corrupt database (leaving it as it was)', () => {
    const empty = tempDir();
    const r = keydesk(['audit', 'verify', '--data-dir', empty, '--json']);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'VAULT_NOT_SET_UP' } });
    expect(existsSync(join(empty, DATABASE_FILE))).toBe(false);

    const corrupt = tempDir();
    writeFileSync(join(corrupt, DATABASE_FILE), 'garbage that is not sqlite');
    const c = keydesk(['audit', 'verify', '--data-dir', corrupt], { KEYDESK_PASSPHRASE: PASSPHRASE });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('DB_CORRUPT');
    expect(readFileSync(join(corrupt, DATABASE_FILE), 'utf8')).toBe('garbage that is not sqlite');
  });

  it('serve prints the loopback URL with a token, answers with it, and stops on SIGTERM', async () => {
    const dataDir = tempDir();
    const server = startServe(['--data-dir', dataDir, '--port', '0', '--sandbox']);
    const { origin, token } = await server.ready;
    await expect.poll(() => server.output()).toContain('沙箱');
    const res = await fetch(`${origin}/api/rpc/app.info`, { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: '{}' });
    expect(await res.json()).toMatchObject({ ok: true, data: { host: 'server', sandbox: true, dataDir } });
    expect(await server.stop()).toBe(0);
  });

  it('serve unlocks from KEYDESK_PASSPHRASE so scripts can run unattended', async () => {
    const dataDir = await dataDirWithAudit(0);
    const server = startServe(['--data-dir', dataDir], { KEYDESK_PASSPHRASE: PASSPHRASE });
    const { origin, token } = await server.ready;
    const res = await fetch(`${origin}/api/rpc/vault.status`, { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: '{}' });
    expect(await res.json()).toMatchObject({ ok: true, data: { state: 'unlocked' } });
    await server.stop();
  });
});
