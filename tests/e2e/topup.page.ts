import type { Locator, Page } from 'playwright-core';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/contract/index.js';
import type { Session } from './harness.js';

/**
 * Page helpers for 代充 (suppliers, site accounts, records), the product editor's 供货设置 and 售后, for
 * the top-up and after-sales E2E tests. Chinese UI (the default locale). Rows are found by what a
 * merchant reads (supplier name, platform order id); buttons by test id.
 */

const visibleDrawer = (page: Page) => page.locator('.ant-drawer:visible');
const visibleModal = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal');
/** The product drawer stays in the page when closed (forceRender): only its open class tells. */
const productDrawer = (page: Page) => page.locator('.ant-drawer-open').filter({ has: page.getByTestId('product-code') });

// ── set-up outside the screen ─────────────────────────────────────────────

/** A contract call as the screen makes it (token header): for state a test needs but does not test. */
export async function api<M extends MethodName>(session: Session, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const res = await fetch(`${session.origin}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-keydesk-token': session.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data?: MethodOutput<M>; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data!;
}

/** The sandbox's control API (`/_control/<simulator>/<action>`), as the orders test uses it. */
export async function control<T>(session: Session, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${session.sandboxUrl}/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`sandbox ${path}: ${JSON.stringify(json)}`);
  return json;
}

/** A paid order in the demo shop for a new sandbox item whose 商家编码 is `productCode` (mapped by code). */
export async function paidOrder(session: Session, opts: { shopName: string; productCode: string; title: string; buyerMessage: string }): Promise<string> {
  const state = await control<{ shops: { shopId: string; name: string }[] }>(session, 'taobao/state');
  const shop = state.shops.find((s) => s.name === opts.shopName);
  if (!shop) throw new Error(`no sandbox shop named ${opts.shopName}`);
  const item = await control<{ itemId: string }>(session, 'taobao/createItem', { shopId: shop.shopId, title: opts.title, priceFen: 2590, outerId: opts.productCode });
  const order = await control<{ orderId: string }>(session, 'taobao/createOrder', {
    shopId: shop.shopId, lines: [{ itemId: item.itemId, quantity: 1 }], buyerMessage: opts.buyerMessage, pay: true,
  });
  return order.orderId;
}

// ── shared widgets ────────────────────────────────────────────────────────

/**
 * Chooses an option of an antd Select. A select whose options are still loading (or a drawer still
 * sliding in) can swallow the first choice, so the choice is checked and made once more if it did not take.
 */
export async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    // A click on an open select closes it: open it only when no dropdown is showing.
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first();
    const shown = await option.waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (shown) await option.click();
    else await page.keyboard.press('Escape');
    if ((await select.innerText()).includes(label)) return;
  }
  throw new Error(`pickOption: 「${label}」 was not chosen`);
}

/** Runs `act` and resolves with the antd message (success or error) it brought up, not an older one. */
export async function messageAfter(page: Page, act: () => Promise<void>): Promise<string> {
  await page.locator('.ant-message-notice').evaluateAll((els) => els.forEach((el) => el.setAttribute('data-seen', '')));
  await act();
  const fresh = page.locator('.ant-message-notice:not([data-seen])').first();
  await fresh.waitFor();
  return fresh.innerText();
}

// ── 代充 ────────────────────────────────────────────────────────────────────

export type TopupTab = 'attempts' | 'suppliers' | 'portals' | 'restock';

export async function openTopup(page: Page, tab: TopupTab): Promise<void> {
  await page.getByTestId('nav-topup').click();
  await page.getByTestId(`topup-tab-${tab}`).click();
}

export interface NewSupplier {
  name: string;
  appKey: string;
  appSecret: string;
  appAuthToken?: string;
  endpoint?: string;
}

/** Fills 添加供应商 and presses 保存并查询余额; leaves the dialog as the core's answer left it. */
export async function addSupplierDraft(page: Page, s: NewSupplier): Promise<Locator> {
  await page.getByTestId('supplier-add').click();
  const modal = visibleModal(page).filter({ has: page.getByTestId('supplier-name') });
  await modal.getByTestId('supplier-credential-appKey').waitFor();
  await modal.getByTestId('supplier-name').fill(s.name);
  await modal.getByTestId('supplier-credential-appKey').fill(s.appKey);
  await modal.getByTestId('supplier-credential-appSecret').fill(s.appSecret);
  if (s.appAuthToken !== undefined) await modal.getByTestId('supplier-credential-appAuthToken').fill(s.appAuthToken);
  if (s.endpoint !== undefined) await modal.getByTestId('supplier-credential-endpoint').fill(s.endpoint);
  await modal.getByTestId('supplier-save').click();
  return modal;
}

/** Adds a supplier; resolves with the success message (`已添加供应商「…」`). */
export function addSupplier(page: Page, s: NewSupplier): Promise<string> {
  return messageAfter(page, async () => {
    await addSupplierDraft(page, s);
  });
}

export function supplierRow(page: Page, name: string): Locator {
  return page.getByTestId('suppliers-table').locator('tbody tr').filter({ has: page.getByTestId('supplier-name-cell').getByText(name, { exact: true }) });
}

/** 查询商品 on a supplier row; resolves with the answer's text (name, 进价, 在售) and closes the dialog. */
export async function lookupGoods(page: Page, supplierName: string, productId: string): Promise<string> {
  await supplierRow(page, supplierName).getByTestId('supplier-goods').click();
  const modal = visibleModal(page).filter({ has: page.getByTestId('supplier-goods-id') });
  await modal.getByTestId('supplier-goods-id').locator('input').fill(productId);
  await modal.getByTestId('supplier-goods-id').locator('input').press('Enter');
  const text = await modal.getByTestId('supplier-goods-result').innerText();
  await page.keyboard.press('Escape');
  await modal.waitFor({ state: 'hidden' });
  return text;
}

export interface NewPortal {
  name: string;
  baseUrl: string;
  username: string;
  password: string;
}

/** 添加充值网站账号; resolves with the success message. */
export function addPortal(page: Page, p: NewPortal): Promise<string> {
  return messageAfter(page, async () => {
    await page.getByTestId('portal-add').click();
    const modal = visibleModal(page).filter({ has: page.getByTestId('portal-name') });
    await modal.getByTestId('portal-name').fill(p.name);
    await modal.getByTestId('portal-base-url').fill(p.baseUrl);
    await modal.getByTestId('portal-username').fill(p.username);
    await modal.getByTestId('portal-password').fill(p.password);
    await modal.getByTestId('portal-save').click();
  });
}

export function portalRow(page: Page, name: string): Locator {
  return page.getByTestId('portals-table').locator('tbody tr').filter({ has: page.getByTestId('portal-name-cell').getByText(name, { exact: true }) });
}

/** The 充值记录 row of an order's attempt (the newest attempt is listed first). */
export function attemptRow(page: Page, platformOrderId: string): Locator {
  return page.getByTestId('topup-attempts-table').locator('.ant-table-row').filter({ hasText: platformOrderId }).first();
}

/** Waits (the list follows `orders.changed`) until the order's newest attempt shows `state` (a TOPUP_STATE_TITLES title). */
export async function waitForAttempt(page: Page, platformOrderId: string, state: string, timeout = 60_000): Promise<Locator> {
  const row = attemptRow(page, platformOrderId);
  await row.getByTestId('topup-state').getByText(state, { exact: true }).waitFor({ timeout });
  return row;
}

/** Opens an attempt's drawer and resolves with it once its details are shown. */
export async function openAttempt(page: Page, platformOrderId: string): Promise<Locator> {
  await attemptRow(page, platformOrderId).click();
  const drawer = visibleDrawer(page).filter({ has: page.getByTestId('topup-detail') });
  await drawer.getByTestId('topup-detail').waitFor();
  return drawer;
}

// ── 库存 › 商品 › 供货设置 ──────────────────────────────────────────────────

export interface DirectProduct {
  name: string;
  code: string;
  /** 元, as typed. */
  price: string;
  via: { supplier: string; productId: string } | { portal: string; packageId: string };
  /** ACCOUNT_RULE_TITLES title; the form's default (手机号) when left out. */
  rule?: string;
}

/**
 * 新增商品 of type 直充 with its 供货设置 filled in, up to (not including) 保存. Resolves with the drawer,
 * for previews, pictures and the save.
 */
export async function draftDirectProduct(page: Page, p: DirectProduct): Promise<Locator> {
  await page.getByTestId('nav-inventory').click();
  await page.getByTestId('product-new').first().click();
  const drawer = productDrawer(page);
  await drawer.getByTestId('product-name').fill(p.name);
  await drawer.getByTestId('product-code').fill(p.code);
  await drawer.locator('.ant-radio-button-wrapper').filter({ hasText: /^直充$/ }).click();
  await drawer.getByTestId('product-price').fill(p.price);
  await drawer.getByTestId('supply-section').waitFor();
  if ('supplier' in p.via) {
    await pickOption(page, drawer.getByTestId('supply-supplier'), p.via.supplier);
    await drawer.getByTestId('supply-supplier-product').fill(p.via.productId);
  } else {
    await drawer.locator('.ant-radio-button-wrapper').filter({ hasText: '充值网站' }).click();
    await pickOption(page, drawer.getByTestId('supply-portal'), p.via.portal);
    await drawer.getByTestId('supply-package').fill(p.via.packageId);
  }
  if (p.rule !== undefined) await pickOption(page, drawer.getByTestId('supply-account-rule'), p.rule);
  return drawer;
}

/** Saves the product drawer; resolves with the message (`已新增商品「…」`). */
export function saveProduct(page: Page, drawer: Locator): Promise<string> {
  return messageAfter(page, async () => {
    await drawer.getByTestId('product-save').click();
    await drawer.waitFor({ state: 'hidden' });
  });
}

/** Types a sample buyer message into 试一试; resolves with what the preview says. */
export async function previewAccount(drawer: Locator, message: string): Promise<string> {
  await drawer.getByTestId('supply-preview-input').fill(message);
  return (await drawer.getByTestId('supply-preview-result').innerText()).trim();
}

/** 编辑 on the product with this code; resolves with the drawer once its 供货设置 is read. */
export async function editProduct(page: Page, code: string): Promise<Locator> {
  await page.getByTestId('nav-inventory').click();
  await page.getByTestId(`product-card-${code}`).click();
  await page.getByTestId('product-edit').click();
  const drawer = productDrawer(page);
  await drawer.getByTestId('supply-section').locator('.ant-form').waitFor();
  return drawer;
}

// ── 售后 ────────────────────────────────────────────────────────────────────

export async function openAftersales(page: Page, tab: 'queue' | 'redemption' | 'quality' = 'queue'): Promise<void> {
  await page.getByTestId('nav-aftersales').click();
  await page.getByTestId(`aftersales-tab-${tab}`).click();
}

/** Searches the queue by order number; resolves with the order's row once it is listed (the queue is live). */
export async function findProblem(page: Page, platformOrderId: string, timeout = 60_000): Promise<Locator> {
  const search = page.getByTestId('problem-search').locator('input');
  // An empty queue has no search box (it says there is nothing to do) until the first problem arrives.
  await search.waitFor({ timeout });
  await search.fill(platformOrderId);
  await search.press('Enter');
  const row = page.getByTestId('problem-table').locator('.ant-table-row').filter({ hasText: platformOrderId }).first();
  await row.waitFor({ timeout });
  return row;
}

export interface FixInput {
  reason?: string;
  account?: string;
  /** 元, as typed. */
  amount?: string;
}

/** Presses a fix button (FixAction) in `scope` and fills its dialog; resolves with the message. */
export function applyFix(page: Page, scope: Locator, action: string, input: FixInput = {}): Promise<string> {
  return messageAfter(page, async () => {
    await scope.getByTestId(`fix-${action}`).click();
    const modal = visibleModal(page).filter({ has: page.getByTestId(`fix-${action}-reason`) });
    if (input.account !== undefined) await modal.getByTestId(`fix-${action}-account`).fill(input.account);
    if (input.amount !== undefined) await modal.getByTestId(`fix-${action}-amount`).fill(input.amount);
    if (input.reason !== undefined) await modal.getByTestId(`fix-${action}-reason`).fill(input.reason);
    await modal.getByTestId(`fix-${action}-ok`).click();
    await modal.waitFor({ state: 'hidden' });
  });
}
