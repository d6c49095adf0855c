import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DINGTALK_BOT } from '../../src-main/sandbox/im-bots/index.js';
import type { ReceivedMessage } from '../../src-main/sandbox/im-bots/index.js';
import { completeWizard, openSession, type Session } from './harness.js';
import { channelRow, fillChannel, openAlerts, sendTest, startAdding } from './alerts.page.js';
import { api, control, paidOrder } from './topup.page.js';

const BOT = '运营群（钉钉沙箱）';
/** The demo shop of the first-run wizard (`demoShop.defaultName`). */
const DEMO_SHOP = '我的试用店铺';

describe('提醒: a 钉钉 group bot from the sandbox', () => {
  let session: Session;
  let page: Page;
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await session.screenshot(name);
  };
  const dingtalkMessages = async () => (await control<{ messages: ReceivedMessage[] }>(session, 'dingtalk/messages', {})).messages;

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page, { demoShop: true });
    await openAlerts(page);
  });

  afterAll(async () => session?.close());

  it('refuses a URL that is not http(s) on the form, saving nothing', async () => {
    await shot('alerts-empty');
    const drawer = await startAdding(page, 'dingtalk');
    await expect.poll(() => drawer.getByTestId('alert-channel-howto').innerText()).toContain('加签');
    await fillChannel(drawer, { name: BOT, url: 'ftp://oapi.dingtalk.com/robot/send?access_token=x' });
    await drawer.getByTestId('alert-channel-save').click();
    const error = drawer.locator('.ant-form-item-explain-error');
    await error.first().waitFor();
    expect(await error.first().innerText()).toBe('Webhook 地址必须以 http:// 或 https:// 开头');
    await shot('alerts-url-refused');
    // A lookalike of another platform passes the form and is refused by the core, on the field.
    await fillChannel(drawer, { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' });
    await drawer.getByTestId('alert-channel-save').click();
    await expect.poll(() => error.first().innerText()).toContain('Webhook 地址不是钉钉群机器人的地址');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(await channelRow(page, BOT).count()).toBe(0);
  });

  it('adds the sandbox 钉钉 bot with its 加签 secret, sends a test, and the bot records it', async () => {
    const drawer = await startAdding(page, 'dingtalk');
    await fillChannel(drawer, {
      name: BOT,
      url: `${session.sandboxUrl}/dingtalk/robot/send?access_token=${SANDBOX_DINGTALK_BOT.id}`,
      secret: SANDBOX_DINGTALK_BOT.secret!,
    });
    await shot('alerts-add-dingtalk');
    await drawer.getByTestId('alert-channel-save').click();
    await drawer.waitFor({ state: 'hidden' });
    const row = channelRow(page, BOT);
    await row.waitFor();
    expect(await row.innerText()).toContain('已加签');
    expect(await row.innerText()).toContain('沙箱');
    expect(await row.innerText()).not.toContain(SANDBOX_DINGTALK_BOT.id);

    const result = await sendTest(page, BOT);
    expect(result).toContain(`「${BOT}」测试发送成功`);
    expect(result).toContain('平台回答：发送成功');
    const received = await dingtalkMessages();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ signed: true, msgtype: 'markdown' });
    expect(received[0]!.text).toContain(`【测试】卡密工作台提醒已接通：「${BOT}」`);
    await expect.poll(() => row.getByTestId('alert-channel-status').innerText()).toBe('正常');
    await shot('alerts-test-sent');
  });

  it('a wrong secret shows 钉钉\'s own refusal in Chinese on the row', async () => {
    await channelRow(page, BOT).getByTestId('alert-channel-edit').click();
    const drawer = page.getByTestId('alert-channel-drawer');
    await fillChannel(drawer, { secret: 'SECnotthesecret' });
    await drawer.getByTestId('alert-channel-save').click();
    await drawer.waitFor({ state: 'hidden' });
    const result = await sendTest(page, BOT);
    expect(result).toContain('测试发送失败');
    expect(result).toContain('钉钉签名校验失败');
    expect(result).toContain('310000');
    await expect.poll(() => channelRow(page, BOT).getByTestId('alert-channel-error').innerText()).toContain('钉钉签名校验失败');
    expect(await dingtalkMessages()).toHaveLength(1);
    await shot('alerts-wrong-secret');
  });

  it('the 用沙箱机器人 button fills a fresh bot, and settings save', async () => {
    const drawer = await startAdding(page, 'feishu');
    await drawer.getByTestId('alert-channel-sandbox').click();
    await expect.poll(() => drawer.getByTestId('alert-channel-url').inputValue()).toContain(`${session.sandboxUrl}/feishu/open-apis/bot/v2/hook/`);
    await drawer.getByTestId('alert-channel-save').click();
    await drawer.waitFor({ state: 'hidden' });
    expect(await sendTest(page, '沙箱飞书群')).toContain('测试发送成功');

    await page.getByTestId('alert-settings-throttle').fill('10');
    await page.getByTestId('alert-settings-save').click();
    await page.getByText('提醒设置已保存').waitFor();
    await page.getByTestId('alert-settings').scrollIntoViewIfNeeded();
    await shot('alerts-settings');
    expect(session.problems).toEqual([]);
  });

  it('a real 缺货 from the demo shop reaches the bot and shows in 最近的提醒 with each answer', async () => {
    await channelRow(page, BOT).getByTestId('alert-channel-edit').click();
    const drawer = page.getByTestId('alert-channel-drawer');
    await fillChannel(drawer, { secret: SANDBOX_DINGTALK_BOT.secret! });
    await drawer.getByTestId('alert-channel-save').click();
    await drawer.waitFor({ state: 'hidden' });
    await api(session, 'products.save', { code: 'ALERT-EMPTY', name: '腾讯视频VIP月卡', priceFen: 2590 });
    await paidOrder(session, { shopName: DEMO_SHOP, productCode: 'ALERT-EMPTY', title: '腾讯视频VIP月卡', buyerMessage: '' });

    const row = page.getByTestId('alerts-recent').locator('tr.ant-table-row').filter({ hasText: '「腾讯视频VIP月卡」缺货' });
    await row.waitFor({ timeout: 60_000 });
    await expect.poll(() => row.getByTestId('alerts-recent-result').innerText(), { timeout: 20_000 }).toContain(BOT);
    expect(await row.innerText()).toContain('已发送');
    await expect.poll(async () => (await dingtalkMessages()).some((m) => m.text.includes('【缺货】「腾讯视频VIP月卡」缺货'))).toBe(true);
    // The corner notification of the same notice would cover the table in the screenshot.
    for (const close of await page.locator('.ant-notification-notice-close').all()) await close.click();
    await page.getByTestId('alerts-recent').scrollIntoViewIfNeeded();
    await shot('alerts-recent');
    expect(session.problems).toEqual([]);
  });
});
