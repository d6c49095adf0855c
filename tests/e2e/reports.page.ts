import type { Locator, Page } from 'playwright-core';

/**
 * Page helpers for 报表, for the reports E2E test. Chinese UI (the default locale). Tabs, figures and
 * charts by test id; filter options by the name a merchant reads.
 */

export type ReportTab = 'hot' | 'profit' | 'customers' | 'inventory' | 'suppliers';

export async function openReports(page: Page, tab: ReportTab): Promise<void> {
  await page.getByTestId('nav-reports').click();
  await page.getByTestId(`reports-tab-${tab}`).click();
}

/**
 * How many pixels of the chart's canvas are drawn on (not blank): an axis alone is a few hundred, a
 * chart with bars or slices thousands. Waits for the canvas first.
 */
export async function chartInk(chart: Locator): Promise<number> {
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor();
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, el.width, el.height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink += 1;
    return ink;
  });
}

/** A headline number's text (antd Statistic), as shown. */
export async function figure(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).locator('.ant-statistic-content').innerText()).trim();
}

/** Resolves once no select dropdown is open (a closing one would catch the next click). */
async function noDropdown(page: Page): Promise<void> {
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.ant-select-dropdown')).some((e) => (e as HTMLElement).offsetParent !== null));
}

/** Picks one option of a multi-select in the filter bar, then closes the dropdown. */
export async function chooseFilter(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
  await page.keyboard.press('Escape');
  await noDropdown(page);
}

/** The desktop-style notices (low stock, new orders) would cover the screen in a screenshot. */
export async function closeNotices(page: Page): Promise<void> {
  for (const close of await page.locator('.ant-notification-notice-close').all()) await close.click().catch(() => undefined);
}
