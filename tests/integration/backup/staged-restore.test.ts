// Restoring from the running app (设置 → 备份与恢复): verify and stage without touching the open database,
// swap at the next start, audit it in the restored chain once the vault opens.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import type { Core } from '../../../src-main/core/index.js';
import type { EventMessage, StagedRestore } from '../../../src-shared/contract/index.js';
import { restoreFromBackup } from '../../../src-main/hosts/cli/commands/backup.js';
import { expectOk, tempDir, testCore } from '../../helpers/core.js';
import { PASSPHRASE, auditHead, keyCount, liveState, stockedCore } from './helpers.js';

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

async function reopen(dataDir: string): Promise<Core> {
  const core = testCore({ dataDir, host: 'server', background: false });
  cores.push(core);
  return core;
}

async function shopWithBackup(): Promise<{ core: Core; dataDir: string; path: string }> {
  const shop = await stockedCore(3);
  cores.push(shop.core);
  const folder = tempDir('keydesk-backups-');
  expectOk(await shop.core.call('backup.settings.update', { folder }));
  const record = expectOk<{ path: string }>(await shop.core.call('backup.run', {}));
  expectOk(await shop.core.call('inventory.import', { jobId: crypto.randomUUID(), source: { text: 'AFTER-1\nAFTER-2' }, productId: 1, batch: { unitCostFen: 1 } }));
  expect(keyCount(shop.core)).toBe(5);
  return { core: shop.core, dataDir: shop.dataDir, path: record.path };
}

describe('restore from the running app', () => {
  it('stages a verified restore, leaves the open data alone, and swaps it in at the next start', async () => {
    const { core, dataDir, path } = await shopWithBackup();
    const list = expectOk<{ history: { status: string }[]; files: { path: string; sameInstallation: boolean }[] }>(await core.call('backup.list', {}));
    expect(list.history[0]).toMatchObject({ status: 'done' });
    expect(list.files).toMatchObject([{ path, sameInstallation: true }]);
    expect(expectOk(await core.call('backup.inspect', { source: { path } }))).toMatchObject({ allowed: true, needsSecret: false, counts: { keys: 3 } });

    const before = liveState(core);
    const staged = expectOk<StagedRestore>(await core.call('backup.restore', { source: { path } }));
    expect(staged).toMatchObject({ unlockWith: 'current', backup: { counts: { keys: 3 } } });
    expect(staged.checks.every((c) => c.ok)).toBe(true);
    // The open database only gained the audit entry saying a restore is staged.
    const after = liveState(core);
    expect({ keys: after.keys, sealed: after.sealed }).toEqual({ keys: before.keys, sealed: before.sealed });
    expect(after.head.seq).toBe(before.head.seq + 1);
    expect(core.services.sqlite.prepare('select action from audit_log where seq = ?').get(after.head.seq)).toEqual({ action: 'backup.restore.staged' });
    expect(after.staging).toEqual(['restore-staged']);
    expect(expectOk<{ staged: StagedRestore | null }>(await core.call('backup.list', {})).staged?.fileName).toBe(staged.fileName);
    core.close();
    cores.splice(0);

    const restarted = await reopen(dataDir);
    const notices: EventMessage[] = [];
    restarted.onEvent((m) => m.event === 'app.notice' && notices.push(m));
    expect(readdirSync(dataDir).filter((e) => e.includes('restore'))).toEqual([
      expect.stringMatching(/^before-restore-\d{8}-\d{6}$/), 'restore-applied.json',
    ]);
    expectOk(await restarted.call('vault.unlock', { passphrase: PASSPHRASE }));
    expect(keyCount(restarted)).toBe(3);
    const head = restarted.services.sqlite.prepare('select action, summary from audit_log order by seq desc limit 2').all() as { action: string; summary: string }[];
    expect(head.map((h) => h.action).sort()).toEqual(['backup.restore.applied', 'vault.unlock']);
    expect(existsSync(join(dataDir, 'restore-applied.json'))).toBe(false);
    expect(notices).toMatchObject([{ payload: { level: 'info', kind: 'backup', message: expect.stringContaining('已从备份') } }]);
    expect(expectOk<{ ok: boolean }>(await restarted.call('audit.verify', {})).ok).toBe(true);
  });

  it('a cancelled restore is never applied', async () => {
    const { core, dataDir, path } = await shopWithBackup();
    expectOk(await core.call('backup.restore', { source: { path } }));
    expect(expectOk(await core.call('backup.cancelRestore', {}))).toEqual({ cancelled: true });
    expect(expectOk<{ staged: unknown }>(await core.call('backup.list', {})).staged).toBeNull();
    core.close();
    cores.splice(0);
    const restarted = await reopen(dataDir);
    await restarted.services.vault.unlock({ passphrase: PASSPHRASE });
    expect(keyCount(restarted)).toBe(5);
  });

  it('waits while another KeyDesk has the database open, and `keydesk restore` refuses with DB_BUSY', async () => {
    const { core, dataDir, path } = await shopWithBackup();
    expectOk(await core.call('backup.restore', { source: { path } }));
    // The window (core) is still open: a second start (another process would do the same) must not swap under it.
    const second = await reopen(dataDir);
    expect(readdirSync(dataDir)).toContain('restore-staged');
    await second.services.vault.unlock({ passphrase: PASSPHRASE });
    expect(keyCount(second)).toBe(5);
    const busy = await restoreFromBackup({ dataDir, path, secret: { passphrase: PASSPHRASE } }).catch((err: { code: string; message: string }) => err);
    expect(busy).toMatchObject({ code: 'DB_BUSY', message: '数据文件正被另一个卡密工作台占用，请关闭后重试。' });
    expect(keyCount(core)).toBe(5);
  });

  it('restores from an uploaded file (browser) and removes the upload', async () => {
    const { core, path } = await shopWithBackup();
    const upload = await core.services.files.saveUpload(Readable.from([readFileSync(path)]), 'keydesk-备份.kdbak');
    const info = expectOk<{ fileName: string; allowed: boolean }>(await core.call('backup.inspect', { source: { uploadId: upload.uploadId } }));
    expect(info).toMatchObject({ fileName: 'keydesk-备份.kdbak', allowed: true });
    expectOk(await core.call('backup.restore', { source: { uploadId: upload.uploadId } }));
    expect(existsSync(join(core.services.files.uploadsDir, upload.uploadId))).toBe(false);
    expect(auditHead(core)).toBeTruthy();
  });
});
