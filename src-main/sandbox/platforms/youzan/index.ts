// 有赞 simulator: `/auth/token` and `/api/{api}/{version}?access_token=…` over the shared order store,
// with 有赞云's gateway checks and answer shapes, plus form-encoded push to the shop's pushUrl.
import type { FaultKind, FaultRule } from '../../faults.js';
import type { SimRequest, SimResponse, Simulator } from '../../types.js';
import { ShopRateLimits } from '../rate-limit.js';
import { PlatformStore, randomDigits } from '../store.js';
import { YOUZAN_APIS, type ApiContext } from './api.js';
import { issueToken } from './auth.js';
import { compactBeijing, gatewayError } from './protocol.js';
import { sendYouzanPush, youzanPushes } from './push.js';

export interface YouzanSimulatorOptions {
  /** Business time (order times, token expiry), epoch ms. */
  clock?: () => number;
}

const DEFAULT_LIMITS = { list: 200, delivery: null };
const API_PATH = /^\/api\/([a-z][\w.]*)\/(\d+\.\d+\.\d+)$/;

const BAD_GATEWAY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>';

type Gate = Omit<ApiContext, 'store' | 'now' | 'duplicate' | 'refundIdFor'> & { api: (typeof YOUZAN_APIS)[string] };

/** The gateway's checks, in its order: path, API name and version, token, then the JSON body. */
function admit(req: SimRequest, store: PlatformStore, now: number): Gate | SimResponse {
  const route = API_PATH.exec(req.path);
  if (!route) return gatewayError(4001, '非法请求地址');
  if (req.method !== 'POST' && req.method !== 'GET') return gatewayError(4007, `非法的请求姿势，httpMethod:${req.method}`);
  const api = YOUZAN_APIS[route[1]!];
  if (!api || !api.versions.test(route[2]!)) return gatewayError(4005, '非法的API');
  const token = req.query.get('access_token');
  if (!token) return gatewayError(4201, '非法的请求凭证');
  const shop = store.shopByToken(token);
  if (!shop) return gatewayError(4203, 'Token 不存在');
  if (shop.tokenExpiresAt <= now) return gatewayError(4202, '请求凭证过期');
  let params: Record<string, unknown> = Object.fromEntries(req.query);
  delete params.access_token;
  if (req.body.length > 0) {
    const type = String(req.headers['content-type'] ?? '');
    if (!type.includes('application/json')) return gatewayError(4007, `非法的请求姿势，httpMethod:${req.method}, contentType:${type}`);
    const body = req.json<Record<string, unknown>>();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return gatewayError(4004, '非法的Content');
    params = { ...params, ...body };
  }
  return { api, shop, params };
}

export function createYouzanSimulator(options: YouzanSimulatorOptions = {}): Simulator & { store: PlatformStore } {
  const clock = options.clock ?? Date.now;
  // 有赞 order numbers: E + Beijing yyyyMMddHHmmss + 9 digits (24 characters); oids are long digit strings.
  const store = new PlatformStore({
    clock,
    idStyle: {
      order: () => `E${compactBeijing(clock())}${randomDigits(9)}`,
      line: () => randomDigits(18),
      item: () => randomDigits(9),
      sku: () => randomDigits(10),
    },
  });
  const limits = new ShopRateLimits(DEFAULT_LIMITS);
  const refundIds = new Map<string, string>();
  const refundIdFor = (lineId: string): string => {
    let id = refundIds.get(lineId);
    if (id === undefined) refundIds.set(lineId, (id = `${compactBeijing(clock())}${randomDigits(10)}`));
    return id;
  };

  store.onEvent((event) => {
    const shop = store.shops.get(event.order.shopId);
    if (!shop?.pushUrl) return;
    for (const push of youzanPushes(event, shop, clock(), refundIdFor)) sendYouzanPush(shop, push);
  });

  return {
    name: 'youzan',
    title: '有赞',
    store,
    handle(req) {
      const now = clock();
      if (req.path === '/auth/token') return issueToken(req, store, now);
      const gate = admit(req, store, now);
      if ('status' in gate) return gate;
      if (limits.take(gate.shop.shopId, gate.api.kind) > 0) return gatewayError(4101, '请求太频繁');
      return gate.api.run({ store, shop: gate.shop, params: gate.params, now, duplicate: req.fault?.kind === 'duplicate', refundIdFor });
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
    // Overload comes back as the gateway's 4101 inside HTTP 200; a back-end failure as the load
    // balancer's HTML error page.
    faultBody(kind: FaultKind, rule: FaultRule): SimResponse | undefined {
      if (kind === 'rateLimit') return gatewayError(4101, '请求太频繁');
      if (kind === 'http5xx') return { status: rule.status ?? 502, headers: { 'content-type': 'text/html' }, body: BAD_GATEWAY_PAGE };
      return undefined;
    },
  };
}
