// The sandbox's 企业微信 / 钉钉 / 飞书 bot receivers over HTTP, checked with hand-made requests (not the
// core's code), so a mistake on either side shows: keys, signatures, timestamps, limits, bodies, control.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { imBotSimulators, SANDBOX_DINGTALK_BOT as DD, SANDBOX_FEISHU_BOT as FS, SANDBOX_WECOM_BOT as WX, type ReceivedMessage } from '../../../src-main/sandbox/im-bots/index.js';

const T0 = Date.parse('2026-03-01T12:00:00+08:00');
let now = T0;
let sb: Sandbox;

beforeEach(async () => {
  now = T0;
  sb = await startSandbox({ simulators: imBotSimulators({ clock: () => now }) });
});
afterEach(async () => {
  await sb.close();
});

const post = async (path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
  const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const control = async <T>(path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sb.url}/_control/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return (await res.json()) as T;
};
const messages = async (bot: string) => (await control<{ messages: ReceivedMessage[] }>(`${bot}/messages`, {})).messages;

const ddSign = (ts: number, secret: string) => createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
const fsSign = (ts: number, secret: string) => createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64');
const ddPath = (ts: number, sign: string, token = DD.id) => `/dingtalk/robot/send?access_token=${token}&timestamp=${ts}&sign=${encodeURIComponent(sign)}`;
const ddBody = { msgtype: 'markdown', markdown: { title: '缺货', text: '**【缺货】A**' } };
const fsBody = (ts: number, sign: string) => ({ timestamp: String(ts), sign, msg_type: 'text', content: { text: '【缺货】A' } });

describe('企业微信', () => {
  it('takes markdown and text for a known key, refuses an unknown key, an unknown type, empty and too long content', async () => {
    const path = `/wecom/cgi-bin/webhook/send?key=${WX.id}`;
    expect((await post(path, { msgtype: 'markdown', markdown: { content: '**【缺货】A**' } })).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await post(path, { msgtype: 'text', text: { content: '你好' } })).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await post('/wecom/cgi-bin/webhook/send?key=nope', { msgtype: 'text', text: { content: 'x' } })).json).toMatchObject({ errcode: 93000 });
    expect((await post(path, { msgtype: 'news' })).json).toMatchObject({ errcode: 40008 });
    expect((await post(path, { msgtype: 'text', text: { content: ' ' } })).json).toMatchObject({ errcode: 44004 });
    expect((await post(path, { msgtype: 'markdown', markdown: { content: '字'.repeat(1400) } })).json).toMatchObject({ errcode: 40058 });
    expect((await messages('wecom')).map((m) => [m.msgtype, m.text])).toEqual([['markdown', '**【缺货】A**'], ['text', '你好']]);
  });

  it('allows 20 messages a minute per bot, then answers 45009', async () => {
    const path = `/wecom/cgi-bin/webhook/send?key=${WX.id}`;
    for (let i = 0; i < 20; i++) expect((await post(path, { msgtype: 'text', text: { content: `m${i}` } })).json.errcode).toBe(0);
    expect((await post(path, { msgtype: 'text', text: { content: 'too many' } })).json).toEqual({ errcode: 45009, errmsg: 'api freq out of limit' });
    expect(await messages('wecom')).toHaveLength(20);
  });
});

