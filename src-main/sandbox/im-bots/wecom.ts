// 企业微信群机器人（沙箱）: `POST /wecom/cgi-bin/webhook/send?key=…`. No signing — the key is the secret.
// Answers `{errcode, errmsg}` with HTTP 200 like the real service: 93000 unknown key, 45009 more than
// 20 messages a minute, 40008 unknown msgtype, 44004 empty content, 40058 content over its byte limit.
import { notFound } from '../http.js';
import type { SimRequest, SimResponse, Simulator } from '../types.js';
import { BotBook, obj, str, uuid, type Bot } from './bot-book.js';

export const WECOM_NAME = 'wecom';
export const WECOM_TITLE = '企业微信群机器人（沙箱）';
export const SANDBOX_WECOM_BOT: Bot = { id: 'kd-sandbox-wecom-0001', name: '演示群机器人', secret: null };

const answer = (errcode: number, errmsg: string): SimResponse => ({ status: 200, body: { errcode, errmsg } });
const LIMITS: Record<string, number> = { text: 2048, markdown: 4096 };

export function createWecomBots(options: { clock?: () => number; now?: () => number } = {}): Simulator & { book: BotBook } {
  const clock = options.clock ?? Date.now;
  const book = new BotBook({
    perMinute: 20, seed: [SANDBOX_WECOM_BOT], newId: uuid, newSecret: () => null, now: options.now,
    pathOf: (bot) => `/${WECOM_NAME}/cgi-bin/webhook/send?key=${encodeURIComponent(bot.id)}`,
  });

  function handle(req: SimRequest): SimResponse {
    if (req.path !== '/cgi-bin/webhook/send') throw notFound(req.method, req.path);
    if (req.method !== 'POST') return answer(43002, 'require POST method');
    const bot = book.bots.get(req.query.get('key') ?? '');
    if (!bot) return answer(93000, 'invalid webhook url, please check');
    if (book.tooFast(bot)) return answer(45009, 'api freq out of limit');
    const body = obj(req.json());
    const msgtype = str(body?.msgtype);
    if (!body || !msgtype || !(msgtype in LIMITS)) return answer(40008, 'invalid message type');
    const content = str(obj(body[msgtype])?.content) ?? '';
    if (content.trim() === '') return answer(44004, 'empty content');
    if (Buffer.byteLength(content, 'utf8') > LIMITS[msgtype]!) return answer(40058, `${msgtype}.content exceed max length ${LIMITS[msgtype]}`);
    book.record(bot, clock(), { msgtype, title: null, text: content, signed: false });
    return answer(0, 'ok');
  }

  return {
    name: WECOM_NAME,
    title: WECOM_TITLE,
    book,
    handle,
    control: (action, body) => book.control(action, body, WECOM_TITLE),
    snapshot: () => book.snapshot(),
    reset: () => book.reset(),
    faultBody: (kind) => (kind === 'rateLimit' ? answer(45009, 'api freq out of limit') : undefined),
  };
}
