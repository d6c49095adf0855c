// The TOP business methods KeyDesk uses, answered from the shared order store with TOP's rules:
// one-day windows over the last three months, page_size 1–100, per-line virtual delivery.
import type { SimResponse } from '../../types.js';
import { pageBetweenNeighbours } from '../paging.js';
import type { CallKind } from '../rate-limit.js';
import type { PlatformStore, SimOrder } from '../store.js';
import { parseBeijing } from '../units.js';
import type { TopCall } from './gateway.js';
import { int64, invalidArgument, missingArgument, topError, topJson } from './protocol.js';
import { refundJson, tradeJson, tradeStatus } from './serialize.js';

export interface MethodContext {
  store: PlatformStore;
  call: TopCall;
  now: number;
  /** The `duplicate` fault is active for this request. */
  duplicate: boolean;
  refundIdFor(lineId: string): string;
}

interface TopMethod {
  /** Which rate bucket the call spends from. */
  kind: CallKind;
  run(ctx: MethodContext): SimResponse;
}

const DAY_MS = 86_400_000;
const HISTORY_MS = 90 * DAY_MS;

const isResponse = (value: object): value is SimResponse => 'status' in value && 'body' in value;

function requireFields(params: Record<string, string>, ...names: string[]): SimResponse | undefined {
  const missing = names.find((name) => !params[name]);
  return missing === undefined ? undefined : missingArgument(missing);
}

/** start_modified / end_modified: both required, ≤ 1 day apart, inside the last three months. */
function readWindow(params: Record<string, string>, now: number): { from: number; to: number } | SimResponse {
  const absent = requireFields(params, 'start_modified', 'end_modified');
  if (absent) return absent;
  const from = parseBeijing(params.start_modified!);
  const to = parseBeijing(params.end_modified!);
  if (from === undefined) return invalidArgument('start_modified', '格式必须是 yyyy-MM-dd HH:mm:ss');
  if (to === undefined) return invalidArgument('end_modified', '格式必须是 yyyy-MM-dd HH:mm:ss');
  if (to < from) return invalidArgument('end_modified', '不能早于 start_modified');
  if (to - from > DAY_MS) return invalidArgument('end_modified', 'start_modified 与 end_modified 相差不能超过一天');
  if (from < now - HISTORY_MS) return invalidArgument('start_modified', '只能查询最近三个月内的数据');
  // Times are whole seconds: the end second is included in full.
  return { from, to: to + 999 };
}

function readPaging(params: Record<string, string>): { pageNo: number; pageSize: number; useHasNext: boolean } | SimResponse {
  const pageNo = Number(params.page_no ?? '1');
  const pageSize = Number(params.page_size ?? '40');
  if (!Number.isInteger(pageNo) || pageNo < 1) return invalidArgument('page_no', '必须是从 1 开始的整数');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return invalidArgument('page_size', '必须在 1–100 之间');
  return { pageNo, pageSize, useHasNext: params.use_has_next === 'true' };
}

/** A list by modification window (`fields` required), paged the TOP way. */
function windowedList(root: string, listKey: string, itemKey: string, rowsOf: (orders: SimOrder[], ctx: MethodContext) => object[]): TopMethod {
  return {
    kind: 'list',
    run(ctx) {
      const { params, shop } = ctx.call;
      const absent = requireFields(params, 'fields');
      if (absent) return absent;
      const window = readWindow(params, ctx.now);
      if (isResponse(window)) return window;
      const paging = readPaging(params);
      if (isResponse(paging)) return paging;
      const all = rowsOf(ctx.store.ordersUpdatedBetween(shop.shopId, window.from, window.to), ctx);
      const page = pageBetweenNeighbours(all, paging.pageNo, paging.pageSize, ctx.duplicate);
      return topJson({
        [root]: {
          ...(!paging.useHasNext && { total_results: all.length }),
          has_next: paging.pageNo * paging.pageSize < all.length,
          // TOP leaves the list out altogether when it is empty.
          ...(page.length > 0 && { [listKey]: { [itemKey]: page } }),
        },
      });
    },
  };
}

