import type { Download, Locator, Page } from 'playwright-core';
import type { Session } from './harness.js';
import { control, messageAfter } from './topup.page.js';

/**
 * Page helpers for 风控 (held queue, rule editor with 试跑, lists), for the risk E2E test. Chinese UI
 * (the default locale). Rows are found by what a merchant reads (platform order id, rule name, list
 * value); buttons by test id.
 */

const visibleModal = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal');
const visiblePopconfirm = (page: Page) => page.locator('.ant-popover:visible');

// ── widgets ─────────────────────────────────────────────────────────────────

/** Resolves once no select dropdown is open (a closing one still counts: it would catch the next click). */
async function noDropdown(page: Page): Promise<void> {
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.ant-select-dropdown')).some((e) => (e as HTMLElement).offsetParent !== null));
}

/**
 * Chooses an option of an antd Select inside a drawer. Unlike a retry with Escape, this never presses a
 * key: Escape would close the drawer with the form in it.
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await noDropdown(page);
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
  await noDropdown(page);
  const shown = await select.innerText();
  if (!shown.includes(label)) throw new Error(`chooseOption: 「${label}」 was not chosen (shows 「${shown}」)`);
}

// ── set-up outside the screen ─────────────────────────────────────────────

export interface SandboxBuyer {
  id: string;
  nick: string;
  ip?: string;
  deviceId?: string;
}

/**
 * `count` paid orders, one after another, by the same buyer in the sandbox shop `shopName`, for an item
 * mapped by 商家编码. 淘宝 gives payment times to the second: a little more than a second apart, the
 * orders are in a definite order, as a real buyer's are.
 */
export async function ordersByOneBuyer(session: Session, opts: { shopName: string; productCode: string; buyer: SandboxBuyer; count: number; priceFen?: number }): Promise<string[]> {
  const state = await control<{ shops: { shopId: string; name: string }[] }>(session, 'taobao/state');
  const shop = state.shops.find((s) => s.name === opts.shopName);
  if (!shop) throw new Error(`no sandbox shop named ${opts.shopName}`);
  const item = await control<{ itemId: string }>(session, 'taobao/createItem', { shopId: shop.shopId, title: '爱奇艺黄金会员月卡 自动发货', priceFen: opts.priceFen ?? 1990, outerId: opts.productCode });
  const ids: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1100));
    const order = await control<{ orderId: string }>(session, 'taobao/createOrder', { shopId: shop.shopId, lines: [{ itemId: item.itemId, quantity: 1 }], buyer: opts.buyer, pay: true });
    ids.push(order.orderId);
  }
  return ids;
}

// ── 风控 ────────────────────────────────────────────────────────────────────

export type RiskTab = 'queue' | 'rules' | 'lists' | 'stats' | 'settings';

export async function openRisk(page: Page, tab: RiskTab): Promise<void> {
  await page.getByTestId('nav-risk').click();
  await page.getByTestId(`risk-tab-${tab}`).click();
}

/** The queue row of an order (the held line of it). */
export function holdRow(page: Page, platformOrderId: string): Locator {
  return page.getByTestId('holds-table').locator('.ant-table-row').filter({ has: page.getByTestId('hold-order').getByText(platformOrderId, { exact: true }) });
}

/** Waits (the queue follows `risk.changed`) until the order is held; resolves with its row. */
export async function waitForHold(page: Page, platformOrderId: string, timeout = 90_000): Promise<Locator> {
  const row = holdRow(page, platformOrderId);
  await row.waitFor({ timeout });
  return row;
}

/** The signals panel under a row (the table opens it for the first row; a click on + opens others). */
export async function holdDetail(row: Locator): Promise<Locator> {
  const detail = row.locator('xpath=following-sibling::tr[1]').getByTestId('hold-detail');
  if (!(await detail.isVisible())) await row.locator('.ant-table-row-expand-icon').click();
  await detail.waitFor();
  return detail;
}

/** 放行 → confirm; resolves with the message it brought up. */
export function approveHold(page: Page, row: Locator): Promise<string> {
  return messageAfter(page, async () => {
    await row.getByTestId('hold-approve').click();
    await visiblePopconfirm(page).getByTestId('hold-approve-ok').click();
  });
}

/** 拉黑并拒绝 with the given subjects (by their titles: 买家, IP…) and reason; resolves with the message. */
export function blacklistHold(page: Page, row: Locator, subjects: string[], reason: string): Promise<string> {
  return messageAfter(page, async () => {
    await row.getByTestId('hold-blacklist').click();
    const modal = visibleModal(page).filter({ has: page.getByTestId('hold-blacklist-reason') });
    const boxes = modal.getByTestId('hold-blacklist-subjects').locator('.ant-checkbox-wrapper');
    for (const box of await boxes.all()) {
      const label = (await box.innerText()).trim();
      const want = subjects.some((s) => label.startsWith(s));
      const checked = await box.locator('input').isChecked();
      if (want !== checked) await box.click();
    }
    await modal.getByTestId('hold-blacklist-reason').fill(reason);
    await modal.getByTestId('hold-blacklist-ok').click();
  });
}

// ── 规则 ────────────────────────────────────────────────────────────────────

export function ruleEditor(page: Page): Locator {
  return page.locator('.ant-drawer-open').filter({ has: page.getByTestId('rule-name') });
}

export function ruleRow(page: Page, name: string): Locator {
  return page.getByTestId('rules-table').locator('.ant-table-row').filter({ has: page.getByTestId('rule-name-cell').getByText(name, { exact: true }) });
}

/** Changes condition `index` (0-based) to the type titled `label` (e.g. 文本匹配). */
export async function setConditionType(page: Page, editor: Locator, index: number, label: string): Promise<void> {
  await chooseOption(page, editor.getByTestId(`cond-${index}-field`), label);
}

/** The error shown under a condition's inputs ('' when none). */
export async function conditionError(editor: Locator, index: number): Promise<string> {
  const errors = editor.getByTestId(`cond-${index}`).locator('.ant-form-item-explain-error');
  return (await errors.allInnerTexts()).join('；');
}

// ── 名单 ────────────────────────────────────────────────────────────────────

export function listRow(page: Page, value: string): Locator {
  return page.getByTestId('list-table').locator('.ant-table-row').filter({ has: page.getByTestId('list-value').getByText(value, { exact: true }) });
}

/** Opens 添加 and fills it (subject by title: 买家 / IP / 设备 / 手机号 / 邮箱) without confirming. */
export async function draftListEntry(page: Page, entry: { subject: string; value: string; note?: string }): Promise<Locator> {
  await page.getByTestId('list-add').click();
  const modal = visibleModal(page).filter({ has: page.getByTestId('list-add-value') });
  await chooseOption(page, modal.getByTestId('list-add-subject'), entry.subject);
  await modal.getByTestId('list-add-value').fill(entry.value);
  if (entry.note !== undefined) await modal.getByTestId('list-add-note').fill(entry.note);
  return modal;
}

/** 导出 → confirm; resolves with the browser download. */
export async function exportList(page: Page): Promise<Download> {
  const download = page.waitForEvent('download');
  await page.getByTestId('list-export').click();
  await visiblePopconfirm(page).getByTestId('list-export-ok').click();
  return download;
}
