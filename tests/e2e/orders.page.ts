import type { Locator, Page } from 'playwright-core';

/**
 * Page helpers for 设置 › 店铺 and 订单, for the channels E2E test. Chinese UI (the default locale).
 * Rows are found by the text a merchant reads (shop name, platform order id); buttons by test id.
 * The orders table is virtual: only rows near the viewport exist, so filter by order id first.
 */

const visibleDrawer = (page: Page) => page.locator('.ant-drawer:visible');
const visibleModal = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal');
const visiblePopconfirm = (page: Page) => page.locator('.ant-popover:visible');

// ── 设置 › 店铺 ────────────────────────────────────────────────────────────────

export async function openShops(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-shops').click();
  await page.getByTestId('shop-add').waitFor();
}

export interface NewShop {
  /** The platform card's title, e.g. `淘宝/天猫` (PLATFORM_TITLES). */
  platform: string;
  name: string;
  /** By the contract's credential key: `{ appKey, appSecret, accessToken, endpoint, … }`. */
  credentials: Record<string, string>;
  pollSeconds?: number;
  catchUpHours?: number;
}

export interface TestOutcome {
  ok: boolean;
  /** Everything the result box says: the platform's message, the time taken, the platform's shop name. */
  text: string;
}

/** Fills 添加店铺 and presses 保存并测试连接, nothing more: for a form the owner got wrong. */
export async function addShopDraft(page: Page, shop: NewShop): Promise<void> {
  await page.getByTestId('shop-add').click();
  const drawer = visibleDrawer(page);
  await drawer.getByRole('radio', { name: shop.platform }).click();
  await drawer.getByTestId('shop-name').fill(shop.name);
  for (const [key, value] of Object.entries(shop.credentials)) await drawer.getByTestId(`shop-credential-${key}`).fill(value);
  if (shop.pollSeconds !== undefined) await drawer.getByTestId('shop-poll-seconds').fill(String(shop.pollSeconds));
  if (shop.catchUpHours !== undefined) await drawer.getByTestId('shop-catch-up-hours').fill(String(shop.catchUpHours));
  await drawer.getByTestId('shop-save').click();
}

/** Fills 添加店铺, saves, and waits for the 测试连接 that runs by itself; leaves the drawer open on the result. */
export async function addShop(page: Page, shop: NewShop): Promise<TestOutcome> {
  await addShopDraft(page, shop);
  return drawerTestOutcome(page);
}

/** The result of the automatic (or 重新测试) connection test in the open shop drawer, once it is in. */
export async function drawerTestOutcome(page: Page): Promise<TestOutcome> {
  const result = visibleDrawer(page).getByTestId('shop-test-result').filter({ hasText: /连接成功|连接失败/ });
  await result.waitFor();
  const text = await result.innerText();
  return { ok: text.includes('连接成功'), text };
}

/** The field error under a form field of the shop drawer (client rule or the core's INVALID_INPUT). */
export function shopFieldError(page: Page, testId: string): Locator {
  return visibleDrawer(page).locator('.ant-form-item').filter({ has: page.getByTestId(testId) }).locator('.ant-form-item-explain');
}

export async function closeShopDrawer(page: Page): Promise<void> {
  const drawer = visibleDrawer(page);
  const done = drawer.getByTestId('shop-done');
  if (await done.isVisible()) await done.click();
  else await drawer.getByRole('button', { name: '取消' }).click();
  await drawer.waitFor({ state: 'hidden' });
}

export function shopRow(page: Page, name: string): Locator {
  return page.getByTestId('shops-table').locator('tbody tr').filter({ has: page.getByTestId('shop-name-cell').getByText(name, { exact: true }) });
}

/** 正常 / 已暂停 / 需重新授权 / 出错. */
export function shopStatus(page: Page, name: string): Promise<string> {
  return shopRow(page, name).getByTestId('shop-status').innerText();
}

/** The notice a row action leaves above the table (test result, pull counts, or the error). */
async function rowAction(page: Page, name: string, testId: string): Promise<string> {
  const notice = page.getByTestId('shop-notice');
  // A previous notice for the same shop would satisfy the wait below: close it first.
  if (await notice.isVisible()) await notice.getByRole('button').last().click();
  await shopRow(page, name).getByTestId(testId).click();
  const fresh = notice.filter({ hasText: name });
  await fresh.waitFor();
  return fresh.innerText();
}

