import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWizard, openSession, type Session } from './harness.js';

const DAY_MS = 86_400_000;
const SECRETS = Array.from({ length: 30 }, (_, i) => `KD${String(i + 1).padStart(2, '0')}-QWER-TYUI-${String(1000 + i)}`);
const SOON = 5; // keys expiring within the week

/** A Beijing calendar day, `days` from now. */
function beijingDay(days: number): string {
  return new Date(Date.now() + days * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A supplier sheet as they come: a merged title row, a header, 30 keys and one row without a key. */
async function supplierFile(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('卡密');
  sheet.addRow(['XX影视会员 月卡 2026年11月批次']);
  sheet.mergeCells('A1:D1');
  sheet.addRow(['卡号', '卡密', '有效期', '备注']);
  SECRETS.forEach((secret, i) => {
    sheet.addRow([`88000000${String(i + 1).padStart(8, '0')}`, secret, i < SOON ? beijingDay(3) : '2027-12-31', '']);
  });
  sheet.addRow(['8800000000009999', '', '2027-12-31', '这一行没有卡密']);
  const path = join(dir, '供应商卡密-11月.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

const dialog = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal');

describe('库存: products, import, keys, export, undo', () => {
  let session: Session;
  let page: Page;
  let dir: string;
  // antd animates colours, modals and loading overlays for ~0.3 s: let them settle so each picture shows what the owner reads.
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await session.screenshot(`inventory-${name}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keydesk-e2e-import-'));
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page);
  });

  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts empty, with 新增商品 as the first action, and creates a product', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByText('还没有卡密').waitFor();
    await page.getByTestId('product-new').click();
    await page.getByTestId('product-name').fill('爱奇艺黄金会员 月卡');
    await page.getByTestId('product-code').fill('iqiyi-month');
    await page.getByTestId('product-price').fill('29.999');
    await page.getByTestId('product-save').click();
    // 元 with more than two decimals is refused on the field, before anything is sent.
    await page.getByText('最多两位小数').waitFor();
    await page.getByTestId('product-price').fill('29.9');
    await page.getByTestId('product-face-value').fill('30');
    await page.getByTestId('product-low-stock').fill('50');
    await page.getByTestId('product-save').click();
    await page.getByTestId('product-title').getByText('爱奇艺黄金会员 月卡').waitFor();
    await expect(page.getByTestId('product-header').innerText()).resolves.toContain('售价 ¥29.90');
  });

  it('shows a server-side field error on the field it names', async () => {
    await page.getByTestId('product-new').click();
    await page.getByTestId('product-name').fill('重复编码');
    await page.getByTestId('product-code').fill('iqiyi-month');
    await page.getByTestId('product-price').fill('1');
    await page.getByTestId('product-save').click();
    const item = page.locator('.ant-form-item').filter({ has: page.getByTestId('product-code') });
    await item.getByText('商品编码 iqiyi-month 已被使用').waitFor();
    await shot('1b-product-form');
    await page.locator('.ant-drawer:visible').getByRole('button', { name: '取消' }).click();
    await shot('1-products');
  });

  it('offers the import template and previews a supplier file with the columns guessed', async () => {
    await page.getByTestId('import-open').click();
    const template = page.waitForEvent('download');
    await page.getByTestId('import-template').click();
    expect((await template).suggestedFilename()).toBe('卡密导入模板.xlsx');
    expect(readFileSync((await (await template).path())!).subarray(0, 2).toString()).toBe('PK');

    const chooser = page.waitForEvent('filechooser');
    await page.getByText('点击或把文件拖到这里').click();
    await (await chooser).setFiles(await supplierFile(dir));
    await page.getByTestId('import-preview-table').waitFor();
    await expect(page.getByTestId('import-file-name').innerText()).resolves.toBe('供应商卡密-11月.xlsx');
    // The merged title is skipped: the header is row 2, and its words name the columns.
    await expect(page.getByTestId('import-header-row').innerText()).resolves.toContain('第 2 行');
    await expect(page.getByTestId('import-field-0').first().innerText()).resolves.toBe('卡号');
    await expect(page.getByTestId('import-field-1').first().innerText()).resolves.toBe('卡密');
    await expect(page.getByTestId('import-field-2').first().innerText()).resolves.toBe('有效期');
    // Secrets are masked even in the preview.
    await expect(page.getByTestId('import-preview-table').innerText()).resolves.toContain('KD01****00');
    await page.getByTestId('batch-supplier').fill('华东卡商');
    await page.getByTestId('batch-unit-cost').fill('25.5');
    await shot('2-preview');
  });

  it('refuses the whole file under all-or-nothing, then imports only the valid rows on request', async () => {
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result-title').innerText()).resolves.toBe('没有导入任何卡密');
    await expect(page.getByTestId('import-count-invalid').innerText()).resolves.toContain('1');
    await expect(page.getByTestId('import-invalid-table').innerText()).resolves.toMatch(/33\s+卡密为空/);
    await shot('3-result-rejected');

    // Held back a moment on its way to the core, so the running step can be seen at all with 30 rows.
    await page.route('**/api/rpc/inventory.import', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    }, { times: 1 });
    await page.getByTestId('import-retry-partial').click();
    await page.getByTestId('import-running').waitFor();
    await expect(page.getByTestId('import-cancel').isEnabled()).resolves.toBe(true);
    await shot('3b-progress');
    await page.getByTestId('import-result-title').getByText('已导入 30 张卡密').waitFor();
    await expect(page.getByTestId('import-count-imported').innerText()).resolves.toContain('30');
    await expect(page.getByTestId('import-count-invalid').innerText()).resolves.toContain('1');
    await shot('4-result');
    await page.getByTestId('import-done').click();
    await dialog(page).waitFor({ state: 'detached' });
  });

  it('lists the keys masked, with stock counts and warnings on the product', async () => {
    await page.getByTestId('keys-count').getByText('共 30 张').waitFor();
    await expect(page.getByTestId('stock-available').innerText()).resolves.toBe('30');
    const masked = await page.getByTestId('masked-secret').allInnerTexts();
    expect(masked.length).toBeGreaterThan(5);
    for (const text of masked) expect(text).toMatch(/^KD\d\d\*{4}\d\d$/);
    const list = await page.getByTestId('product-list').innerText();
    expect(list).toContain('低库存');
    expect(list).toContain(`${SOON} 张 7 天内到期`);
    await shot('5-keys');
  });

  it('reveals one key after asking why, and masks it again on request', async () => {
    await page.getByTestId('reveal-key').first().click();
    await expect(page.getByTestId('reveal-reason').inputValue()).resolves.toBe('店主查看');
    await page.getByTestId('reveal-ok').click();
    const shown = page.getByTestId('revealed-secret');
    await shown.waitFor();
    // Newest first: the last key of the file heads the table.
    await expect(shown.innerText()).resolves.toContain(SECRETS[29]);
    await dialog(page).waitFor({ state: 'detached' });
    await shot('6-reveal');
    await shown.getByRole('button').last().click();
    await shown.waitFor({ state: 'detached' });
  });

  it('voids a selected key with a reason', async () => {
    await page.getByTestId('keys-table').locator('.ant-table-row .ant-checkbox-input').first().check();
    await page.getByTestId('keys-void').click();
    await page.getByTestId('keys-reason-ok').click();
    await page.getByText('请填写原因').waitFor();
    await page.getByTestId('keys-reason-reason').fill('买家反馈卡密无效');
    await page.getByTestId('keys-reason-ok').click();
    await page.getByText('已作废 1 张').waitFor();
    await page.getByTestId('stock-void').getByText('1').waitFor();
    await expect(page.getByTestId('stock-available').innerText()).resolves.toBe('29');
  });

  it('asks for 导出明文 before a plaintext export, and exports a masked csv', async () => {
    await page.getByTestId('keys-export').click();
    await page.getByTestId('export-plaintext').check();
    await page.getByTestId('export-ok').click();
    const confirm = page.getByTestId('export-confirm-ok');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await page.getByTestId('export-confirm-input').fill('导出明文');
    await expect(confirm.isEnabled()).resolves.toBe(true);
    await shot('7-export-confirm');
    await dialog(page).getByRole('button', { name: '取消' }).click();

    await page.getByTestId('export-plaintext').uncheck();
    await page.getByTestId('export-format-csv').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-ok').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^卡密导出-打码-\d{12}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toContain('卡号,卡密,状态');
    expect(lines).toHaveLength(31);
    for (const secret of SECRETS) expect(csv).not.toContain(secret);
    expect(csv).toContain('已作废');
    await page.getByText(/已保存「卡密导出-打码-.*」（30 行）/).waitFor();
  });

  it('shows the batch with its supplier and cost', async () => {
    await page.getByTestId('inventory-tab-batches').click();
    const batches = page.getByTestId('batches-table');
    await batches.getByText('华东卡商').waitFor();
    const text = await batches.innerText();
    expect(text).toContain('¥25.50');
    expect(text).toContain('可用 29 / 共 30');
    await shot('8-batches');
    await page.getByTestId('batch-keys-1').click();
    await page.getByTestId('keys-count').getByText('共 30 张').waitFor();
    await expect(page.getByTestId('keys-filter-batch').innerText()).resolves.toContain('#1');
  });

  it('shows real stock figures on the home screen', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('home-available').getByText('29').waitFor();
    await expect(page.getByTestId('home-products').innerText()).resolves.toContain('1');
    await expect(page.getByTestId('home-lowStock').innerText()).resolves.toContain('1');
    await expect(page.getByTestId('home-expiring').innerText()).resolves.toContain(String(SOON));
    await expect(page.getByTestId('home-stock-alerts').innerText()).resolves.toContain('爱奇艺黄金会员 月卡');
    await shot('9-home');
    await page.getByTestId('home-alert-iqiyi-month').click();
    await page.getByTestId('product-title').waitFor();
  });

  it('keeps the refused import without undo, and undoes the committed one after a reason', async () => {
    await page.getByTestId('inventory-tab-imports').click();
    const table = page.getByTestId('imports-table');
    await table.getByText('已导入').waitFor();
    await expect(table.getByText('未导入').count()).resolves.toBe(1);
    await expect(table.getByTestId('import-undo').count()).resolves.toBe(1);
    await shot('10-imports');
    await table.getByTestId('import-undo').click();
    await page.getByTestId('undo-reason-reason').fill('供应商发错批次');
    await page.getByTestId('undo-reason-ok').click();
    await table.getByText('已撤销').waitFor();
    await expect(table.getByTestId('import-undo').count()).resolves.toBe(0);
    await page.getByTestId('inventory-tab-keys').click();
    await page.getByTestId('keys-count').getByText('共 0 张').waitFor();
  });

  it('reads in English too, without a React or console error on the way', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('inventory-tab-imports').getByText('Import history').waitFor();
    await shot('11-english');
    expect(session.problems).toEqual([]);
  });
});
