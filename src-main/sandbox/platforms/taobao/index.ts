// 淘宝/天猫 (TOP) simulator: the router gateway at `/router/rest` over the shared order store, with TOP's
// signatures, errors, windows and paging, plus TMC-style push to the shop's pushUrl.
import type { FaultKind, FaultRule } from '../../faults.js';
import { errorResponse } from '../../http.js';
import type { SimResponse, Simulator } from '../../types.js';
import { ShopRateLimits } from '../rate-limit.js';
import { PlatformStore, randomDigits } from '../store.js';
import { TOP_METHODS } from './api.js';
import { authenticate, readParams, type TopCall } from './gateway.js';
import { topError } from './protocol.js';
import { sendTmc, tmcMessages } from './push.js';

export interface TaobaoSimulatorOptions {
  /** Business time (order times, timestamps, token expiry), epoch ms. */
  clock?: () => number;
}

// Generous default for order reads; delivery unlimited so the bench can push thousands per second.
const DEFAULT_LIMITS = { list: 200, delivery: null };

// 18 digits: int64 like TOP's ids, and above 2^53 so an adapter that reads them as doubles is caught.
const int64Id = (): string => `${1 + Math.floor(Math.random() * 8)}${randomDigits(17)}`;

const callLimited = (seconds: number): SimResponse =>
  topError(7, 'App Call Limited', { code: 'accesscontrol.limited-by-app-access-count', msg: `This ban will last ${seconds} seconds` });

const isCall = (value: TopCall | SimResponse): value is TopCall => 'shop' in value;

export function createTaobaoSimulator(options: TaobaoSimulatorOptions = {}): Simulator & { store: PlatformStore } {
  const clock = options.clock ?? Date.now;
  const store = new PlatformStore({
    clock,
    idStyle: { order: int64Id, line: () => int64Id(), item: () => randomDigits(12), sku: () => randomDigits(13) },
  });
  const limits = new ShopRateLimits(DEFAULT_LIMITS);
  const refundIds = new Map<string, string>();
  const refundIdFor = (lineId: string): string => {
    let id = refundIds.get(lineId);
    if (id === undefined) refundIds.set(lineId, (id = int64Id()));
    return id;
  };
  let messageSeq = Number(randomDigits(13));

  store.onEvent((event) => {
    const shop = store.shops.get(event.order.shopId);
    if (!shop?.pushUrl) return;
    for (const message of tmcMessages(event, shop, clock(), () => ++messageSeq, refundIdFor)) sendTmc(shop, message);
  });

  return {
    name: 'taobao',
    title: '淘宝/天猫',
    store,
    handle(req) {
      if (req.path !== '/router/rest') return errorResponse(404, 'NOT_FOUND', `淘宝沙箱没有这个地址：${req.path}（网关是 /router/rest）`);
      const now = clock();
      const call = authenticate(readParams(req), store, now, (method) => method in TOP_METHODS);
      if (!isCall(call)) return call;
      const method = TOP_METHODS[call.method]!;
      const wait = limits.take(call.shop.shopId, method.kind);
      if (wait > 0) return callLimited(wait);
      return method.run({ store, call, now, duplicate: req.fault?.kind === 'duplicate', refundIdFor });
    },
    control(action, body) {
      return action === 'setRateLimit' ? limits.configure(body) : store.control(action, body);
    },
    snapshot: () => store.snapshot(),
    reset() {
      store.reset();
      refundIds.clear();
      limits.reset();
    },
    // TOP reports both overload and back-end failure inside HTTP 200. A rule with an explicit status
    // keeps the generic answer (a bare HTTP error from a proxy in front of the gateway).
    faultBody(kind: FaultKind, rule: FaultRule) {
      if (kind === 'rateLimit') return callLimited(3);
      if (kind === 'http5xx' && rule.status === undefined) {
        return topError(15, 'Remote service error', { code: 'isp.remote-service-error', msg: '服务暂时不可用，请稍后重试' });
      }
      return undefined;
    },
  };
}
