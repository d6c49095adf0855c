// 抖店 simulator: the open-platform gateway (`POST /<path>?app_key&method&timestamp&v=2&sign…`) on top
// of the shared PlatformStore, with token create/refresh, order search/detail, after-sales list, card
// delivery (coupons.syncV2), top-up results (topup.result) and signed message pushes.
import { z } from 'zod';
import { SandboxError } from '../../http.js';
import type { SimRequest, SimResponse, Simulator } from '../../types.js';
import { parseOrThrow } from '../../validate.js';
import { RateLimiter, setListDeliveryRates, steadyRule, type CallKind } from '../rate-limit.js';
import { PlatformStore, postPush, randomDigits, type SimLine, type SimOrder } from '../store.js';
import {
  DAY_MS,
  afterSaleList,
  couponsSyncV2,
  orderDetail,
  searchList,
  tokenCreate,
  tokenRefresh,
  type ApiContext,
} from './api.js';
import { DoudianFail, envelope, failure, gatewaySign, parseGatewayTimestamp, readCommon, success } from './gateway.js';
import { messagesFor, signedPush } from './push.js';
import { logisticsAdd, topupResult } from './topup.js';

export interface DoudianSimulatorOptions {
  clock?: () => number;
  /** Longest update-time window accepted; 抖店 does not publish one (default 7 days). */
  maxWindowMs?: number;
}

const TIMESTAMP_SKEW_MS = 300_000;
const DEFAULT_LIST_PER_SECOND = 200;

type Handler = (ctx: ApiContext) => unknown;
interface Route {
  handler: Handler;
  /** token.* calls authenticate by app key + signature only. */
  needsToken: boolean;
  /** Which rate-limit bucket the call draws from. */
  limit: CallKind | 'token';
}

const ROUTES: Record<string, Route> = {
  'token.create': { handler: tokenCreate, needsToken: false, limit: 'token' },
  'token.refresh': { handler: tokenRefresh, needsToken: false, limit: 'token' },
  'order.searchList': { handler: searchList, needsToken: true, limit: 'list' },
  'order.orderDetail': { handler: orderDetail, needsToken: true, limit: 'list' },
  'afterSale.List': { handler: afterSaleList, needsToken: true, limit: 'list' },
  'coupons.syncV2': { handler: couponsSyncV2, needsToken: true, limit: 'delivery' },
  'topup.result': { handler: topupResult, needsToken: true, limit: 'delivery' },
  'order.logisticsAdd': { handler: logisticsAdd, needsToken: true, limit: 'delivery' },
};

const shopRef = z.object({ shopId: z.string().min(1, 'shopId 不能为空') });

