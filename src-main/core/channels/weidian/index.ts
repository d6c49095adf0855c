// 微店 channel adapter: client_credential token, `vdian.order.list.get` by update time paged backwards,
// `vdian.order.get`, `vdian.order.deliver` with express_type 999 (no logistics). No push: poll only.
import { ChannelError } from '../errors.js';
import { isObject } from '../json.js';
import { keepNewest, readBackwards, splitWindow, type BackwardsOptions, type Page } from '../paging.js';
import type {
  ChannelAdapter,
  ChannelContext,
  DeliveryOutcome,
  DeliveryRequest,
  PlatformOrder,
  RefundNotice,
  TimeWindow,
} from '../types.js';
import { formatGmt8 } from '../units.js';
import { WD_DEFAULT_ENDPOINT, WD_TITLE, WeidianCallError, fetchWeidianToken, weidianCall } from './client.js';
import { parseWeidianOrder, refundsOfOrder } from './parse.js';

export const WD_PAGE_SIZE = 100;
/** `vdian.order.list.get` is asked for version 1.2 (update-time filters and status_ori in the list). */
const LIST_VERSION = '1.2';
/** No logistics: the delivery mode for card / recharge goods. */
export const WD_EXPRESS_NONE = 999;
const MINUTE = 60_000;

type OrderType = 'all' | 'refunding' | 'close';

/** Last page back to page 1; a runaway page count stops at 1,000 pages rather than looping. */
const PAGING: BackwardsOptions = { pageSize: WD_PAGE_SIZE, maxPages: { count: 1_000, platform: WD_TITLE } };

/** All orders of one list type updated in the window, every page, read last page first. */
async function listRaw(ctx: ChannelContext, window: TimeWindow, orderType: OrderType): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const piece of splitWindow(window, weidianAdapter.limits.maxWindowMs)) {
    const fetchPage = async (page: number): Promise<Page<unknown>> => {
      const result = await weidianCall(ctx, {
        method: 'vdian.order.list.get',
        version: LIST_VERSION,
        param: {
          order_type: orderType,
          page_num: page,
          page_size: WD_PAGE_SIZE,
          update_start: formatGmt8(piece.from),
          update_end: formatGmt8(piece.to),
        },
      });
      if (!isObject(result)) throw new ChannelError('bad_response', `${WD_TITLE}的订单列表缺少 result`);
      const total = Number(result.total_num);
      if (!Number.isInteger(total) || total < 0) throw new ChannelError('bad_response', `${WD_TITLE}的订单列表缺少 total_num`);
      return { items: Array.isArray(result.orders) ? result.orders : [], total, hasNext: page * WD_PAGE_SIZE < total };
    };
    out.push(...(await readBackwards(fetchPage, PAGING)));
  }
  return out;
}

async function listOrders(ctx: ChannelContext, window: TimeWindow): Promise<PlatformOrder[]> {
  return keepNewest((await listRaw(ctx, window, 'all')).map(parseWeidianOrder), (o) => o.orderId);
}

/**
 * 微店 has no refund-increment call: refunds are read from the order list by type — `refunding` (a
 * refund open or partly done) and `close` (closed orders, fully refunded ones included) — and each item's
 * refund_info becomes one notice.
 */
async function listRefunds(ctx: ChannelContext, window: TimeWindow): Promise<RefundNotice[]> {
  const notices: RefundNotice[] = [];
  for (const orderType of ['refunding', 'close'] as const) {
    for (const raw of await listRaw(ctx, window, orderType)) notices.push(...refundsOfOrder(raw));
  }
  return keepNewest(notices, (n) => n.refundId);
}

async function getOrder(ctx: ChannelContext, orderId: string): Promise<PlatformOrder | null> {
  try {
    return parseWeidianOrder(await weidianCall(ctx, { method: 'vdian.order.get', param: { order_id: orderId } }));
  } catch (err) {
    if (err instanceof WeidianCallError && err.orderMissing) return null;
    throw err;
  }
}

/**
 * Ships the whole order with express_type 999. The key message goes as `keydesk_message`: a sandbox
 * convention (the real call has no such field; the buyer reads keys in the 微店 chat / order page), so the
 * sandbox ledger records what reached the buyer. Sent only with an endpoint override (sandbox / test
 * gateway): keys never go to the production gateway in a field nobody reads.
 */
async function deliver(ctx: ChannelContext, request: DeliveryRequest): Promise<DeliveryOutcome> {
  try {
    const result = await weidianCall(ctx, {
      method: 'vdian.order.deliver',
      post: true,
      param: {
        order_id: request.order.orderId,
        express_type: WD_EXPRESS_NONE,
        express_no: '',
        ...(ctx.creds.endpoint !== undefined && { keydesk_message: request.message }),
      },
    });
    return { result: 'delivered', raw: result ?? null };
  } catch (err) {
    if (err instanceof WeidianCallError && err.alreadyShipped) return { result: 'already', raw: err.status };
    throw err;
  }
}

/** Gets a token and reads one list page: proves AppKey, AppSecret and the order permission together. */
async function testConnection(ctx: ChannelContext): Promise<{ shopName?: string }> {
  const now = ctx.now();
  await weidianCall(ctx, {
    method: 'vdian.order.list.get',
    version: LIST_VERSION,
    param: { order_type: 'all', page_num: 1, page_size: 1, update_start: formatGmt8(now - 60 * MINUTE), update_end: formatGmt8(now) },
  });
  return {};
}

export const weidianAdapter: ChannelAdapter = {
  platform: 'weidian',
  title: WD_TITLE,
  defaultEndpoint: WD_DEFAULT_ENDPOINT,
  limits: {
    // Not published; one day keeps pages few and stays far inside the 31 days the list call defaults to.
    maxWindowMs: 24 * 60 * MINUTE,
    historyMs: 90 * 24 * 60 * MINUTE,
    // Update times are whole seconds; a minute behind keeps late writes in the next window.
    safetyLagMs: MINUTE,
    pageSize: WD_PAGE_SIZE,
  },
  credentialFields: [
    { key: 'appKey', label: 'AppKey', required: true, secret: false, help: '微店开放平台「我的应用」里的 appkey' },
    { key: 'appSecret', label: 'AppSecret', required: true, secret: true, help: '同一页面的 secret，用来换取访问令牌' },
  ],
  testConnection,
  listOrders,
  getOrder,
  listRefunds,
  deliver,
  refreshToken: fetchWeidianToken,
};
