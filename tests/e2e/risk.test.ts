import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWizard, openSession, type Session } from './harness.js';
import { openOrder, openOrders, filterOrders } from './orders.page.js';
import {
  approveHold, blacklistHold, chooseOption, conditionError, draftListEntry, exportList, holdDetail, holdRow, listRow, openRisk, ordersByOneBuyer, ruleEditor, ruleRow,
  setConditionType, waitForHold,
} from './risk.page.js';
import { api, messageAfter } from './topup.page.js';

const DEMO_SHOP = '我的试用店铺';
const DEMO_PRODUCT_CODE = 'DEMO-IQIYI-M';
const VELOCITY_RULE = '同一买家 1 小时内超过 3 单';
const FAST_BUYER = { id: 'e2e_fast_buyer', nick: '刷单小号01' };
/** Orders reach KeyDesk on the demo shop's next poll. */
const WAIT_MS = 90_000;
/** A test that waits for captured orders (and then for their delivery) gets room for both waits. */
const CAPTURE_TEST_MS = 3 * WAIT_MS;

describe('风控: the held queue, the rule editor with 试跑, the lists', () => {
  let session: Session;
  let page: Page;
  /** The fast buyer's orders, oldest first. */
  let fastOrders: string[] = [];
  const shot = async (name: string) => {
    // The desktop-style notices of new holds would cover the screen being shown.
    for (const close of await page.locator('.ant-notification-notice-close').all()) await close.click().catch(() => undefined);
    await page.waitForTimeout(400);
    await session.screenshot(name);
  };

  /** Polls the core until the line of `platformOrderId` has `status`. */
  async function lineStatus(platformOrderId: string, status: string): Promise<void> {
    await expect
      .poll(async () => (await api(session, 'orders.list', { platformOrderId, limit: 10 })).lines.map((l) => l.status).join(','), { timeout: WAIT_MS, interval: 1000 })
      .toBe(status);
  }

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page, { demoShop: true });
  });

  afterAll(async () => session?.close());

  it('holds the 4th order of one buyer within an hour, with the rule as its reason, and 放行 delivers it', async () => {
    fastOrders = await ordersByOneBuyer(session, { shopName: DEMO_SHOP, productCode: DEMO_PRODUCT_CODE, buyer: FAST_BUYER, count: 4 });
    await openRisk(page, 'queue');
    const row = await waitForHold(page, fastOrders[3]!, WAIT_MS);
    expect(await row.getByTestId('hold-reasons').innerText()).toContain(VELOCITY_RULE);
    expect(await row.getByTestId('hold-action').innerText()).toBe('审核');
    expect(await row.getByTestId('hold-amount').innerText()).toContain('¥19.90');
    expect(await row.getByTestId('hold-deadline').innerText()).toMatch(/^还剩 /);
    const detail = await holdDetail(row);
    expect(await detail.getByTestId('signal-velocity').innerText()).toContain('同一买家 1 小时内 4 单');
    expect(Number(await page.getByTestId('risk-open-badge').innerText())).toBeGreaterThanOrEqual(1);
    // The first three went out: only the fourth is held.
    for (const id of fastOrders.slice(0, 3)) await lineStatus(id, 'delivered');
    expect(await holdRow(page, fastOrders[0]!).count()).toBe(0);
    await shot('risk-queue');

    const done = await approveHold(page, row);
    expect(done).toBe(`已放行 ${fastOrders[3]}，开始发货`);
    await lineStatus(fastOrders[3]!, 'delivered');
    await row.waitFor({ state: 'detached' });
    const closed = await api(session, 'risk.holds.list', { status: 'closed', limit: 50 });
    expect(closed.holds.find((h) => h.platformOrderId === fastOrders[3])?.status).toBe('approved');
  }, CAPTURE_TEST_MS);

  it('refuses a rule with an invalid regex in Chinese; fixed, its 试跑 finds the buyer\'s orders and it is saved as 仅观察', async () => {
    const before = (await api(session, 'risk.rules.list', {})).rules.length;
    await openRisk(page, 'rules');
    await ruleRow(page, VELOCITY_RULE).waitFor();
    await page.getByTestId('rule-add').click();
    const editor = ruleEditor(page);
    await editor.getByTestId('rule-name').fill('昵称像刷单小号');
    await setConditionType(page, editor, 0, '文本匹配');
    await chooseOption(page, editor.getByTestId('cond-0-op'), '匹配正则');
    await editor.getByTestId('cond-0-text').fill('刷单(小号');
    await editor.getByTestId('cond-0-text').blur();
    await expect.poll(() => conditionError(editor, 0)).toMatch(/^第 1 个条件：正则表达式无效/);
    // Neither 试跑 nor 保存 goes through while it is wrong, and nothing was saved.
    await editor.getByTestId('rule-save').click();
    await editor.getByTestId('rule-error').getByText('请先改正标红的项目').waitFor();
    expect((await api(session, 'risk.rules.list', {})).rules.length).toBe(before);

    await editor.getByTestId('cond-0-text').fill('^刷单小号');
    await expect.poll(() => conditionError(editor, 0)).toBe('');
    await editor.getByTestId('rule-backtest').click();
    const result = editor.getByTestId('backtest-result');
    await result.waitFor();
    expect(await result.getByTestId('backtest-summary').innerText()).toMatch(/^过去 30 天这条规则会命中 4 单（¥79\.60），其中 0 单后来退款了。$/);
    expect(await result.getByTestId('backtest-samples').locator('.ant-table-row').filter({ hasText: fastOrders[0]! }).count()).toBe(1);
    await shot('risk-rules');

    const saved = await messageAfter(page, () => editor.getByTestId('rule-save').click());
    expect(saved).toBe('已保存规则「昵称像刷单小号」（仅观察，不会拦订单）');
    const row = ruleRow(page, '昵称像刷单小号');
    await row.waitFor();
    expect(await row.getByTestId('rule-observe-tag').innerText()).toBe('仅观察');
    expect(await row.getByTestId('rule-conditions').innerText()).toBe('昵称匹配正则 /^刷单小号/');
    await shot('risk-rules-list');

    // Order matters (first match wins): 上移 puts it before the IP rule; the switch turns it off.
    await row.getByTestId('rule-up').click();
    await expect.poll(async () => (await row.getByTestId('rule-position').innerText()).trim()).toBe(String(before));
    await row.getByTestId('rule-enabled').click();
    await row.getByText('已停用').waitFor();
    const after = (await api(session, 'risk.rules.list', {})).rules;
    expect(after.map((r) => r.name).slice(-2)).toEqual(['昵称像刷单小号', '同一 IP 1 小时内超过 10 单']);
    expect(after.find((r) => r.name === '昵称像刷单小号')?.enabled).toBe(false);
    const rules = (await api(session, 'risk.rules.list', {})).rules;
    expect(rules).toHaveLength(before + 1);
    expect(rules.find((r) => r.name === '昵称像刷单小号')).toMatchObject({ mode: 'observe', action: 'review', conditions: [{ field: 'text', subject: 'nick', op: 'matches', value: '^刷单小号' }] });
  }, CAPTURE_TEST_MS);

  it('拉黑并拒绝 puts the buyer on the blacklist and keeps the order from being delivered', async () => {
    const [fifth] = await ordersByOneBuyer(session, { shopName: DEMO_SHOP, productCode: DEMO_PRODUCT_CODE, buyer: FAST_BUYER, count: 1 });
    await openRisk(page, 'queue');
    const row = await waitForHold(page, fifth!, WAIT_MS);
    const done = await blacklistHold(page, row, ['买家'], '一小时内连拍五单');
    expect(done).toBe(`已拒绝 ${fifth}，1 项加入黑名单`);
    await row.waitFor({ state: 'detached' });
    await lineStatus(fifth!, 'cancelled');
    const black = await api(session, 'risk.lists.list', { list: 'black', subject: 'buyer' });
    expect(black.entries.filter((e) => e.source === 'order')).toHaveLength(1);
  }, CAPTURE_TEST_MS);

  it('shows why a verify hold could not send its code, and 拒绝 needs a reason before it cancels the order', async () => {
    // Set-up, not under test: an enforcing rule that asks this buyer for a code.
    await api(session, 'risk.rules.save', {
      rule: { name: '这个昵称要验证', action: 'verify', mode: 'enforce', score: 10, conditions: [{ field: 'text', subject: 'nick', op: 'equals', value: '要验证的买家' }] },
    });
    const [order] = await ordersByOneBuyer(session, { shopName: DEMO_SHOP, productCode: DEMO_PRODUCT_CODE, buyer: { id: 'e2e_verify_buyer', nick: '要验证的买家' }, count: 1 });
    await openRisk(page, 'queue');
    const row = await waitForHold(page, order!, WAIT_MS);
    expect(await row.getByTestId('hold-action').innerText()).toBe('验证');
    expect(await row.getByTestId('hold-reasons').innerText()).toBe('这个昵称要验证');
    const detail = await holdDetail(row);
    const box = detail.getByTestId('verify-box');
    // 淘宝 gives no phone number: the box says so instead of pretending a code went out.
    await box.getByTestId('verify-error').getByText('买家没有留手机号，无法发送验证码，请人工核实后放行').waitFor({ timeout: 30_000 });
    expect(await box.getByTestId('verify-status').innerText()).toBe('还没发送');
    expect(await box.getByTestId('verify-submit').isDisabled()).toBe(true);
    await box.scrollIntoViewIfNeeded();
    await shot('risk-verify');

    await row.getByTestId('hold-reject').click();
    const reason = page.getByTestId('hold-reject-reason');
    await reason.waitFor();
    await expect.poll(async () => {
      await page.getByTestId('hold-reject-ok').click();
      return page.locator('.ant-modal-wrap:visible .ant-form-item-explain-error').allInnerTexts();
    }).toEqual(['请填写原因']);
    expect((await api(session, 'risk.holds.list', { status: 'open' })).holds.some((h) => h.platformOrderId === order)).toBe(true);
    await reason.fill('买家联系不上，不发货');
    const done = await messageAfter(page, () => page.getByTestId('hold-reject-ok').click());
    expect(done).toBe(`已拒绝 ${order}，不会发货`);
    await lineStatus(order!, 'cancelled');
  }, CAPTURE_TEST_MS);

  it('refuses an invalid IP range in the browser, adds a valid one, and exports the list', async () => {
    await openRisk(page, 'lists');
    const before = (await api(session, 'risk.lists.list', { list: 'black' })).total;
    const modal = await draftListEntry(page, { subject: 'IP', value: '10.0.0.0/33', note: '机房网段' });
    await modal.getByTestId('list-add-ok').click();
    await modal.getByText('「10.0.0.0/33」的掩码位数应在 0–32 之间').waitFor();
    expect((await api(session, 'risk.lists.list', { list: 'black' })).total).toBe(before);

    await modal.getByTestId('list-add-value').fill('10.0.0.0/8');
    const added = await messageAfter(page, () => modal.getByTestId('list-add-ok').click());
    expect(added).toBe('已把 10.0.0.0/8 加入黑名单');
    await listRow(page, '10.0.0.0/8').waitFor();
    await shot('risk-lists');

    // 导入: good rows go in, a repeat is counted, bad rows come back with their row number and reason.
    const sheetDir = mkdtempSync(join(tmpdir(), 'keydesk-risk-import-'));
    try {
      const sheet = join(sheetDir, '黑名单.csv');
      writeFileSync(sheet, '类型,内容,备注\nIP,192.0.2.0/24,批量注册\n手机号,13800000000,\nIP,10.0.0.0/8,已经有了\nIP,300.1.1.1,\n网名,abc,\n');
      await page.getByTestId('list-import').click();
      const modal = page.getByTestId('list-import-modal');
      await modal.locator('input[type=file]').setInputFiles(sheet);
      const result = modal.getByTestId('list-import-result');
      await result.waitFor();
      expect(await result.locator('.ant-result-title').innerText()).toBe('导入 2 条，重复跳过 1 条，有问题 2 行');
      const problems = await result.getByTestId('list-import-problems').locator('.ant-table-row').allInnerTexts();
      expect(problems.join('\n')).toMatch(/第 5 行[\s\S]*300\.1\.1\.1[\s\S]*第 6 行/);
      await modal.getByTestId('list-import-close').click();
      await listRow(page, '192.0.2.0/24').waitFor();
    } finally {
      rmSync(sheetDir, { recursive: true, force: true });
    }

    const download = await exportList(page);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const dir = mkdtempSync(join(tmpdir(), 'keydesk-risk-export-'));
    try {
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const values: string[] = [];
      book.worksheets[0]!.eachRow((r) => values.push(String(r.getCell(2).value)));
      expect(values).toContain('10.0.0.0/8');
      expect(values.some((v) => v.includes(FAST_BUYER.id))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, CAPTURE_TEST_MS);

  it('加入黑名单 from an order in 订单 puts its buyer on the list in one click', async () => {
    const [order] = await ordersByOneBuyer(session, { shopName: DEMO_SHOP, productCode: DEMO_PRODUCT_CODE, buyer: { id: 'e2e_chargeback_buyer', nick: '退款专业户' }, count: 1 });
    await lineStatus(order!, 'delivered');
    await openOrders(page);
    await filterOrders(page, { platformOrderId: order! });
    const drawer = await openOrder(page, order!);
    await drawer.getByTestId('line-blacklist').click();
    const done = await messageAfter(page, () => page.getByTestId('line-blacklist-ok').click());
    expect(done).toBe('已加入黑名单 1 项');
    const black = await api(session, 'risk.lists.list', { list: 'black', subject: 'buyer' });
    expect(black.entries.filter((e) => e.source === 'order')).toHaveLength(2);
    await page.keyboard.press('Escape');
  }, CAPTURE_TEST_MS);

  it('counts the velocity rule\'s hits in 统计', async () => {
    await openRisk(page, 'stats');
    const row = page.getByTestId('stats-table').locator('.ant-table-row').filter({ hasText: VELOCITY_RULE });
    await row.waitFor();
    expect(Number(await row.getByTestId('stats-rule-hits').innerText())).toBeGreaterThanOrEqual(2);
    await shot('risk-stats');
    await openRisk(page, 'settings');
    await page.getByTestId('sms-card').waitFor();
    await shot('risk-settings');
  }, CAPTURE_TEST_MS);

  it('left nothing in the console', () => {
    expect(session.problems).toEqual([]);
  });
});