describe('钉钉', () => {
  it('checks 加签: right sign passes, wrong secret, missing sign, an un-encoded sign and an old timestamp fail with 310000', async () => {
    expect((await post(ddPath(now, ddSign(now, DD.secret!)), ddBody)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await post(ddPath(now, ddSign(now, 'SECwrong')), ddBody)).json).toMatchObject({ errcode: 310000 });
    expect((await post(`/dingtalk/robot/send?access_token=${DD.id}`, ddBody)).json).toMatchObject({ errcode: 310000 });
    const old = now - 3_600_001;
    expect((await post(ddPath(old, ddSign(old, DD.secret!)), ddBody)).json).toMatchObject({ errcode: 310000 });
    // Find a timestamp whose signature has a '+', and send it without url-encoding: it arrives as a space.
    let ts = now;
    while (!ddSign(ts, DD.secret!).includes('+')) ts++;
    expect((await post(`/dingtalk/robot/send?access_token=${DD.id}&timestamp=${ts}&sign=${ddSign(ts, DD.secret!)}`, ddBody)).json).toMatchObject({ errcode: 310000 });
    expect(await messages('dingtalk')).toMatchObject([{ msgtype: 'markdown', title: '缺货', text: '**【缺货】A**', signed: true }]);
  });

  it('refuses an unknown token and a body without its fields; a bot without 加签 needs no sign', async () => {
    expect((await post(ddPath(now, ddSign(now, DD.secret!), 'nope'), ddBody)).json).toEqual({ errcode: 300001, errmsg: 'token is not exist' });
    expect((await post(ddPath(now, ddSign(now, DD.secret!)), { msgtype: 'markdown', markdown: { text: 'x' } })).json).toMatchObject({ errcode: 40035 });
    expect((await post(ddPath(now, ddSign(now, DD.secret!)), 'not json')).json).toMatchObject({ errcode: 40035 });
    const plain = await control<{ id: string; secret: null; path: string }>('dingtalk/addBot', { name: '不加签', secret: null });
    expect(plain.path).toBe(`/dingtalk/robot/send?access_token=${plain.id}`);
    expect((await post(plain.path, { msgtype: 'text', text: { content: '你好' } })).json).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('answers an injected rate limit in its own code, and a 5xx plainly', async () => {
    await control('faults', { simulator: 'dingtalk', kind: 'rateLimit', times: 1 });
    await control('faults', { simulator: 'dingtalk', kind: 'http5xx', status: 503, times: 1 });
    expect((await post(ddPath(now, ddSign(now, DD.secret!)), ddBody)).json).toMatchObject({ errcode: 130101 });
    expect((await post(ddPath(now, ddSign(now, DD.secret!)), ddBody)).status).toBe(503);
    expect((await post(ddPath(now, ddSign(now, DD.secret!)), ddBody)).json).toMatchObject({ errcode: 0 });
  });
});

describe('飞书', () => {
  const path = `/feishu/open-apis/bot/v2/hook/${FS.id}`;
  const s = () => Math.floor(now / 1000);

  it('checks 签名校验 in the body: right sign passes; wrong, missing, ms-instead-of-s and old fail with 19021', async () => {
    expect((await post(path, fsBody(s(), fsSign(s(), FS.secret!)))).json).toEqual({ code: 0, data: {}, msg: 'success' });
    expect((await post(path, fsBody(s(), fsSign(s(), 'wrong')))).json).toMatchObject({ code: 19021 });
    expect((await post(path, { msg_type: 'text', content: { text: 'x' } })).json).toMatchObject({ code: 19021 });
    expect((await post(path, fsBody(now, fsSign(now, FS.secret!)))).json).toMatchObject({ code: 19021 });
    const old = s() - 3601;
    expect((await post(path, fsBody(old, fsSign(old, FS.secret!)))).json).toMatchObject({ code: 19021 });
    // 钉钉's recipe (secret as the key) is not 飞书's.
    expect((await post(path, fsBody(s(), ddSign(s(), FS.secret!)))).json).toMatchObject({ code: 19021 });
    expect(await messages('feishu')).toMatchObject([{ msgtype: 'text', text: '【缺货】A', signed: true }]);
  });

  it('refuses an unknown token (19001) and a bad body (9499, HTTP 400)', async () => {
    expect((await post('/feishu/open-apis/bot/v2/hook/nope', fsBody(s(), 'x'))).json).toMatchObject({ code: 19001 });
    const bad = await post(path, { timestamp: String(s()), sign: fsSign(s(), FS.secret!), msg_type: 'text', content: {} });
    expect(bad).toEqual({ status: 400, json: { code: 9499, data: {}, msg: 'Bad Request' } });
  });

  it('control: rate limit per minute, list, clear, reset to the seeded bots', async () => {
    expect(await control('feishu/setRateLimit', { perMinute: 1 })).toEqual({ perMinute: 1 });
    expect((await post(path, fsBody(s(), fsSign(s(), FS.secret!)))).json.code).toBe(0);
    expect((await post(path, fsBody(s(), fsSign(s(), FS.secret!)))).json.code).toBe(11232);
    expect(await control('feishu/setRateLimit', { perMinute: 0 })).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(await control('feishu/nope', {})).toMatchObject({ error: { code: 'UNKNOWN_ACTION', message: '飞书群机器人（沙箱）没有这个控制操作：nope' } });
    await control('feishu/clear', {});
    expect(await messages('feishu')).toEqual([]);
    await control('feishu/addBot', { id: 'extra-bot-001' });
    await control('reset', {});
    const state = await control<{ bots: { id: string }[]; perMinute: number }>('feishu/state');
    expect(state).toMatchObject({ bots: [{ id: FS.id }], perMinute: 100 });
  });
});
