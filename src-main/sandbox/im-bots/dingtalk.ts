// 钉钉自定义机器人（沙箱）: `POST /dingtalk/robot/send?access_token=…[&timestamp=…&sign=…]`. A bot with a
// 加签 secret checks `sign` = urlencode(base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`))) and a
// millisecond timestamp within 1 hour of its clock. Answers `{errcode, errmsg}` with HTTP 200:
// 300001 unknown token, 310000 bad or missing sign / old timestamp, 130101 more than 20 a minute,
// 40035 bad body.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { notFound } from '../http.js';
import type { SimRequest, SimResponse, Simulator } from '../types.js';
import { BotBook, hex, obj, str, type Bot } from './bot-book.js';

export const DINGTALK_NAME = 'dingtalk';
export const DINGTALK_TITLE = '钉钉群机器人（沙箱）';
export const SANDBOX_DINGTALK_BOT: Bot = {
  id: 'kdsandboxdingtalk00000000000000000000000000000000000000000000001',
  name: '演示群机器人',
  secret: 'SECkeydesksandboxdingtalk0000000000000000000000000000000000000001',
};

const HOUR_MS = 3_600_000;
const answer = (errcode: number, errmsg: string): SimResponse => ({ status: 200, body: { errcode, errmsg } });
const SIGN_FAIL = 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]';

function signatureOk(secret: string, timestamp: string | null, sign: string | null, now: number): boolean {
  if (!timestamp || !sign || !/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > HOUR_MS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest();
  const given = Buffer.from(sign, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createDingtalkBots(options: { clock?: () => number; now?: () => number } = {}): Simulator & { book: BotBook } {
  const clock = options.clock ?? Date.now;
  const book = new BotBook({
    perMinute: 20, seed: [SANDBOX_DINGTALK_BOT], newId: () => hex(32), newSecret: () => `SEC${hex(32)}`, now: options.now,
    pathOf: (bot) => `/${DINGTALK_NAME}/robot/send?access_token=${encodeURIComponent(bot.id)}`,
  });

  function handle(req: SimRequest): SimResponse {
    if (req.path !== '/robot/send') throw notFound(req.method, req.path);
    if (req.method !== 'POST') return answer(43002, '需要 POST 请求');
    const bot = book.bots.get(req.query.get('access_token') ?? '');
    if (!bot) return answer(300001, 'token is not exist');
    // The query has already been decoded once: a sign sent without urlencode loses its '+' here, as on the real service.
    if (bot.secret && !signatureOk(bot.secret, req.query.get('timestamp'), req.query.get('sign'), clock())) return answer(310000, SIGN_FAIL);
    if (book.tooFast(bot)) return answer(130101, 'send too fast, exceed 20 times per minute');
    const body = obj(req.json());
    const msgtype = str(body?.msgtype);
    if (!body || !msgtype) return answer(40035, '缺少参数 json');
    let title: string | null = null;
    let text: string | undefined;
    if (msgtype === 'text') text = str(obj(body.text)?.content);
    else if (msgtype === 'markdown') {
      title = str(obj(body.markdown)?.title) ?? null;
      text = str(obj(body.markdown)?.text);
      if (!title) return answer(40035, '缺少参数 markdown.title');
    } else return answer(40035, `不支持的消息类型 ${msgtype}`);
    if (!text || text.trim() === '') return answer(40035, `缺少参数 ${msgtype === 'text' ? 'text.content' : 'markdown.text'}`);
    book.record(bot, clock(), { msgtype, title, text, signed: bot.secret !== null });
    return answer(0, 'ok');
  }

  return {
    name: DINGTALK_NAME,
    title: DINGTALK_TITLE,
    book,
    handle,
    control: (action, body) => book.control(action, body, DINGTALK_TITLE),
    snapshot: () => book.snapshot(),
    reset: () => book.reset(),
    faultBody: (kind) => (kind === 'rateLimit' ? answer(130101, 'send too fast, exceed 20 times per minute') : undefined),
  };
}
