import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFilter } from '../../src-shared/contract/index.js';
import { formatFen } from '../../src-shared/format.js';
import { presetRange } from '../../src-renderer/src/screens/reports/filters.js';
import { completeWizard, openSession, type Session } from './harness.js';
import { chartInk, chooseFilter, closeNotices, figure, openReports } from './reports.page.js';
import { seedReports, type Seed } from './reports-seed.js';
import { api, messageAfter } from './topup.page.js';

/** A chart with its data drawn, not only axes (measured: axes and labels alone stay well under this). */
const DRAWN = 4_000;
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

describe('报表: five reports over seeded history, filters, export, fee rates', () => {
  let session: Session;
  let page: Page;
  let seed: Seed;
  /** The screen's default range: the last 30 Beijing days. */
  let range: ReportFilter;
  const shot = async (name: string) => {
    await closeNotices(page);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(600);
    await session.screenshot(name);
  };

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page);
    // Before the first sale: the steps that lead to one, not empty charts.
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-empty').getByText('还没有报表数据').waitFor();
    seed = await seedReports(session);
    range = presetRange('last30', Date.now());
    await page.reload();
  });

  afterAll(async () => session?.close());

  it('draws every tab with the numbers the reports give for the same filters', async () => {
    await openReports(page, 'hot');
    const hot = await api(session, 'reports.hot', { ...range, sortBy: 'revenue', limit: 200 });
    expect(hot.rows.length).toBeGreaterThanOrEqual(6);
    const firstRow = page.getByTestId('hot-table').locator('.ant-table-row').first();
    await expect.poll(() => firstRow.getByTestId('hot-product').innerText()).toBe(hot.rows[0]!.productName);
    expect(await firstRow.getByTestId('hot-revenueFen').innerText()).toBe(formatFen(hot.rows[0]!.revenueFen));
    expect(await page.getByTestId('hot-totals').innerText()).toContain(formatFen(hot.totals.revenueFen));
    expect(await chartInk(page.getByTestId('hot-chart'))).toBeGreaterThan(DRAWN);
    await shot('reports-hot');

    await page.getByTestId('reports-tab-profit').click();
    expect(page.url()).toMatch(/#\/reports\/profit$/);
    const profit = await api(session, 'reports.profit', { ...range, groupBy: 'day' });
    await expect.poll(() => figure(page, 'profit-totals-revenue')).toBe(formatFen(profit.totals.revenueFen));
    expect(await figure(page, 'profit-totals-profit')).toBe(formatFen(profit.totals.profitFen));
    expect(await figure(page, 'profit-totals-fee')).toBe(formatFen(profit.totals.feeFen));
    expect(await figure(page, 'profit-totals-margin')).toBe(pct(profit.totals.profitFen / (profit.totals.revenueFen - profit.totals.refundFen)));
    expect(profit.totals.refundFen).toBeGreaterThan(0);
    expect(await chartInk(page.getByTestId('profit-chart'))).toBeGreaterThan(DRAWN);
    await shot('reports-profit');

    await page.getByTestId('reports-tab-customers').click();
    const customers = await api(session, 'reports.customers', range);
    await expect.poll(() => figure(page, 'customers-totals-orders')).toBe(customers.totals.orders.toLocaleString('zh-CN'));
    expect(await figure(page, 'customers-totals-returning')).toBe(customers.totals.returningBuyers.toLocaleString('zh-CN'));
    expect(customers.totals.returningBuyers).toBeGreaterThan(0);
    for (const chart of ['customers-pie', 'customers-shops', 'customers-trend']) expect(await chartInk(page.getByTestId(chart))).toBeGreaterThan(DRAWN);
    // Only the 独立站 gives regions: the table has them, and says the other orders have none.
    const top = customers.byRegion[0]!;
    expect(top.region).toMatch(/^(广东|浙江|江苏|上海|北京|四川|山东|湖北|福建|河南)$/);
    expect(await page.getByTestId('customers-region-table').locator('.ant-table-row').first().innerText()).toContain(top.region);
    expect(await page.getByTestId('customers-without-region').innerText()).toBe(`另有 ${customers.withoutRegion.toLocaleString('zh-CN')} 单没有地区信息（平台不提供）。`);
    await shot('reports-customers');

    await page.getByTestId('reports-tab-inventory').click();
    const inventory = await api(session, 'reports.inventory', range);
    const xmly = inventory.products.find((p) => p.productName === '喜马拉雅VIP会员月卡')!;
    expect(xmly.daysLeft).toBeLessThan(7);
    const xmlyRow = page.getByTestId('inventory-products').locator('.ant-table-row').filter({ hasText: '喜马拉雅VIP会员月卡' });
    await expect.poll(() => xmlyRow.getByTestId('days-left').getAttribute('class')).toContain('ant-tag-red');
    const soon = inventory.expiring.filter((e) => e.within === 7);
    expect(soon.length).toBe(1);
    expect(await page.getByTestId('expiring-7-total').innerText()).toBe(`共 ${soon[0]!.keys} 张，成本 ${formatFen(soon[0]!.costFen)}`);
    expect(await chartInk(page.getByTestId('inventory-chart'))).toBeGreaterThan(DRAWN);
    await shot('reports-inventory');

    // A link can open a tab: the hash section.
    await page.goto(`${session.url}#/reports/suppliers`);
    const suppliers = await api(session, 'reports.suppliers', range);
    expect(suppliers.suppliers[0]!.supplier).toBe('星耀批发');
    const worst = page.getByTestId('suppliers-table').locator('.ant-table-row').first();
    await expect.poll(() => worst.getByTestId('supplier-name').innerText()).toBe('星耀批发');
    expect(await worst.getByTestId('supplier-claim-rate').innerText()).toBe(pct(suppliers.suppliers[0]!.claimRate));
    expect(await worst.getByTestId('supplier-claim-rate').getAttribute('data-bad')).toBe('true');
    expect(await chartInk(page.getByTestId('suppliers-chart'))).toBeGreaterThan(DRAWN);
    await shot('reports-suppliers');
    expect(session.problems).toEqual([]);
  });

  it('narrows to one shop in every tab, and exports the report and the 对账单 as .xlsx', async () => {
    const pdd = seed.shops.find((s) => s.platform === 'pdd')!;
    await openReports(page, 'profit');
    const all = await api(session, 'reports.profit', { ...range, groupBy: 'day' });
    await expect.poll(() => figure(page, 'profit-totals-revenue')).toBe(formatFen(all.totals.revenueFen));
    await chooseFilter(page, 'reports-filter-shops', pdd.name);
    const one = await api(session, 'reports.profit', { ...range, shopIds: [pdd.id], groupBy: 'day' });
    expect(one.totals.revenueFen).toBeLessThan(all.totals.revenueFen);
    await expect.poll(() => figure(page, 'profit-totals-revenue')).toBe(formatFen(one.totals.revenueFen));
    // The filter stays when the tab changes.
    await page.getByTestId('reports-tab-customers').click();
    const customers = await api(session, 'reports.customers', { ...range, shopIds: [pdd.id] });
    await expect.poll(() => figure(page, 'customers-totals-orders')).toBe(customers.totals.orders.toLocaleString('zh-CN'));

    await page.getByTestId('reports-tab-profit').click();
    await page.getByTestId('profit-by-shop').click();
    await expect.poll(() => page.getByTestId('profit-table').getByTestId('profit-label').allInnerTexts()).toEqual([pdd.name]);
    const download = page.waitForEvent('download');
    await page.getByTestId('reports-export-profit').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`利润分析-${range.from.replaceAll('-', '')}-${range.to.replaceAll('-', '')}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await file.path())!);
    const sheet = book.worksheets[0]!;
    expect(JSON.stringify(sheet.getRow(2).values)).toContain(pdd.name);

    const statement = page.waitForEvent('download');
    await page.getByTestId('reports-statement').click();
    const statementFile = await statement;
    expect(statementFile.suggestedFilename()).toMatch(/^对账单-\d{8}-\d{8}\.xlsx$/);
    const sheetBook = new ExcelJS.Workbook();
    await sheetBook.xlsx.readFile((await statementFile.path())!);
    // Header, one row per line of the shop in the range, and the totals.
    expect(sheetBook.worksheets[0]!.actualRowCount).toBe(one.totals.lines + 2);
    await page.getByTestId('reports-filter-clear').click();
    expect(session.problems).toEqual([]);
  });

  it('edits a shop\'s fee rate: a bad one is refused in Chinese on the field, a good one re-counts 平台费', async () => {
    const pdd = seed.shops.find((s) => s.platform === 'pdd')!;
    await openReports(page, 'profit');
    const before = await api(session, 'reports.profit', { ...range, groupBy: 'day' });
    await expect.poll(() => figure(page, 'profit-totals-fee')).toBe(formatFen(before.totals.feeFen));

    await page.getByTestId('reports-fee-rates').click();
    const field = page.getByTestId(`fee-rate-${pdd.id}`);
    await field.fill('35');
    await page.getByTestId(`fee-save-${pdd.id}`).click();
    expect(await page.getByTestId(`fee-error-${pdd.id}`).innerText()).toBe('费率不能超过 30%');
    expect((await api(session, 'reports.feeRates', {})).find((r) => r.shopId === pdd.id)!.rateBp).toBe(pdd.feeRateBp);

    await field.fill('1.5');
    const saved = await messageAfter(page, () => page.getByTestId(`fee-save-${pdd.id}`).click());
    expect(saved).toBe(`已保存「${pdd.name}」的平台费率 1.50%，利润已按新费率重算`);
    expect((await api(session, 'reports.feeRates', {})).find((r) => r.shopId === pdd.id)!.rateBp).toBe(150);
    await page.keyboard.press('Escape');

    const after = await api(session, 'reports.profit', { ...range, groupBy: 'day' });
    expect(after.totals.feeFen).toBeGreaterThan(before.totals.feeFen);
    await expect.poll(() => figure(page, 'profit-totals-fee')).toBe(formatFen(after.totals.feeFen));
    expect(await figure(page, 'profit-totals-profit')).toBe(formatFen(after.totals.profitFen));

    // 重新计算 from the raw orders gives the same numbers the ledger kept incrementally.
    await page.getByTestId('reports-rebuild').click();
    const rebuilt = await messageAfter(page, () => page.locator('.ant-popconfirm').getByRole('button', { name: '重新计算' }).click());
    expect(rebuilt).toMatch(/^已重新计算 [\d,]+ 行，用时 [\d.]+ 秒$/);
    expect(await api(session, 'reports.profit', { ...range, groupBy: 'day' })).toEqual(after);
    expect(session.problems).toEqual([]);
  });
});
