// 微店 simulator: `GET /token?grant_type=client_credential&appkey&secret` and
// `GET|POST /api?public=<json>&param=<json>` over the shared PlatformStore. 微店 signs nothing, so the
// token is the whole check: unknown → 10013, expired → 10016, missing → 10026, every call. No push.
import { errorResponse } from '../../http.js';
import type { SimRequest, SimResponse, Simulator } from '../../types.js';
import { pageOverlapping } from '../paging.js';
import { RateLimiter, setApiRate, type RateRule } from '../rate-limit.js';
import { PlatformStore, randomDigits, type SimOrder, type SimShop } from '../store.js';
import { parseBeijing } from '../units.js';
import {
  DEFAULT_PAGE_SIZE,
  EXPRESS_NONE,
  HISTORY_MS,
  MAX_PAGE_SIZE,
  MAX_WINDOW_MS,
  ORDER_TYPES,
  WD,
  WdFail,
  fail,
  matchesType,
  ok,
  orderJson,
  type OrderType,
} from './protocol.js';

type WdApi = 'orders' | 'detail' | 'deliver';
type Json = Record<string, unknown>;

/** 微店 publishes no figures: generous list/detail limits, delivery unlimited (the bench needs volume). */
export const WEIDIAN_DEFAULT_LIMITS: Record<WdApi, RateRule | null> = {
  orders: { perSecond: 200, burst: 200 },
  detail: { perSecond: 200, burst: 200 },
  deliver: null,
};