export function createDoudianSimulator(options: DoudianSimulatorOptions = {}): Simulator & { store: PlatformStore } {
  const clock = options.clock ?? Date.now;
  const maxWindowMs = options.maxWindowMs ?? 7 * DAY_MS;
  const store = new PlatformStore({
    clock,
    tokenTtlMs: 7 * DAY_MS,
    idStyle: {
      order: () => `6${randomDigits(18)}`,
      line: () => `6${randomDigits(18)}`,
      item: () => `3${randomDigits(18)}`,
      sku: () => `1${randomDigits(15)}`,
    },
  });
  const lineIndex = new Map<string, SimOrder>();
  const aftersaleIds = new Map<string, string>();
  const refreshExpiresAt = new Map<string, number>();
  // Wall clock: a rate limit is about how fast requests really arrive. Deliveries are unlimited by default.
  const limits = new RateLimiter<CallKind | 'token'>(Date.now, {
    list: steadyRule(DEFAULT_LIST_PER_SECOND),
    token: steadyRule(DEFAULT_LIST_PER_SECOND),
  });

  const aftersaleIdOf = (line: SimLine): string => {
    let id = aftersaleIds.get(line.lineId);
    if (!id) aftersaleIds.set(line.lineId, (id = `7${randomDigits(18)}`));
    return id;
  };

  store.onEvent((event) => {
    if (event.kind === 'created') for (const line of event.order.lines) lineIndex.set(line.lineId, event.order);
    const shop = store.shops.get(event.order.shopId);
    if (!shop?.pushUrl) return;
    const messages = messagesFor(event, aftersaleIdOf);
    if (messages.length > 0) void postPush(shop.pushUrl, signedPush(shop, messages));
  });

  function handle(req: SimRequest): SimResponse {
    try {
      return success(serve(req));
    } catch (err) {
      if (err instanceof DoudianFail) return failure(err);
      throw err;
    }
  }

  function serve(req: SimRequest): unknown {
    const methodName = req.path.replace(/^\/+/, '').split('/').join('.');
    const route = ROUTES[methodName];
    if (req.method !== 'POST' || !route) throw new DoudianFail(70000, 'isp.api-service-off', 'API不存在或API已下线');
    const common = readCommon(req);
    const shop = store.shopByAppKey(common.appKey);
    if (!shop) throw new DoudianFail(40003, 'isv.app-id-invalid', '认证失败，app_key不存在');
    if (common.method !== methodName) throw new DoudianFail(40003, 'isv.method-invalid', 'method 参数与请求路径不一致');
    if (common.v !== '2') throw new DoudianFail(40003, 'isv.version-invalid', 'v 必须为 2');
    const sentAt = parseGatewayTimestamp(common.timestamp);
    if (sentAt === undefined) throw new DoudianFail(40003, 'isv.timestamp-format-error', '时间戳格式错误');
    if (Math.abs(clock() - sentAt) > TIMESTAMP_SKEW_MS) throw new DoudianFail(40003, 'isv.timestamp-invalid', '时间戳不合法');
    if (common.signMethod !== 'hmac-sha256' && common.signMethod !== 'md5') {
      throw new DoudianFail(40003, 'isv.sign-method-invalid', 'sign_method 只支持 hmac-sha256 或 md5');
    }
    const expected = gatewaySign(common.signMethod, shop.appSecret, common);
    if (common.sign !== expected) throw new DoudianFail(40003, 'isv.signature-invalid', '签名校验失败');
    if (route.needsToken) {
      if (!common.accessToken) throw new DoudianFail(40001, 'isv.access-token-missing', '认证失败，access_token不能为空');
      if (common.accessToken !== shop.accessToken) {
        throw new DoudianFail(40003, 'isv.access-token-no-existed', 'access_token不存在，请使用最新的access_token访问');
      }
      if (shop.tokenExpiresAt <= clock()) throw new DoudianFail(40003, 'isv.access-token-expired', 'access_token已过期');
    }
    if (limits.take(route.limit, shop.shopId) > 0) throw new DoudianFail(60000, 'isv.flow-limit', '触发限流，请稍后重试');
    return route.handler({
      store,
      shop,
      params: common.params,
      now: clock(),
      duplicate: req.fault?.kind === 'duplicate',
      maxWindowMs,
      refreshExpiresAt,
      aftersaleIdOf,
      orderOfLine: (lineId) => lineIndex.get(lineId),
    });
  }

  function control(action: string, body: unknown): unknown {
    switch (action) {
      case 'setRateLimit':
        return setListDeliveryRates(limits, body);
      case 'expireRefreshToken': {
        const { shopId } = parseOrThrow(shopRef, body, '让刷新令牌过期');
        if (!store.shops.has(shopId)) throw new SandboxError(404, 'SHOP_NOT_FOUND', `店铺不存在：${shopId}`);
        refreshExpiresAt.set(shopId, clock() - 1);
        return { ok: true };
      }
      default:
        return store.control(action, body);
    }
  }

  return {
    name: 'doudian',
    title: '抖店',
    store,
    handle,
    control,
    snapshot: () => store.snapshot(),
    reset() {
      store.reset();
      lineIndex.clear();
      aftersaleIds.clear();
      refreshExpiresAt.clear();
      limits.reset();
    },
    // The gateway reports its own failures inside the usual envelope (HTTP 200), not as bare 5xx/429.
    faultBody(kind) {
      if (kind === 'rateLimit') return envelope(60000, {}, 'isv.flow-limit', '触发限流，请稍后重试');
      if (kind === 'http5xx') return envelope(20000, {}, 'isp.service-error', '服务不可用，请稍后重试');
      return undefined;
    },
  };
}
