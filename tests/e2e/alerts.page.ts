import type { Locator, Page } from 'playwright-core';

/**
 * Page helpers for 设置 → 提醒 (group bots, settings, recent alerts). Chinese UI (the default locale).
 * Rows are found by the bot's name; buttons by test id.
 */

export async function openAlerts(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-alerts').click();
  await page.getByTestId('alert-channels').waitFor();
}

export const channelRow = (page: Page, name: string): Locator =>
  page.getByTestId('alert-channels').locator('tr.ant-table-row').filter({ has: page.getByTestId('alert-channel-name').getByText(name, { exact: true }) });

/** Opens the add drawer on a platform; answers the drawer (still open). */
export async function startAdding(page: Page, platform: 'wecom' | 'dingtalk' | 'feishu'): Promise<Locator> {
  await page.getByTestId('alert-channel-add').click();
  const drawer = page.getByTestId('alert-channel-drawer');
  await drawer.waitFor();
  await drawer.getByTestId(`alert-channel-kind-${platform}`).click();
  return drawer;
}

export async function fillChannel(drawer: Locator, values: { name?: string; url?: string; secret?: string }): Promise<void> {
  if (values.name !== undefined) await drawer.getByTestId('alert-channel-name-input').fill(values.name);
  if (values.url !== undefined) await drawer.getByTestId('alert-channel-url').fill(values.url);
  if (values.secret !== undefined) await drawer.getByTestId('alert-channel-secret').fill(values.secret);
}

/** Sends a test from a bot's row; answers the result box's text. */
export async function sendTest(page: Page, name: string): Promise<string> {
  const notice = page.getByTestId('alert-channel-notice');
  if (await notice.count()) await notice.locator('.ant-alert-close-icon').click();
  await channelRow(page, name).getByTestId('alert-channel-test').click();
  await notice.waitFor();
  return notice.innerText();
}
