import { describe, expect, it } from 'vitest';
import { asDesktop, asMarkdown, asText, composeMessage } from '../../../src-main/core/notify/message.js';
import { checkWebhookUrl, maskWebhookUrl } from '../../../src-main/core/notify/webhooks/url.js';

const AT = Date.UTC(2026, 0, 2, 3, 4, 5); // 2026-01-02 11:04:05 in Beijing

describe('alert messages', () => {
  it('one alert is sent as itself, titled by its kind', () => {
    const m = composeMessage('topup_failed', ['代充失败：账号 138****5678 不存在'], 5, AT);
    expect(asText(m)).toBe('【代充失败】代充失败：账号 138****5678 不存在\n卡密工作台 · 2026-01-02 11:04:05');
  });

  it('a group lists the first five and counts the rest', () => {
    const m = composeMessage('out_of_stock', Array.from({ length: 7 }, (_, i) => `商品${i + 1} 缺货`), 5, AT);
    expect(asText(m)).toBe(
      ['【缺货】5 分钟内 7 条提醒：', '1. 商品1 缺货', '2. 商品2 缺货', '3. 商品3 缺货', '4. 商品4 缺货', '5. 商品5 缺货', '…另有 2 条', '卡密工作台 · 2026-01-02 11:04:05'].join('\n'),
    );
    expect(asMarkdown(m)).toContain('**【缺货】5 分钟内 7 条提醒：**\n\n1. 商品1 缺货');
    expect(asDesktop(m)).toEqual({ title: '卡密工作台 · 缺货', body: '5 分钟内 7 条提醒：\n· 商品1 缺货\n· 商品2 缺货\n· 商品3 缺货\n…共 7 条' });
  });

  it('long texts are cut so a grouped message stays inside 企业微信\'s 4096-byte markdown limit', () => {
    const m = composeMessage('sync_error', Array.from({ length: 30 }, () => '很长的错误'.repeat(400)), 120, AT);
    expect(Buffer.byteLength(asMarkdown(m), 'utf8')).toBeLessThan(4096);
    expect(m.lines[0]!.endsWith('…')).toBe(true);
  });
});

describe('webhook URLs', () => {
  const SANDBOX = 'http://127.0.0.1:40123';
  const cases: { kind: 'wecom' | 'dingtalk' | 'feishu'; url: string; ok: boolean; sandbox?: boolean; says?: string }[] = [
    { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', ok: true, sandbox: false },
    { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=XXXXXX', ok: true, sandbox: false },
    { kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/2a2b5ad1-xxxx', ok: true, sandbox: false },
    { kind: 'feishu', url: `${SANDBOX}/feishu/open-apis/bot/v2/hook/abc`, ok: true, sandbox: true },
    { kind: 'dingtalk', url: `${SANDBOX}/dingtalk/robot/send?access_token=t`, ok: true, sandbox: true },
    { kind: 'dingtalk', url: 'ftp://oapi.dingtalk.com/robot/send?access_token=x', ok: false, says: 'Webhook 地址必须以 http:// 或 https:// 开头' },
    { kind: 'wecom', url: 'javascript:alert(1)', ok: false, says: 'Webhook 地址必须以 http:// 或 https:// 开头' },
    { kind: 'wecom', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', ok: false, says: 'Webhook 地址不是企业微信群机器人的地址，应形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' },
    { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send', ok: false, says: '不是钉钉群机器人的地址' },
    { kind: 'dingtalk', url: 'http://oapi.dingtalk.com/robot/send?access_token=x', ok: false, says: '不是钉钉群机器人的地址' },
    { kind: 'feishu', url: 'https://example.com/open-apis/bot/v2/hook/x', ok: false, says: '不是飞书群机器人的地址' },
    { kind: 'dingtalk', url: 'http://127.0.0.1:9/dingtalk/robot/send?access_token=t', ok: false, says: '不是钉钉群机器人的地址' },
  ];
  it.each(cases)('$kind $url', (c) => {
    const check = checkWebhookUrl(c.kind, c.url, SANDBOX);
    if (c.ok) expect(check).toEqual({ ok: true, sandbox: c.sandbox });
    else expect(check).toEqual({ ok: false, message: expect.stringContaining(c.says!) });
  });

  it('masks the key or token, keeps the rest', () => {
    expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****aa');
    expect(maskWebhookUrl('https://open.feishu.cn/open-apis/bot/v2/hook/2a2b5ad1-0000-1111')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/2a2b****11');
  });
});