/** 测试连接 on a row; resolves with the notice, e.g. `「店」连接正常 … （用时 120 毫秒）`. */
export function testShop(page: Page, name: string): Promise<string> {
  return rowAction(page, name, 'shop-test');
}

/** 立即拉取 on a row; resolves with the notice, e.g. `「店」已拉取：3 个订单，4 个订单行`. */
export function syncShop(page: Page, name: string): Promise<string> {
  return rowAction(page, name, 'shop-sync');
}

export async function pauseShop(page: Page, name: string): Promise<void> {
  await shopRow(page, name).getByTestId('shop-pause').click();
  await visiblePopconfirm(page).getByRole('button', { name: '暂停' }).click();
  await shopRow(page, name).getByTestId('shop-resume').waitFor();
}

export async function resumeShop(page: Page, name: string): Promise<void> {
  await shopRow(page, name).getByTestId('shop-resume').click();
  await shopRow(page, name).getByTestId('shop-pause').waitFor();
}

/** 编辑 / 重新授权: opens the drawer of a saved shop (credential fields blank = keep). */
export async function editShop(page: Page, name: string): Promise<Locator> {
  await shopRow(page, name).getByTestId('shop-edit').click();
  const drawer = visibleDrawer(page);
  await drawer.getByTestId('shop-save').waitFor();
  return drawer;
}

// ── 订单 ────────────────────────────────────────────────────────────────────

/** Opens 订单; with at least one shop, waits for the table's first answer. */
export async function openOrders(page: Page): Promise<void> {
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('screen-orders').waitFor();
  await page.getByTestId('orders-results').or(page.getByTestId('orders-connect-shop')).waitFor();
  if (await page.getByTestId('orders-results').isVisible()) await ordersSettled(page);
}

export function ordersTable(page: Page): Locator {
  return page.getByTestId('orders-table');
}

/** The rendered rows of the table (virtual: those near the viewport). */
export function orderRows(page: Page): Locator {
  return ordersTable(page).locator('.ant-table-row');
}

export function orderRow(page: Page, platformOrderId: string): Locator {
  return orderRows(page).filter({ hasText: platformOrderId });
}

/** The status tag texts of the line rows of one order (an order with several lines has several rows). */
export function lineStatuses(page: Page, platformOrderId: string): Promise<string[]> {
  return orderRow(page, platformOrderId).getByTestId('line-status').allInnerTexts();
}

/** `已显示 N 行，共 M 行` under the table. */
export function ordersCount(page: Page): Promise<string> {
  return page.getByTestId('orders-count').innerText();
}

export interface OrdersFilter {
  /** Shop name as listed. */
  shop?: string;
  /** Status title, e.g. `已发货` (LINE_STATUS_TITLES). */
  status?: string;
  problems?: boolean;
  buyer?: string;
  platformOrderId?: string;
}

async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
}

/** Sets the given filters (others untouched) and waits for the table to answer. */
export async function filterOrders(page: Page, filter: OrdersFilter): Promise<void> {
  if (filter.shop !== undefined) await pickOption(page, page.getByTestId('orders-filter-shop'), filter.shop);
  if (filter.status !== undefined) await pickOption(page, page.getByTestId('orders-filter-status'), filter.status);
  if (filter.problems !== undefined) {
    const button = page.getByTestId('orders-filter-problems');
    if ((await button.getAttribute('aria-pressed')) !== String(filter.problems)) await button.click();
  }
  if (filter.buyer !== undefined) {
    await page.getByTestId('orders-filter-buyer').locator('input').fill(filter.buyer);
    await page.keyboard.press('Enter');
  }
  if (filter.platformOrderId !== undefined) {
    await page.getByTestId('orders-filter-order-id').locator('input').fill(filter.platformOrderId);
    await page.keyboard.press('Enter');
  }
  await ordersSettled(page);
}

/** Waits until the table shows the answer to the current filters (not the spinner of a new one). */
export async function ordersSettled(page: Page): Promise<void> {
  await page.locator('[data-testid="orders-results"][aria-busy="false"]').waitFor();
}

