import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession, completeWizard, type Session } from './harness.js';

describe('cloud-sheet sync from the 库存 screen', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
    await s.page.goto(s.url);
    await completeWizard(s.page);
  });
  afterAll(async () => s?.close());

  it('the owner adds a synced file, checks it now, and sees what it brought and when', async () => {
    const { page } = s;
    // The product comes through the API the page itself uses; this test is about the sync tab.
    const res = await fetch(`${s.origin}/api/rpc/products.save`, {
      method: 'POST',
      headers: { 'x-keydesk-token': s.token, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'TX-VIP', name: '腾讯视频 VIP 月卡', priceFen: 1800 }),
    });
    expect(res.status).toBe(200);
    const folder = mkdtempSync(join(tmpdir(), 'keydesk-synced-'));
    const file = join(folder, '供应商共享表.csv');
    writeFileSync(file, '卡号,卡密\nT001,TXVIP-0001-AAAA\nT002,TXVIP-0002-BBBB\n');

    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('product-card-TX-VIP').click();
    await page.getByTestId('inventory-tab-sync').click();
    await page.getByTestId('sync-add').click();
    await page.getByTestId('sync-name').fill('华东卡商共享表');
    await page.getByTestId('sync-location').fill(file);
    await page.getByTestId('sync-unit-cost').fill('15.5');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('供应商共享表.csv').waitFor();
    await page.locator('[data-testid^="sync-run-"]').first().click();
    await page.getByText('新增 2 · 重复 0 · 无效 0').waitFor();
    await page.waitForTimeout(300);
    await s.screenshot('inventory-sync');
    await expect.poll(() => page.getByTestId('product-available').first().innerText()).toBe('2');
    expect(s.problems).toEqual([]);
  });
});
