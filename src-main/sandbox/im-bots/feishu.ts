// 飞书自定义机器人（沙箱）: `POST /feishu/open-apis/bot/v2/hook/<token>`. A bot with a 签名校验 secret
// checks the body's `timestamp` (seconds, within 1 hour of its clock) and `sign` = base64(HMAC-SHA256 with
// key `${timestamp}\n${secret}` over an empty message). Answers `{code, msg, data}`: 19001 unknown token,
// 19021 bad sign / old timestamp, 11232 more than 100 a minute, 9499 bad body (HTTP 400).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { notFound } from '../http.js';
import type { SimRequest, SimResponse, Simulator } from '../types.js';
import { BotBook, hex, obj, str, uuid, type Bot } from './bot-book.js';

export const FEISHU_NAME = 'feishu';
export const FEISHU_TITLE = '飞书群机器人（沙箱）';
export const SANDBOX_FEISHU_BOT: Bot = { id: 'kd-sandbox-feishu-0000-000000000001', name: '演示群机器人', secret: 'kdSandboxFeishuSecret0001' };

const HOUR_S = 3600;
const answer = (code: number, msg: string, status = 200): SimResponse => ({ status, body: { code, data: {}, msg } });
const PREFIX = '/open-apis/bot/v2/hook/';

function signatureOk(secret: string, timestamp: unknown, sign: unknown, nowMs: number): boolean {
  if (typeof timestamp !== 'string' || typeof sign !== 'string' || !/^\d{10}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > HOUR_S) return false;
  const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest();
  const given = Buffer.from(sign, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function textOf(msgType: string, body: Record<string, unknown>): string | undefined {
  if (msgType === 'text') return str(obj(body.content)?.text);
  if (msgType === 'post' || msgType === 'interactive') {
    const payload = msgType === 'post' ? obj(body.content)?.post : (body.card ?? obj(body.content)?.card);
    return payload === undefined ? undefined : JSON.stringify(payload);
  }
  return undefined;
}

export function createFeishuBots(options: { clock?: () => number; now?: () => number } = {}): Simulator & { book: BotBook } {
  const clock = options.clock ?? Date.now;
  const book = new BotBook({
    perMinute: 100, seed: [SANDBOX_FEISHU_BOT], newId: uuid, newSecret: () => hex(11), now: options.now,
    pathOf: (bot) => `/${FEISHU_NAME}${PREFIX}${encodeURIComponent(bot.id)}`,
  });

  function handle(req: SimRequest): SimResponse {
    if (!req.path.startsWith(PREFIX)) throw notFound(req.method, req.path);
    if (req.method !== 'POST') return answer(9499, 'Bad Request', 400);
    const bot = book.bots.get(decodeURIComponent(req.path.slice(PREFIX.length)));
    if (!bot) return answer(19001, 'param invalid: incoming webhook access token invalid');
    const body = obj(req.json());
    if (!body) return answer(9499, 'Bad Request', 400);
    if (bot.secret && !signatureOk(bot.secret, body.timestamp, body.sign, clock())) {
      return answer(19021, 'sign match fail or timestamp is not within one hour from current time');
    }
    if (book.tooFast(bot)) return answer(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]');
    const msgType = str(body.msg_type);
    const text = msgType ? textOf(msgType, body) : undefined;
    if (!msgType || text === undefined || text.trim() === '') return answer(9499, 'Bad Request', 400);
    book.record(bot, clock(), { msgtype: msgType, title: null, text, signed: bot.secret !== null });
    return answer(0, 'success');
  }

  return {
    name: FEISHU_NAME,
    title: FEISHU_TITLE,
    book,
    handle,
    control: (action, body) => book.control(action, body, FEISHU_TITLE),
    snapshot: () => book.snapshot(),
    reset: () => book.reset(),
    faultBody: (kind) => (kind === 'rateLimit' ? answer(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]') : undefined),
  };
}
