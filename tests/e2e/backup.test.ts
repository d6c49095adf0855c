// 设置 → 备份与恢复 in a real browser against `keydesk serve`: choose a folder, back up now (a history row and
// a file appear), stage a verified restore of it and call it off, and see a cut file refused in Chinese.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { completeWizard, openSession, type Session } from './harness.js';
import { api } from './topup.page.js';
import { stockedCore } from '../integration/backup/helpers.js';

/** The first session's installation, as its backup file names show it (`keydesk-<id>-…`). */
let firstId = '';

describe('备份与恢复 settings tab', () => {
  let session: Session;
  let page: Page;
  let folder: string;
  let recoveryKey: string;
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await session.screenshot(name);
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'keydesk-e2e-backups-'));
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    recoveryKey = await completeWizard(page);
    // Something to back up: a product with 12 keys.
    const product = await api(session, 'products.save', { code: 'IQIYI-M', name: '爱奇艺黄金会员月卡', priceFen: 1990 });
    const keys = Array.from({ length: 12 }, () => `E2E-${randomUUID()}`).join('\n');
    await api(session, 'inventory.import', { jobId: randomUUID(), source: { text: keys }, productId: product.id, batch: { unitCostFen: 1500 } });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-backup').click();
    await page.getByTestId('backup-section').waitFor();
  });

  afterAll(async () => {
    await session?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('saves a folder and a daily schedule, then 立即备份 adds a history row and a file', async () => {
    expect(await page.getByTestId('backup-run').isDisabled()).toBe(true);
    await shot('backup-empty');
    await page.getByTestId('backup-folder').fill(folder);
    await page.getByTestId('backup-schedule').getByText('每天').click();
    await page.getByTestId('backup-settings-save').click();
    await expect.poll(() => page.getByTestId('backup-schedule-status').innerText()).toContain('下次自动备份');
    expect(await page.getByTestId('backup-run').isDisabled()).toBe(false);

    await page.getByTestId('backup-run').click();
    const result = page.getByTestId('backup-run-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('已备份：keydesk-');
    const rows = page.getByTestId('backup-history').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('成功');
    expect(await rows.first().innerText()).toContain('手动');
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^keydesk-\w{8}-\d{8}-\d{6}\.kdbak$/);
    firstId = files[0]!.split('-')[1]!;
    expect(statSync(join(folder, files[0]!)).size).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('backup-files').locator('tr.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('backup-files').innerText()).toContain('本机');
    expect(await rows.first().innerText()).toContain('12');
    await shot('backup-done');
    await page.getByTestId('backup-files').scrollIntoViewIfNeeded();
    await shot('backup-history-and-files');
  });

  it('verifies and stages a restore of it, shows every check, and can call it off', async () => {
    await page.getByTestId('backup-file-restore').first().click();
    const modal = page.getByTestId('restore-modal');
    await modal.getByTestId('restore-header').waitFor();
    expect(await modal.getByTestId('restore-header').innerText()).toContain('本机（同一个安装）');
    await shot('backup-restore-header');
    await modal.getByTestId('restore-verify').click();
    const verified = modal.getByTestId('restore-verified');
    await verified.waitFor();
    const text = await verified.innerText();
    for (const check of ['完整性', '审计链', '数量', '校验全部通过']) expect(text).toContain(check);
    expect(text).toContain('请停止 keydesk serve');
    await shot('backup-restore-verified');
    await modal.getByTestId('restore-close').click();
    const banner = page.getByTestId('restore-staged');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('已准备好恢复');
    await shot('backup-restore-staged');
    await banner.getByTestId('restore-cancel').click();
    await banner.waitFor({ state: 'detached' });
    expect(readdirSync(session.dataDir)).not.toContain('restore-staged');
  });

  it('a truncated backup file is refused with a clear Chinese error, nothing staged', async () => {
    const cut = join(mkdtempSync(join(tmpdir(), 'keydesk-e2e-cut-')), 'cut.kdbak');
    copyFileSync(join(folder, readdirSync(folder)[0]!), cut);
    truncateSync(cut, statSync(cut).size - 1);
    await page.getByTestId('restore-path').fill(cut);
    await page.getByTestId('restore-path-open').click();
    const error = page.getByTestId('restore-modal').getByTestId('restore-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('备份文件不完整');
    expect(await error.innerText()).toContain('当前数据未做任何更改');
    await shot('backup-restore-truncated');
    await page.getByTestId('restore-close').click();
    expect(readdirSync(session.dataDir).filter((e) => e.includes('restore'))).toEqual([]);
    rmSync(cut, { force: true });
    expect(session.problems).toEqual([]);
  });

  it("another installation's backup is refused over existing data, with the reason", async () => {
    const other = await stockedCore(2);
    await other.core.services.backups.run({ folder });
    other.core.close();
    await page.getByTestId('settings-tab-audit').click();
    await page.getByTestId('settings-tab-backup').click();
    const row = page.getByTestId('backup-files').locator('tr.ant-table-row').filter({ hasText: '其他电脑' });
    await row.waitFor();
    await row.getByTestId('backup-file-restore').click();
    const blocked = page.getByTestId('restore-modal').getByTestId('restore-blocked');
    await blocked.waitFor();
    expect(await blocked.innerText()).toContain('12 张卡密');
    expect(await page.getByTestId('restore-verify').count()).toBe(0);
    await shot('backup-restore-other-installation');
    await page.getByTestId('restore-close').click();
  });

  it('a new computer restores the backup with the recovery key', async () => {
    const mine = readdirSync(folder).find((f) => f.startsWith(`keydesk-${firstId}-`))!;
    const fresh = await openSession();
    try {
      const p = fresh.page;
      await p.goto(fresh.url);
      await completeWizard(p);
      await p.getByTestId('nav-settings').click();
      await p.getByTestId('settings-tab-backup').click();
      await p.getByTestId('restore-path').fill(join(folder, mine));
      await p.getByTestId('restore-path-open').click();
      const modal = p.getByTestId('restore-modal');
      await modal.getByTestId('restore-secret').waitFor();
      await modal.getByText('恢复密钥', { exact: true }).click();
      await modal.getByTestId('restore-recovery-key').fill(recoveryKey);
      await p.waitForTimeout(400);
      await fresh.screenshot('backup-restore-new-computer');
      await modal.getByTestId('restore-verify').click();
      await modal.getByTestId('restore-verified').waitFor();
      expect(await modal.innerText()).toContain('请用备份时的密码或恢复密钥解锁');
      expect(await modal.innerText()).toContain('12 张卡密');
      expect(fresh.problems).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
