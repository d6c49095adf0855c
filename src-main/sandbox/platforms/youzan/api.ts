// The 有赞云 APIs KeyDesk uses, answered from the shared order store: orders by update time (one-year
// span, page_no and page_size ≤ 100), one order, refunds by update time, "无需物流" delivery per line.
import type { SimResponse } from '../../types.js';
import { pageBetweenNeighbours } from '../paging.js';
import type { CallKind } from '../rate-limit.js';
import type { PlatformStore, SimOrder, SimShop } from '../store.js';
import { parseBeijing } from '../units.js';
import { bizError, gatewayError, intParam, legacyError, ok } from './protocol.js';
import { refundJson, tradeJson, tradeStatus } from './serialize.js';

export interface ApiContext {
  store: PlatformStore;
  shop: SimShop;
  params: Record<string, unknown>;
  now: number;
  duplicate: boolean;
  refundIdFor(lineId: string): string;
}

export interface YouzanApi {
  /** Accepted versions, e.g. every 4.0.x. */
  versions: RegExp;
  kind: CallKind;
  run(ctx: ApiContext): SimResponse;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

type Fail = (code: number, message: string) => SimResponse;

function paging(params: Record<string, unknown>, fail: Fail, maxDepth?: number): { pageNo: number; pageSize: number } | SimResponse {
  const pageNo = intParam(params.page_no) ?? 1;
  const pageSize = intParam(params.page_size) ?? 20;
  if (Number.isNaN(pageSize)) return fail(53002, 'page_size type error');
  if (Number.isNaN(pageNo) || pageNo < 1) return fail(5000, 'page_no 必须是从 1 开始的整数');
  if (pageSize < 1) return fail(5000, 'page_size 必须大于 0');
  if (pageSize > 100) return fail(5000, '每页最多显示100条数据');
  if (pageNo > 100) return fail(5000, '查询页数超过100');
  if (maxDepth !== undefined && pageNo * pageSize > maxDepth) return fail(5000, '超过ES搜索最大深度');
  return { pageNo, pageSize };
}

function window(from: number, to: number, fail: Fail, now: number): SimResponse | undefined {
  if (from > to) return fail(5000, '开始时间不能大于结束时间');
  if (to - from > YEAR_MS) return fail(5000, '查询时间跨度不能超过一年');
  if (to > now + 7 * DAY_MS) return fail(106000003, '结束时间不能超过当前日期后7天');
  return undefined;
}

const isResponse = (value: object): value is SimResponse => 'status' in value && 'body' in value;

function ownOrder(ctx: ApiContext, tid: unknown): SimOrder | undefined {
  const order = typeof tid === 'string' ? ctx.store.orders.get(tid) : undefined;
  return order && order.shopId === ctx.shop.shopId ? order : undefined;
}

const soldGet: YouzanApi = {
  versions: /^4\.0\.\d$/,
  kind: 'list',
  run(ctx) {
    const { params } = ctx;
    if (params.start_update === undefined || params.end_update === undefined) {
      return bizError(5000, 'start_update 和 end_update 必须成对传入');
    }
    const from = parseBeijing(params.start_update);
    const to = parseBeijing(params.end_update);
    // What 有赞 answers to a date without the time part (FAQ 33694).
    if (from === undefined || to === undefined) return gatewayError(5001, '系统异常');
    const bad = window(from, to, bizError, ctx.now);
    if (bad) return bad;
    const page = paging(params, bizError);
    if (isResponse(page)) return page;
    const orders = ctx.store
      .ordersUpdatedBetween(ctx.shop.shopId, from, to + 999)
      .filter((o) => params.status === undefined || tradeStatus(o) === params.status);
    const rows = pageBetweenNeighbours(orders, page.pageNo, page.pageSize, ctx.duplicate);
    return ok({ total_results: orders.length, full_order_info_list: rows.map((o) => tradeJson(o, ctx.shop, ctx.refundIdFor)) });
  },
};

const tradeGet: YouzanApi = {
  versions: /^4\.0\.\d$/,
  kind: 'list',
  run(ctx) {
    if (!ctx.params.tid) return bizError(5000, 'tid 不能为空');
    const order = ownOrder(ctx, ctx.params.tid);
    // As documented: the failure still carries an empty data skeleton.
    if (!order) return bizError(5000, 'trade not found', { delivery_order: [], refund_order: [], full_order_info: { orders: [] } });
    return ok(tradeJson(order, ctx.shop, ctx.refundIdFor));
  },
};

const refundSearch: YouzanApi = {
  versions: /^3\.0\.\d$/,
  kind: 'list',
  run(ctx) {
    const { params } = ctx;
    const from = intParam(params.update_time_start);
    const to = intParam(params.update_time_end);
    if (from === undefined || to === undefined) return legacyError(5000, 'update_time_start 和 update_time_end 必须成对传入');
    if (Number.isNaN(from) || Number.isNaN(to)) return legacyError(5000, 'update_time_start / update_time_end 必须是秒级时间戳');
    const bad = window(from * 1000, to * 1000, legacyError, ctx.now);
    if (bad) return bad;
    const page = paging(params, legacyError, 3000);
    if (isResponse(page)) return page;
    const refunds = ctx.store
      .ordersUpdatedBetween(ctx.shop.shopId, from * 1000, to * 1000 + 999)
      .flatMap((o) => o.lines.filter((l) => l.refund !== 'none').map((l) => refundJson(o, l, ctx.refundIdFor(l.lineId), ctx.shop)));
    return ok({ total: refunds.length, refunds: pageBetweenNeighbours(refunds, page.pageNo, page.pageSize, ctx.duplicate) });
  },
};

// Sandbox convention: `keydesk_message` carries what reached the buyer (the keys). On the real platform
// that message goes by the seller's IM or the order page; this call only marks the lines shipped.
// `oids` with `is_no_express=1` ships one line (有赞's docs say oids are not needed for a whole order).
const onlineConfirm: YouzanApi = {
  versions: /^3\.0\.0$/,
  kind: 'delivery',
  run(ctx) {
    const { params } = ctx;
    if (!params.tid) return legacyError(5000, 'tid 不能为空');
    const order = ownOrder(ctx, params.tid);
    if (!order) return legacyError(105000016, '订单不存在');
    const noExpress = String(params.is_no_express ?? '0') === '1';
    if (!noExpress && (!params.out_stype || !params.out_sid)) return legacyError(5000, '物流发货必须填写 out_stype 和 out_sid');
    let lineIds = order.lines.map((l) => l.lineId);
    if (params.oids !== undefined && params.oids !== '') {
      lineIds = String(params.oids).split(',').map((s) => s.trim());
      if (lineIds.some((id) => !/^\d+$/.test(id))) return legacyError(102599996, 'oids 不是纯数字');
      if (lineIds.some((id) => !order.lines.some((l) => l.lineId === id))) return legacyError(5000, 'oids 不属于该订单');
    }
    const lines = order.lines.filter((l) => lineIds.includes(l.lineId));
    const already = legacyError(102570007, '不能重复提交已发过货的商品');
    const nothing = legacyError(102570020, '订单没有可发货的商品');
    if (lines.every((l) => l.shippedAt !== null)) return already;
    if (lines.every((l) => l.shippedAt !== null || l.refund === 'refunded')) return nothing;
    const message = typeof params.keydesk_message === 'string' ? params.keydesk_message : '';
    const result = ctx.store.ship(order, lineIds, message);
    if (result === 'already') return already;
    if (result === 'not_paid') return nothing;
    return ok({ is_success: true });
  },
};

const shopGet: YouzanApi = {
  versions: /^3\.0\.0$/,
  kind: 'list',
  run: ({ shop }) => ok({ id: Number(shop.shopId), name: shop.name, logo: '', intro: '' }),
};

export const YOUZAN_APIS: Record<string, YouzanApi> = {
  'youzan.trades.sold.get': soldGet,
  'youzan.trade.get': tradeGet,
  'youzan.trade.refund.search': refundSearch,
  'youzan.logistics.online.confirm': onlineConfirm,
  'youzan.shop.get': shopGet,
};