function ownOrder(ctx: MethodContext, tid: string): SimOrder | undefined {
  const order = ctx.store.orders.get(tid);
  return order && order.shopId === ctx.call.shop.shopId ? order : undefined;
}

const dummyError = (code: string, msg: string): SimResponse =>
  topError(15, 'Remote service error', { code: `isv.logistics-dummy-service-error:${code}`, msg });

export const TOP_METHODS: Record<string, TopMethod> = {
  'taobao.user.seller.get': {
    kind: 'list',
    run: ({ call }) =>
      requireFields(call.params, 'fields') ??
      topJson({ user_seller_get_response: { user: { nick: call.shop.name, user_id: int64(call.shop.shopId), type: 'C', has_shop: true } } }),
  },

  'taobao.trades.sold.increment.get': windowedList('trades_sold_increment_get_response', 'trades', 'trade', (orders, { call }) =>
    orders.filter((o) => !call.params.status || tradeStatus(o) === call.params.status).map((o) => tradeJson(o, call.shop)),
  ),

  'taobao.trade.fullinfo.get': {
    kind: 'list',
    run(ctx) {
      const { params, shop } = ctx.call;
      const absent = requireFields(params, 'fields', 'tid');
      if (absent) return absent;
      const order = ownOrder(ctx, params.tid!);
      if (!order) return topError(15, 'Remote service error', { code: 'isv.trade-not-exist', msg: '交易不存在' });
      return topJson({ trade_fullinfo_get_response: { trade: tradeJson(order, shop) } });
    },
  },

  'taobao.refunds.receive.get': windowedList('refunds_receive_get_response', 'refunds', 'refund', (orders, { call, refundIdFor }) =>
    orders
      .flatMap((o) => o.lines.filter((l) => l.refund !== 'none').map((l) => refundJson(o, l, refundIdFor(l.lineId), call.shop)))
      .filter((r) => !call.params.status || r.status === call.params.status),
  ),

  // Sandbox conventions: (1) the real TOP splits a trade with `is_split`/`sub_tid` on
  // taobao.logistics.offline.send; KeyDesk delivers per line, so the sandbox accepts them here too.
  // (2) `keydesk_message` carries what reached the buyer (the keys); on the real platform that message
  // goes by 旺旺 or the order page, not through this call.
  'taobao.logistics.dummy.send': {
    kind: 'delivery',
    run(ctx) {
      const { params } = ctx.call;
      const absent = requireFields(params, 'tid');
      if (absent) return absent;
      const order = ownOrder(ctx, params.tid!);
      if (!order) return dummyError('B01', '物流订单不存在');
      let lineIds = order.lines.map((l) => l.lineId);
      if (params.is_split === '1') {
        if (!params.sub_tid) return missingArgument('sub_tid');
        lineIds = params.sub_tid.split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = lineIds.filter((id) => !order.lines.some((l) => l.lineId === id));
        if (unknown.length > 0) return invalidArgument('sub_tid', `不是该交易的子订单：${unknown.join(',')}`);
      }
      const lines = order.lines.filter((l) => lineIds.includes(l.lineId));
      const already = dummyError('B27', '订单已发货，不能重复发货');
      const wrongState = dummyError('B04', '物流订单状态不对：交易未付款、已关闭或已退款');
      if (lines.every((l) => l.shippedAt !== null)) return already;
      if (lines.every((l) => l.shippedAt !== null || l.refund === 'refunded')) return wrongState;
      const result = ctx.store.ship(order, lineIds, params.keydesk_message ?? '');
      if (result === 'already') return already;
      if (result === 'not_paid') return wrongState;
      return topJson({ logistics_dummy_send_response: { shipping: { is_success: true } } });
    },
  },
};
