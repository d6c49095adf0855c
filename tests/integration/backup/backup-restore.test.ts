// The goal of 备份与恢复: a restored backup has the same key count, the same audit head, and delivers as
// before — restored on a "new computer" (a fresh data folder) through the `keydesk restore` code path.
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../src-main/core/index.js';
import type { Sandbox } from '../../../src-main/sandbox/index.js';
import { restoreFromBackup } from '../../../src-main/hosts/cli/commands/backup.js';
import type { BackupRecord } from '../../../src-shared/contract/index.js';
import { expectOk, tempDir, testCore } from '../../helpers/core.js';
import type { Control } from '../../helpers/sandbox-shop.js';
import {
  PASSPHRASE, auditHead, checkLedger, connectSandboxShop, keyCount, ledgerOf, pollAndDeliver, startTestSandbox, stockedCore,
} from './helpers.js';

let sandbox: Sandbox | undefined;
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) {
    c.services.orders.stop();
    c.close();
  }
  await sandbox?.close();
  sandbox = undefined;
});

describe('backup and restore onto a new computer', () => {
  it('restores the same keys and audit head, verifies, and a new order is delivered exactly as before', async () => {
    const started = await startTestSandbox();
    sandbox = started.sandbox;
    const control: Control = started.control;
    const shop = await stockedCore(6, { dataDir: tempDir() });
    shop.core.close();
    // Reopen with the sandbox wired in (the fixture's core had none).
    const core = testCore({ dataDir: shop.dataDir, sandboxUrl: sandbox.url });
    cores.push(core);
    await core.services.vault.unlock({ passphrase: PASSPHRASE });
    const { shopId, simShop, itemId } = await connectSandboxShop(core, { url: sandbox.url, control }, 'taobao', { productCode: 'IQIYI-M' });
    await core.services.orders.start();
    await control('taobao/createOrder', { shopId: simShop.shopId, lines: [{ itemId, quantity: 1 }], pay: true });
    await pollAndDeliver(core, shopId);
    expect(checkLedger(await ledgerOf(control))).toMatchObject({ paid: 1, delivered: 1, duplicates: 0, missing: 0 });

    const folder = tempDir('keydesk-backups-');
    const record = expectOk<BackupRecord>(await core.call('backup.run', { folder }));
    expect(record).toMatchObject({ status: 'done', kind: 'manual', keys: 6 });
    const file = record.path;
    expect(readdirSync(folder)).toEqual([file.split('/').pop()]);
    // The backup's own audit entry follows the head it captured.
    const entry = core.services.sqlite.prepare("select seq, summary from audit_log where action = 'backup.create'").get() as { seq: number; summary: string };
    expect(entry.seq).toBe(record.auditSeq! + 1);
    const headAtBackup = core.services.sqlite.prepare('select seq, mac from audit_log where seq = ?').get(record.auditSeq) as { seq: number; mac: string };
    const keysAtBackup = keyCount(core);
    core.services.orders.stop();
    core.close();
    cores.splice(0);

    // No plaintext key anywhere in the file, in any common encoding.
    const bytes = readFileSync(file);
    for (const key of shop.keys) {
      expect(bytes.includes(Buffer.from(key, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(key, 'utf16le'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);

    const fresh = tempDir('keydesk-newpc-');
    const report = await restoreFromBackup({ dataDir: fresh, path: file, secret: { passphrase: PASSPHRASE } });
    expect(report.staged.checks.map((c) => [c.name, c.ok])).toEqual([
      ['file', true], ['integrity', true], ['schema', true], ['counts', true], ['auditChain', true], ['auditHead', true],
    ]);
    expect(report.staged.backup.sameInstallation).toBe(false);
    expect(report.movedTo).toBeNull();
    expect(report.after?.audit.ok).toBe(true);

    const restored = testCore({ dataDir: fresh, sandboxUrl: sandbox.url });
    cores.push(restored);
    await restored.services.vault.unlock({ passphrase: PASSPHRASE });
    expect(keyCount(restored)).toBe(keysAtBackup);
    const chain = restored.services.sqlite.prepare('select seq, mac, action, prev_mac from audit_log where seq >= ? order by seq').all(headAtBackup.seq) as { seq: number; mac: string; action: string; prev_mac: string }[];
    expect(chain[0]).toMatchObject(headAtBackup);
    // The restore itself continues the chain from the backup's head.
    expect(chain.map((c) => c.action)).toContain('backup.restore.applied');
    expect(chain[1]!.prev_mac).toBe(headAtBackup.mac);
    expect(expectOk<{ ok: boolean }>(await restored.call('audit.verify', {})).ok).toBe(true);
    expect(auditHead(restored).seq).toBeGreaterThan(headAtBackup.seq);

    // Delivers as before: the shop's credentials open with the restored keys, a new order gets a key, the old one is not re-sent.
    await restored.services.orders.start();
    await control('taobao/createOrder', { shopId: simShop.shopId, lines: [{ itemId, quantity: 2 }], pay: true });
    await pollAndDeliver(restored, shopId);
    expect(checkLedger(await ledgerOf(control))).toMatchObject({ paid: 2, delivered: 2, duplicates: 0, missing: 0 });
    const stock = restored.services.sqlite.prepare("select count(*) as n from keys where status = 'available'").get() as { n: number };
    expect(stock.n).toBe(6 - 1 - 2);
  });

  it('opens with the recovery key on a new computer as well', async () => {
    const shop = await stockedCore(3);
    cores.push(shop.core);
    const folder = tempDir('keydesk-backups-');
    const record = await shop.core.services.backups.run({ folder });
    const fresh = tempDir('keydesk-newpc-');
    const report = await restoreFromBackup({ dataDir: fresh, path: record.path, secret: { recoveryKey: shop.recoveryKey.toLowerCase() } });
    expect(report.after?.counts.keys).toBe(3);
    expect(report.after?.audit.ok).toBe(true);
  });

  it('restores its own older backup over the current data, keeping the current data aside', async () => {
    const shop = await stockedCore(2);
    cores.push(shop.core);
    const folder = tempDir('keydesk-backups-');
    const first = await shop.core.services.backups.run({ folder });
    // More keys after the backup, and a new passphrase: the restore brings back 2 keys and opens with today's passphrase.
    expect(expectOk(await shop.core.call('inventory.import', { jobId: crypto.randomUUID(), source: { text: 'LATER-1\nLATER-2' }, productId: 1, batch: { unitCostFen: 1 } }))).toBeTruthy();
    await shop.core.services.vault.changePassphrase('a brand new passphrase');
    expect(keyCount(shop.core)).toBe(4);
    shop.core.close();
    cores.splice(0);
    const report = await restoreFromBackup({ dataDir: shop.dataDir, path: first.path, secret: { passphrase: 'a brand new passphrase' } });
    expect(report.staged.unlockWith).toBe('current');
    expect(report.movedTo).toMatch(/^before-restore-\d{8}-\d{6}$/);
    expect(report.after?.counts.keys).toBe(2);
    const aside = readdirSync(join(shop.dataDir, report.movedTo!));
    expect(aside).toContain('keydesk.db');
    const old = testCore({ dataDir: join(shop.dataDir, report.movedTo!) });
    cores.push(old);
    await old.services.vault.unlock({ passphrase: 'a brand new passphrase' });
    expect(keyCount(old)).toBe(4);
  });
});
