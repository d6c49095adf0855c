// 独立站 simulator: a merchant website implementing KeyDesk's own protocol
// (src-main/core/channels/site/PROTOCOL.md) — signed pull API plus signed event pushes.
import { z } from 'zod';
import { SandboxError, errorResponse } from '../../http.js';
import type { SimRequest, SimResponse, Simulator } from '../../types.js';
import { pageRepeatingPrevious } from '../paging.js';
import { RateLimiter, setListDeliveryRates, steadyRule, type CallKind } from '../rate-limit.js';
import { PlatformStore, postPush, randomDigits, type SimOrder, type SimShop } from '../store.js';
import { authenticate } from './auth.js';
import { eventFor, signedEvent } from './push.js';
import { siteOrder, siteRefunds } from './serialize.js';
import { SiteVerifyDesk } from './verify.js';

export interface SiteSimulatorOptions {
  clock?: () => number;
}

const DAY_MS = 86_400_000;
const MAX_WINDOW_MS = 7 * DAY_MS;
const HISTORY_MS = 90 * DAY_MS;
const MAX_PAGE_SIZE = 200;
const DEFAULT_LIST_PER_SECOND = 200;

const bad = (code: string, message: string) => new SandboxError(400, code, message);

const deliverInput = z.object({
  line_ids: z.array(z.string()).optional(),
  message: z.string().min(1, 'message 不能为空'),
  keys: z
    .array(z.object({ card_no: z.string().nullish(), secret: z.string(), expires_at: z.number().nullish() }))
    .default([]),
});

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function intQuery(req: SimRequest, key: string): number | undefined {
  const v = req.query.get(key);
  return v !== null && /^\d+$/.test(v) ? Number(v) : undefined;
}

