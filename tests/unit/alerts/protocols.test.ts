import { describe, expect, it } from 'vitest';
import { dingtalkSign, feishuSign } from '../../../src-main/core/notify/webhooks/sign.js';
import { buildRequest, readAnswer, unreachable } from '../../../src-main/core/notify/webhooks/protocols.js';
import { composeMessage } from '../../../src-main/core/notify/message.js';
import { ChannelError } from '../../../src-main/core/channels/errors.js';

// Fixed vectors computed independently (Python hmac/base64/urllib.parse.quote_plus), following each
// platform's published recipe.
const DINGTALK = { timestamp: 1577262236757, secret: 'this is secret', sign: 'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=', encoded: 'hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D' };
const FEISHU = { seconds: 1599360473, secret: 'demo-secret', sign: '3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=' };

const message = composeMessage('out_of_stock', ['「爱奇艺月卡」缺货：有订单在等待'], 5, DINGTALK.timestamp);

describe('group-bot signatures', () => {
  it('钉钉: HMAC-SHA256(key=secret, `${timestampMs}\\n${secret}`), Base64, url-encoded in the query', () => {
    expect(dingtalkSign(DINGTALK.timestamp, DINGTALK.secret)).toBe(DINGTALK.sign);
    const req = buildRequest('dingtalk', { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123', secret: DINGTALK.secret }, message, DINGTALK.timestamp);
    expect(req.url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=${DINGTALK.timestamp}&sign=${DINGTALK.encoded}`);
    const body = JSON.parse(req.body!) as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('【缺货】「爱奇艺月卡」缺货：有订单在等待');
    expect(body.markdown.text).toContain('「爱奇艺月卡」缺货');
  });

  it('钉钉 without 加签: no timestamp or sign in the URL', () => {
    const req = buildRequest('dingtalk', { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123', secret: null }, message, DINGTALK.timestamp);
    expect(req.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc123');
  });

  it('飞书: HMAC-SHA256(key=`${timestampSeconds}\\n${secret}`, empty message), Base64, in the body with the seconds as a string', () => {
    expect(feishuSign(FEISHU.seconds, FEISHU.secret)).toBe(FEISHU.sign);
    const req = buildRequest('feishu', { url: 'https://open.feishu.cn/open-apis/bot/v2/hook/tok', secret: FEISHU.secret }, message, FEISHU.seconds * 1000 + 999);
    expect(req.url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/tok');
    const body = JSON.parse(req.body!) as Record<string, unknown>;
    expect(body).toMatchObject({ timestamp: String(FEISHU.seconds), sign: FEISHU.sign, msg_type: 'text' });
    expect((body.content as { text: string }).text).toContain('【缺货】「爱奇艺月卡」缺货');
  });

  it('企业微信: not signed, markdown body, the URL as given', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx';
    const req = buildRequest('wecom', { url, secret: 'ignored' }, message, DINGTALK.timestamp);
    expect(req.url).toBe(url);
    const body = JSON.parse(req.body!) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('**【缺货】「爱奇艺月卡」缺货：有订单在等待**');
  });
});

describe('reading the platform answer', () => {
  const ok = (text: string, status = 200) => ({ status, headers: {}, text });
  const cases: { name: string; kind: 'wecom' | 'dingtalk' | 'feishu'; status?: number; body: unknown; ok: boolean; code: number | null; retryable: boolean; says: string }[] = [
    { name: '企业微信 ok', kind: 'wecom', body: { errcode: 0, errmsg: 'ok' }, ok: true, code: 0, retryable: false, says: '发送成功' },
    { name: '企业微信 rate limited', kind: 'wecom', body: { errcode: 45009, errmsg: 'api freq out of limit' }, ok: false, code: 45009, retryable: true, says: '每分钟最多发 20 条' },
    { name: '企业微信 bad key', kind: 'wecom', body: { errcode: 93000, errmsg: 'invalid webhook url' }, ok: false, code: 93000, retryable: false, says: 'Webhook 地址无效' },
    { name: '钉钉 ok', kind: 'dingtalk', body: { errcode: 0, errmsg: 'ok' }, ok: true, code: 0, retryable: false, says: '发送成功' },
    { name: '钉钉 sign mismatch', kind: 'dingtalk', body: { errcode: 310000, errmsg: 'sign not match' }, ok: false, code: 310000, retryable: false, says: '钉钉签名校验失败' },
    { name: '钉钉 keywords', kind: 'dingtalk', body: { errcode: 310000, errmsg: 'keywords not in content' }, ok: false, code: 310000, retryable: false, says: '自定义关键词' },
    { name: '钉钉 rate limited', kind: 'dingtalk', body: { errcode: 130101, errmsg: 'send too fast' }, ok: false, code: 130101, retryable: true, says: '钉钉限流' },
    { name: '钉钉 unknown token', kind: 'dingtalk', body: { errcode: 300001, errmsg: 'token is not exist' }, ok: false, code: 300001, retryable: false, says: 'access_token 不存在' },
    { name: '飞书 ok', kind: 'feishu', body: { code: 0, data: {}, msg: 'success' }, ok: true, code: 0, retryable: false, says: '发送成功' },
    { name: '飞书 ok (old StatusCode form)', kind: 'feishu', body: { StatusCode: 0, StatusMessage: 'success' }, ok: true, code: 0, retryable: false, says: '发送成功' },
    { name: '飞书 sign mismatch', kind: 'feishu', body: { code: 19021, msg: 'sign match fail' }, ok: false, code: 19021, retryable: false, says: '飞书签名校验失败' },
    { name: '飞书 bad request', kind: 'feishu', status: 400, body: { code: 9499, msg: 'Bad Request' }, ok: false, code: 9499, retryable: false, says: '请求格式不对' },
    { name: '飞书 rate limited', kind: 'feishu', body: { code: 11232, msg: 'frequency limited' }, ok: false, code: 11232, retryable: true, says: '飞书限流' },
    { name: 'a bare 502 page', kind: 'dingtalk', status: 502, body: '<html>502</html>', ok: false, code: null, retryable: true, says: '钉钉服务器出错（HTTP 502）' },
    { name: 'a bare 429', kind: 'wecom', status: 429, body: '', ok: false, code: null, retryable: true, says: '企业微信限流（HTTP 429）' },
    { name: 'a 404', kind: 'feishu', status: 404, body: 'not found', ok: false, code: null, retryable: false, says: '找不到这个 Webhook 地址' },
  ];
  it.each(cases)('$name', (c) => {
    const answer = readAnswer(c.kind, ok(typeof c.body === 'string' ? c.body : JSON.stringify(c.body), c.status));
    expect(answer).toMatchObject({ ok: c.ok, code: c.code, retryable: c.retryable });
    expect(answer.message).toContain(c.says);
  });

  it('no answer at all is worth one more try, and says which platform', () => {
    const answer = unreachable('feishu', new ChannelError('retry', '平台 10 秒内没有回应'));
    expect(answer).toMatchObject({ ok: false, code: null, retryable: true });
    expect(answer.message).toBe('飞书：平台 10 秒内没有回应，稍后会自动再发一次');
  });
});