export async function clearOrderFilters(page: Page): Promise<void> {
  const clear = page.getByTestId('orders-filter-clear');
  if (await clear.isVisible()) await clear.click();
  await ordersSettled(page);
}

/** Count on a status chip (`全部`, `待处理`, or a status title). */
export async function chipCount(page: Page, label: string): Promise<number> {
  const chip = page.getByTestId('orders-status-chips').locator('.ant-tag').filter({ hasText: new RegExp(`^${label} `) });
  if ((await chip.count()) === 0) return 0;
  return Number((await chip.first().innerText()).replace(/\D/g, ''));
}

// ── 订单详情 ────────────────────────────────────────────────────────────────

/** Clicks the order's row and resolves with the detail drawer once its lines are shown. */
export async function openOrder(page: Page, platformOrderId: string): Promise<Locator> {
  await orderRow(page, platformOrderId).first().click();
  const drawer = visibleDrawer(page).filter({ has: page.getByTestId('order-header') });
  await drawer.getByTestId('order-line').first().waitFor();
  return drawer;
}

/** A line card in the detail drawer, by its item title. */
export function orderLine(drawer: Locator, title: string): Locator {
  return drawer.getByTestId('order-line').filter({ hasText: title });
}

/** The masked keys shown for a line, e.g. `['KD01****00']`. */
export function lineKeys(line: Locator): Promise<string[]> {
  return line.getByTestId('masked-secret').allInnerTexts();
}

/** The timeline's entry titles, oldest first. */
export function timelineTitles(drawer: Locator): Promise<string[]> {
  return drawer.getByTestId('timeline-entry').locator('strong').allInnerTexts();
}

/** Opens the raw payload of the n-th timeline entry (0-based) and returns its text. */
export async function timelinePayload(drawer: Locator, index: number): Promise<string> {
  const entry = drawer.getByTestId('timeline-entry').nth(index);
  await entry.getByText('原始报文').click();
  return entry.getByTestId('timeline-payload').innerText();
}

/** 立即发货 on a line (confirms the popover); resolves with the success or error message. */
export function deliverNow(page: Page, line: Locator): Promise<string> {
  return messageAfter(page, async () => {
    await line.getByTestId('line-deliver-now').click();
    await visiblePopconfirm(page).getByRole('button', { name: '立即发货' }).click();
  });
}

/** 重试 on a line; resolves with the message. */
export function retryLine(page: Page, line: Locator): Promise<string> {
  return messageAfter(page, () => line.getByTestId('line-retry').click());
}

/** 取消发货 on a line with the reason asked for; resolves with the message. */
export function cancelLine(page: Page, line: Locator, reason: string): Promise<string> {
  return messageAfter(page, async () => {
    await line.getByTestId('line-cancel').click();
    await page.getByTestId('line-cancel-reason').fill(reason);
    await page.getByTestId('line-cancel-ok').click();
  });
}

/**
 * 关联商品 on an unmapped line; resolves with the message, e.g. `已关联，已发出 3 单`. `beforeOk` runs with
 * the dialog filled in (for a picture of it).
 */
export async function mapLine(page: Page, line: Locator, opts: { product: string; quantity?: number; wholeItem?: boolean; beforeOk?: () => Promise<void> }): Promise<string> {
  await line.getByTestId('line-map').click();
  const modal = visibleModal(page);
  await pickOption(page, modal.getByTestId('map-product'), opts.product);
  if (opts.quantity !== undefined) await modal.getByTestId('map-quantity').fill(String(opts.quantity));
  if (opts.wholeItem) await modal.getByTestId('map-whole-item').check();
  await opts.beforeOk?.();
  return messageAfter(page, () => modal.getByTestId('map-ok').click());
}

/** Runs `act` and resolves with the antd message (success or error) it brought up, not an older one still shown. */
async function messageAfter(page: Page, act: () => Promise<void>): Promise<string> {
  const notices = page.locator('.ant-message-notice');
  await notices.evaluateAll((els) => els.forEach((el) => el.setAttribute('data-seen', '')));
  await act();
  const fresh = page.locator('.ant-message-notice:not([data-seen])').first();
  await fresh.waitFor();
  return fresh.innerText();
}
