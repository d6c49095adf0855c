// 拼多多 simulator: the POP gateway (`POST /api/router`, JSON body, MD5 sign, Unix-second timestamp with a
// 300 s tolerance) in front of the shared PlatformStore. Every refusal answers HTTP 200 with
// `{"error_response":{error_code,error_msg,sub_code,sub_msg}}`, like the real gateway. No push: 拼多多
// apps of this kind poll.
import { errorResponse } from '../../http.js';
import type { SimRequest, SimResponse, Simulator } from '../../types.js';
import { RateLimiter, setApiRate, type RateRule } from '../rate-limit.js';
import { PlatformStore, randomDigits } from '../store.js';
import { HANDLERS, tokenRefresh, type CallContext, type PddApi } from './api.js';
import { ERR, MAX_SKEW_SECONDS, PddFail, errorBody, expectedSign, pddOrderSn } from './protocol.js';

/**
 * Real figures: order increment 3,000 calls / 60 s per merchant, refund increment 100 / 10 s. Delivery
 * is unlimited so the bench can push thousands of confirmations a second.
 */
export const PDD_DEFAULT_LIMITS: Record<PddApi, RateRule | null> = {
  orders: { perSecond: 50, burst: 3000 },
  refunds: { perSecond: 10, burst: 100 },
  detail: { perSecond: 200, burst: 200 },
  deliver: null,
  other: { perSecond: 200, burst: 200 },
};

/** `setRateLimit {api, perSecond|null, burst?}` names one of these (orders when absent). */
const API_NAMES = ['orders', 'refunds', 'detail', 'deliver', 'other'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * 拼多多's order API never gives the recharge account: buyers of a 直充 listing leave it in the order memo.
 * A createOrder whose line names a rechargeAccount and that sets no buyerMessage gets `充值账号：<account>`.
 */
function withRechargeMemo(body: unknown): unknown {
  if (!isObject(body) || !Array.isArray(body.lines)) return body;
  if (typeof body.buyerMessage === 'string' && body.buyerMessage.trim() !== '') return body;
  const account = body.lines.map((l) => (isObject(l) ? l.rechargeAccount : undefined)).find((a) => typeof a === 'string' && a !== '');
  return typeof account === 'string' ? { ...body, buyerMessage: `充值账号：${account}` } : body;
}

export function createPddSimulator(options: { clock?: () => number } = {}): Simulator & { store: PlatformStore } {
  const clock = options.clock ?? Date.now;
  const store = new PlatformStore({
    clock,
    idStyle: {
      order: () => pddOrderSn(clock()),
      // 拼多多 has no line ids: the first line is the order itself, like the adapter numbers them.
      line: (order, index) => (index === 0 ? order : `${order}-${index + 1}`),
      item: () => randomDigits(9),
      sku: () => randomDigits(11),
    },
  });
  const limiter = new RateLimiter<PddApi>(clock, PDD_DEFAULT_LIMITS);

  function gateway(req: SimRequest): SimResponse {
    if (req.method !== 'POST') return errorBody(ERR.param, '只接受 POST 请求');
    const params = req.json<unknown>();
    if (!isObject(params)) return errorBody(ERR.param, '请求体必须是 JSON 对象');
    const { type, client_id: clientId, sign, timestamp } = params;
    if (typeof type !== 'string' || typeof clientId !== 'string' || typeof sign !== 'string' || timestamp === undefined) {
      return errorBody(ERR.param, '缺少公共参数 type、client_id、timestamp 或 sign');
    }
    const shop = store.shopByAppKey(clientId);
    if (!shop) return errorBody(ERR.client);
    if (sign !== expectedSign(params, shop.appSecret)) return errorBody(ERR.sign);
    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || Math.abs(ts - clock() / 1000) > MAX_SKEW_SECONDS) {
      return errorBody(ERR.param, `timestamp 已过期：与服务器时间相差超过 ${MAX_SKEW_SECONDS} 秒`);
    }
    const ctx: CallContext = { shop, params, store, limiter, ...(req.fault && { fault: req.fault }) };
    try {
      if (type === 'pdd.pop.auth.token.refresh') return { status: 200, body: tokenRefresh(ctx) };
      if (params.access_token !== shop.accessToken || clock() >= shop.tokenExpiresAt) return errorBody(ERR.token);
      const handler = HANDLERS[type];
      if (!handler) return errorBody(ERR.param, `type 不存在或无权限：${type}`);
      return { status: 200, body: handler(ctx) };
    } catch (err) {
      if (err instanceof PddFail) return errorBody(err.error, err.subMsg);
      throw err;
    }
  }

  return {
    name: 'pdd',
    title: '拼多多',
    store,
    handle(req) {
      if (req.path === '/api/router') return gateway(req);
      return errorResponse(404, 'NOT_FOUND', `拼多多模拟器没有这个地址：${req.method} ${req.path}（网关在 /api/router）`);
    },
    control(action, body) {
      if (action === 'setRateLimit') return setApiRate(limiter, API_NAMES, body);
      return store.control(action, action === 'createOrder' ? withRechargeMemo(body) : body);
    },
    snapshot: () => store.snapshot(),
    reset() {
      store.reset();
      limiter.reset();
    },
    faultBody(kind) {
      if (kind === 'rateLimit') return errorBody(ERR.tooFrequent, '调用过于频繁，请稍后再试');
      return undefined;
    },
  };
}
