// `keydesk backup` / `keydesk restore`, run as the owner would (the real binary, no TTY).
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { keydesk } from '../../helpers/cli.js';
import { tempDir, testCore } from '../../helpers/core.js';
import { PASSPHRASE, stockedCore } from './helpers.js';

const env = { KEYDESK_PASSPHRASE: PASSPHRASE };

describe('keydesk backup / restore', () => {
  it('backs up, then restores into a new data folder with a report; refuses without a secret or while the data is open', async () => {
    const shop = await stockedCore(4);
    shop.core.close();
    const folder = tempDir('keydesk-backups-');
    const backup = keydesk(['backup', '--folder', folder, '--data-dir', shop.dataDir, '--json'], env);
    expect(backup.code).toBe(0);
    const record = backup.json() as { path: string; keys: number; status: string };
    expect(record).toMatchObject({ keys: 4, status: 'done' });
    expect(readdirSync(folder)).toEqual([record.path.split('/').pop()]);

    const fresh = tempDir('keydesk-newpc-');
    const noSecret = keydesk(['restore', record.path, '--data-dir', fresh, '--json']);
    expect(noSecret.code).toBe(1);
    expect(noSecret.json()).toMatchObject({ ok: false, error: { code: 'BACKUP_NEEDS_SECRET', message: '请输入备份时使用的密码或恢复密钥。' } });

    const restored = keydesk(['restore', record.path, '--data-dir', fresh], env);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('审计链');
    expect(restored.stdout).toContain('恢复后：4 张卡密，审计链 完好');

    // The restored folder is open in a window: a second restore must wait.
    const open = testCore({ dataDir: fresh });
    try {
      const busy = keydesk(['restore', record.path, '--data-dir', fresh, '--json'], env);
      expect(busy.code).toBe(1);
      expect(busy.json()).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } });
    } finally {
      open.close();
    }
    expect(readdirSync(fresh).filter((e) => e.includes('restore'))).toEqual([]);
    const after = testCore({ dataDir: fresh });
    try {
      await after.services.vault.unlock({ passphrase: PASSPHRASE });
      expect(after.services.audit.verify().ok).toBe(true);
      expect(after.services.sqlite.prepare("select count(*) as n from keys where status = 'available'").get()).toEqual({ n: 4 });
    } finally {
      after.close();
    }
  }, 240_000);
});