/** `setRateLimit {api, perSecond|null, burst?}` names one of these (orders when absent). */
const API_NAMES = ['orders', 'detail', 'deliver'] as const;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function intParam(param: Json, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = param[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new WdFail(WD.param, `${name} 取值范围 ${min}–${max}，收到 ${String(raw)}`);
  return n;
}

function jsonArg(source: URLSearchParams, name: string): Json {
  const text = source.get(name);
  if (text === null || text === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (isObject(value)) return value;
  } catch {
    // answered below, in 微店's format
  }
  throw new WdFail(WD.param, `${name} 不是有效的 JSON 对象`);
}

export function createWeidianSimulator(options: { clock?: () => number } = {}): Simulator & { store: PlatformStore } {
  const clock = options.clock ?? Date.now;
  const store = new PlatformStore({
    clock,
    idStyle: {
      order: () => randomDigits(15),
      // 微店 items have no line id: the first line is the order itself, like the adapter numbers them.
      line: (order, index) => (index === 0 ? order : `${order}-${index + 1}`),
      item: () => randomDigits(10),
      sku: () => randomDigits(11),
    },
  });
  const limiter = new RateLimiter<WdApi>(clock, WEIDIAN_DEFAULT_LIMITS);

  function throttle(api: WdApi, shop: SimShop): void {
    if (limiter.take(api, shop.shopId) > 0) throw new WdFail(WD.limited, '调用过于频繁，请降低调用频率');
  }

  function token(req: SimRequest): SimResponse {
    const q = req.query;
    if (q.get('grant_type') !== 'client_credential') return fail(WD.param, 'grant_type 必须是 client_credential');
    const shop = store.shopByAppKey(q.get('appkey') ?? '');
    // One answer for an unknown appkey and a wrong secret: no hint about which shops exist.
    if (!shop || q.get('secret') !== shop.appSecret) return fail(WD.badApp);
    if (!shop.accessToken || clock() >= shop.tokenExpiresAt) store.issueToken(shop);
    return ok({ access_token: shop.accessToken, expire_in: Math.floor((shop.tokenExpiresAt - clock()) / 1000) });
  }

  function findOrder(shop: SimShop, param: Json): SimOrder {
    const id = param.order_id;
    if ((typeof id !== 'string' && typeof id !== 'number') || id === '') throw new WdFail(WD.param, '缺少 order_id');
    const order = store.orders.get(String(id));
    if (!order || order.shopId !== shop.shopId) throw new WdFail(WD.orderMissing, `订单不存在：${String(id)}`);
    return order;
  }

  function orderList(shop: SimShop, param: Json, req: SimRequest): Json {
    throttle('orders', shop);
    const type = (param.order_type ?? 'all') as OrderType;
    if (!ORDER_TYPES.includes(type)) throw new WdFail(WD.param, `order_type 只能是 ${ORDER_TYPES.join('/')}`);
    const page = intParam(param, 'page_num', 1, 1);
    const size = intParam(param, 'page_size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    const now = clock();
    // Read leniently: a day past the month's end rolls over rather than being refused.
    const from = param.update_start === undefined ? now - MAX_WINDOW_MS : parseBeijing(String(param.update_start), false);
    const to = param.update_end === undefined ? now : parseBeijing(String(param.update_end), false);
    if (from === undefined || to === undefined) throw new WdFail(WD.param, 'update_start / update_end 格式应为 yyyy-MM-dd HH:mm:ss');
    if (to < from) throw new WdFail(WD.param, 'update_end 不能早于 update_start');
    if (to - from > MAX_WINDOW_MS) throw new WdFail(WD.param, '更新时间跨度不能超过31天');
    if (from < now - HISTORY_MS) throw new WdFail(WD.param, '只能查询最近90天内更新的订单');
    const matches = store.ordersUpdatedBetween(shop.shopId, from, to + 999).filter((o) => matchesType(o, type));
    const orders = pageOverlapping(matches, page, size, req.fault?.kind === 'duplicate').map(orderJson);
    return { orders, order_num: orders.length, total_num: matches.length };
  }

  /**
   * Sandbox convention: `keydesk_message` carries the key message (the real call has no such field; the
   * buyer reads keys in the 微店 chat / order page). It becomes the ledger's `content`.
   */
  function deliver(shop: SimShop, param: Json): Json {
    throttle('deliver', shop);
    const order = findOrder(shop, param);
    const expressType = Number(param.express_type ?? EXPRESS_NONE);
    const expressNo = typeof param.express_no === 'string' ? param.express_no : '';
    if (expressType !== EXPRESS_NONE && expressNo === '') throw new WdFail(WD.param, '需要物流的发货必须填写 express_no');
    if (order.lines.every((l) => l.shippedAt !== null)) throw new WdFail(WD.alreadyShipped);
    if (order.lines.some((l) => l.refund === 'requested')) throw new WdFail(WD.cannotShip, '订单退款中，不能发货');
    const message = typeof param.keydesk_message === 'string' ? param.keydesk_message : '';
    const outcome = store.ship(
      order,
      order.lines.map((l) => l.lineId),
      message,
    );
    if (outcome === 'already') throw new WdFail(WD.alreadyShipped);
    if (outcome === 'not_paid') throw new WdFail(WD.cannotShip, order.status === 'unpaid' ? '订单未付款，不能发货' : '订单已关闭或已退款，不能发货');
    return { order_id: order.orderId };
  }

  function api(req: SimRequest): SimResponse {
    const form = req.method === 'POST' && req.body.length > 0 ? new URLSearchParams(req.body.toString('utf8')) : undefined;
    const source = form?.has('public') ? form : req.query;
    try {
      const pub = jsonArg(source, 'public');
      const param = jsonArg(source, 'param');
      const accessToken = pub.access_token;
      if (typeof accessToken !== 'string' || accessToken === '') return fail(WD.tokenMissing);
      const shop = store.shopByToken(accessToken);
      if (!shop) return fail(WD.tokenInvalid);
      if (clock() >= shop.tokenExpiresAt) return fail(WD.tokenExpired);
      switch (pub.method) {
        case 'vdian.order.list.get':
          return ok(orderList(shop, param, req));
        case 'vdian.order.get':
          throttle('detail', shop);
          return ok(orderJson(findOrder(shop, param)));
        case 'vdian.order.deliver':
          return ok(deliver(shop, param));
        default:
          return fail(WD.noMethod, `接口不存在：${String(pub.method)}`);
      }
    } catch (err) {
      if (err instanceof WdFail) return fail(err.error, err.reason);
      throw err;
    }
  }

  return {
    name: 'weidian',
    title: '微店',
    store,
    handle(req) {
      if (req.path === '/token' && req.method === 'GET') return token(req);
      if (req.path === '/api' && (req.method === 'GET' || req.method === 'POST')) return api(req);
      return errorResponse(404, 'NOT_FOUND', `微店模拟器没有这个地址：${req.method} ${req.path}（令牌 GET /token，接口 /api）`);
    },
    control(action, body) {
      return action === 'setRateLimit' ? setApiRate(limiter, API_NAMES, body) : store.control(action, body);
    },
    snapshot: () => store.snapshot(),
    reset() {
      store.reset();
      limiter.reset();
    },
    faultBody(kind) {
      if (kind === 'rateLimit') return fail(WD.limited, '调用过于频繁，请稍后再试');
      return undefined;
    },
  };
}