export function createSiteSimulator(options: SiteSimulatorOptions = {}): Simulator & { store: PlatformStore } {
  const clock = options.clock ?? Date.now;
  const store = new PlatformStore({
    clock,
    idStyle: {
      order: () => `SO${randomDigits(14)}`,
      line: (order, i) => `${order}-${i + 1}`,
      item: () => `P${randomDigits(6)}`,
      sku: () => `SKU${randomDigits(8)}`,
    },
  });
  const seenEvents = new Map<string, number>();
  const idempotency = new Map<string, Record<string, unknown>>();
  // Wall clock, like 抖店's gateway; deliveries unlimited by default.
  const limits = new RateLimiter<CallKind>(Date.now, { list: steadyRule(DEFAULT_LIST_PER_SECOND) });
  const verify = new SiteVerifyDesk(store, clock);

  store.onEvent((event) => {
    const shop = store.shops.get(event.order.shopId);
    if (!shop?.pushUrl) return;
    const body = eventFor(event, clock(), shop);
    if (body) void postPush(shop.pushUrl, signedEvent(shop, body, clock()));
  });

  function limit(shop: SimShop, kind: CallKind): void {
    if (limits.take(kind, shop.shopId) > 0) throw new SandboxError(429, 'rate_limited', '请求过于频繁，请稍后再试');
  }

  /** Window and paging rules of GET /orders and GET /refunds. */
  function listParams(req: SimRequest): { from: number; to: number; page: number; pageSize: number } {
    const from = intQuery(req, 'updated_from');
    const to = intQuery(req, 'updated_to');
    if (from === undefined || to === undefined) throw bad('bad_window', 'updated_from 与 updated_to 必填（Unix 毫秒）');
    if (to < from) throw bad('bad_window', 'updated_to 不能早于 updated_from');
    if (to - from > MAX_WINDOW_MS) throw bad('bad_window', '查询时间段不能超过 7 天');
    if (from < clock() - HISTORY_MS) throw bad('history_unavailable', '只保留最近 90 天的数据');
    const page = intQuery(req, 'page') ?? 1;
    const pageSize = intQuery(req, 'page_size') ?? 50;
    if (page < 1) throw bad('bad_page', 'page 从 1 开始');
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw bad('bad_page_size', `page_size 必须在 1–${MAX_PAGE_SIZE} 之间`);
    return { from, to, page, pageSize };
  }

  function paged(rows: unknown[], req: SimRequest, page: number, pageSize: number, key: string): SimResponse {
    const items = pageRepeatingPrevious(rows, page, pageSize, req.fault?.kind === 'duplicate', 1);
    const nextPage = page * pageSize < rows.length ? page + 1 : null;
    return { status: 200, body: { [key]: items, page, page_size: pageSize, total: rows.length, next_page: nextPage } };
  }

  function orderOf(shop: SimShop, id: string): SimOrder {
    const order = store.orders.get(id);
    if (!order || order.shopId !== shop.shopId) throw new SandboxError(404, 'order_not_found', `订单不存在：${id}`);
    return order;
  }

  function deliver(req: SimRequest, shop: SimShop, order: SimOrder): SimResponse {
    const rawKey = req.headers['idempotency-key'];
    const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
    if (!key) throw bad('missing_idempotency_key', '发货请求必须带 Idempotency-Key 请求头');
    const parsed = deliverInput.safeParse(req.json());
    if (!parsed.success) throw bad('bad_request', `发货请求体无效：${parsed.error.issues[0]?.message ?? ''}`);
    const lineIds = parsed.data.line_ids ?? order.lines.map((l) => l.lineId);
    const lines = lineIds.map((id) => order.lines.find((l) => l.lineId === id));
    if (lines.length === 0 || lines.some((l) => l === undefined)) throw bad('unknown_line', '订单里没有这一行');
    const memoKey = `${shop.shopId}:${key}`;
    const prior = idempotency.get(memoKey);
    if (prior) return { status: 200, body: { ...prior, already_delivered: true } };
    if (lines.every((l) => l!.shippedAt !== null)) {
      return { status: 200, body: { order_id: order.orderId, delivered: true, already_delivered: true, delivered_at: lines[0]!.shippedAt } };
    }
    if (order.status === 'unpaid') throw new SandboxError(409, 'order_not_paid', '订单未支付，不能发货');
    if (order.status === 'closed' || lines.some((l) => l!.refund === 'refunded')) {
      throw new SandboxError(409, 'order_refunded', '订单已退款或已关闭，不能发货');
    }
    if (store.ship(order, lineIds, parsed.data.message) !== 'shipped') {
      throw new SandboxError(409, 'order_not_paid', '订单当前状态不能发货');
    }
    const result = { order_id: order.orderId, delivered: true, already_delivered: false, delivered_at: clock() };
    idempotency.set(memoKey, result);
    return { status: 200, body: result };
  }

  function serve(req: SimRequest): SimResponse {
    const shop = authenticate(req, store, clock(), seenEvents);
    const parts = req.path.split('/').filter(Boolean).map(safeDecode);
    const route = `${req.method} /${parts.map((p, i) => (i === 1 ? ':id' : p)).join('/')}`;
    switch (route) {
      case 'GET /ping':
        limit(shop, 'list');
        return { status: 200, body: { site_name: shop.name, time: clock() } };
      case 'GET /orders': {
        limit(shop, 'list');
        const { from, to, page, pageSize } = listParams(req);
        const rows = store.ordersUpdatedBetween(shop.shopId, from, to).reverse().map(siteOrder);
        return paged(rows, req, page, pageSize, 'orders');
      }
      case 'GET /refunds': {
        limit(shop, 'list');
        const { from, to, page, pageSize } = listParams(req);
        const rows = store.ordersUpdatedBetween(shop.shopId, from, to).reverse().flatMap(siteRefunds);
        return paged(rows, req, page, pageSize, 'refunds');
      }
      case 'GET /orders/:id':
        limit(shop, 'list');
        return { status: 200, body: { order: siteOrder(orderOf(shop, parts[1]!)) } };
      case 'POST /orders/:id/deliver':
        limit(shop, 'delivery');
        return deliver(req, shop, orderOf(shop, parts[1]!));
      case 'POST /orders/:id/verify-code':
        limit(shop, 'delivery');
        return verify.receive(req, shop, orderOf(shop, parts[1]!));
      default:
        throw new SandboxError(404, 'not_found', `没有这个接口：${req.method} ${req.path}`);
    }
  }

  function control(action: string, body: unknown): unknown {
    if (verify.handles(action)) return verify.control(action, body);
    return action === 'setRateLimit' ? setListDeliveryRates(limits, body) : store.control(action, body);
  }

  return {
    name: 'site',
    title: '独立站',
    store,
    handle(req) {
      try {
        return serve(req);
      } catch (err) {
        if (!(err instanceof SandboxError)) throw err;
        const res = errorResponse(err.status, err.code, err.message);
        return err.status === 429 ? { ...res, headers: { 'retry-after': '1' } } : res;
      }
    },
    control,
    snapshot: () => store.snapshot(),
    reset() {
      store.reset();
      seenEvents.clear();
      idempotency.clear();
      limits.reset();
      verify.reset();
    },
    faultBody(kind, rule) {
      if (kind === 'rateLimit') return { ...errorResponse(429, 'rate_limited', '请求过于频繁，请 2 秒后再试'), headers: { 'retry-after': '2' } };
      if (kind === 'http5xx') return errorResponse(rule.status ?? 503, 'unavailable', '站点暂时不可用');
      return undefined;
    },
  };
}
