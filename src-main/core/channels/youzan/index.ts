// 有赞 channel adapter (有赞云 open API). Public face of the folder: `youzanAdapter`.
import { settleRefusal } from '../delivery.js';
import { ChannelError, platformCodeOf } from '../errors.js';
import { isObject } from '../json.js';
import { keepNewest, readWindowBackwards, splitWindow, type Page } from '../paging.js';
import type { ChannelAdapter, ChannelContext, DeliveryOutcome, DeliveryRequest, PlatformOrder, RefundNotice, TimeWindow } from '../types.js';
import { formatGmt8 } from '../units.js';
import { YOUZAN_GATEWAY, YOUZAN_TITLE, YouzanSession, type YouzanObject } from './client.js';
import { parseRefund, parseTrade } from './parse.js';
import { parseYouzanPush, youzanPushAck } from './push.js';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 100;
// 有赞 caps page_no at 100 for orders and page_no × page_size at 3000 for refunds.
const MAX_ORDER_ROWS = 100 * PAGE_SIZE;
const MAX_REFUND_ROWS = 3_000;
// platforms.md gives one year per call; 有赞's newer docs for 4.0.4 say three months. Stay within both.
const MAX_WINDOW_MS = 90 * DAY_MS;

const SOLD_GET = ['youzan.trades.sold.get', '4.0.4'] as const;
const TRADE_GET = ['youzan.trade.get', '4.0.2'] as const;
const REFUND_SEARCH = ['youzan.trade.refund.search', '3.0.1'] as const;
const CONFIRM = ['youzan.logistics.online.confirm', '3.0.0'] as const;

const ALREADY_SHIPPED = '102570007';
const NOTHING_TO_SHIP = '102570020';

const ceilSecond = (ms: number): number => Math.ceil(ms / 1000) * 1000;

function listIn(data: unknown, key: string): unknown[] {
  const list = isObject(data) ? (data[key] ?? []) : undefined;
  if (!Array.isArray(list)) throw new ChannelError('bad_response', `有赞返回的 ${key} 不是列表`);
  return list;
}

async function readAll<T>(
  window: TimeWindow,
  maxRows: number,
  fetchPage: (part: TimeWindow, pageNo: number) => Promise<Page<T>>,
): Promise<T[]> {
  const rows: T[] = [];
  for (const part of splitWindow(window, MAX_WINDOW_MS)) {
    rows.push(...(await readWindowBackwards(part, fetchPage, { pageSize: PAGE_SIZE, maxRows, keepCountingRead: true })));
  }
  return rows;
}

async function fetchOrder(session: YouzanSession, orderId: string): Promise<PlatformOrder | null> {
  try {
    return parseTrade(await session.call(...TRADE_GET, { tid: orderId }));
  } catch (err) {
    const code = platformCodeOf(err);
    const said = err instanceof ChannelError ? (err.details.platformMessage ?? '') : '';
    if ((code === '5000' && /not found|不存在/i.test(said)) || code === '106000004' || code === '105000016') return null;
    throw err;
  }
}

async function deliver(ctx: ChannelContext, request: DeliveryRequest): Promise<DeliveryOutcome> {
  const session = new YouzanSession(ctx);
  const params: YouzanObject = {
    tid: request.order.orderId,
    is_no_express: 1,
    ...(request.order.lineIds.length > 1 && { oids: request.line.lineId }),
    // Sandbox convention: the message with the keys rides along as `keydesk_message` so the sandbox can
    // record what the buyer received. 有赞 has no such field; on the real platform the buyer gets the keys
    // by the seller's message or the order page.
    ...(session.localSandbox && { keydesk_message: request.message }),
  };
  try {
    const data = await session.call(...CONFIRM, params);
    // A repeat answers "already shipped", so an unclear answer is safe to retry.
    if (isObject(data) && data.is_success === false) throw new ChannelError('retry', '有赞没有确认发货成功，稍后重试');
    return { result: 'delivered', raw: data };
  } catch (err) {
    const code = platformCodeOf(err);
    if (code === ALREADY_SHIPPED) return { result: 'already', raw: (err as ChannelError).details };
    // "Nothing to ship": the order read back tells a resend after a crash from an order that may not ship.
    if (code === NOTHING_TO_SHIP) {
      return settleRefusal(YOUZAN_TITLE, await fetchOrder(session, request.order.orderId), request, err as ChannelError);
    }
    throw err;
  }
}

export const youzanAdapter: ChannelAdapter = {
  platform: 'youzan',
  title: '有赞',
  defaultEndpoint: YOUZAN_GATEWAY,
  // The platform documents no history limit; a year bounds how far a new shop's catch-up reaches back.
  // 有赞 says its list and detail APIs lag about 30 s behind.
  limits: { maxWindowMs: MAX_WINDOW_MS, historyMs: 365 * DAY_MS, safetyLagMs: 60_000, pageSize: PAGE_SIZE },
  credentialFields: [
    { key: 'appKey', label: 'client_id', required: true, secret: false, help: '有赞云控制台 → 应用管理 → 应用凭证' },
    { key: 'appSecret', label: 'client_secret', required: true, secret: true },
    { key: 'shopRef', label: '授权店铺 ID（kdt_id）', required: true, secret: false, help: '自用型应用授权的店铺；令牌由 KeyDesk 自动获取和刷新' },
  ],

  async testConnection(ctx) {
    const data = await new YouzanSession(ctx).call('youzan.shop.get', '3.0.0', {});
    return isObject(data) && typeof data.name === 'string' ? { shopName: data.name } : {};
  },

  async listOrders(ctx, window): Promise<PlatformOrder[]> {
    const session = new YouzanSession(ctx);
    const orders = await readAll(window, MAX_ORDER_ROWS, async (part, pageNo) => {
      const data = await session.call(...SOLD_GET, {
        start_update: formatGmt8(part.from),
        end_update: formatGmt8(ceilSecond(part.to)),
        page_no: pageNo,
        page_size: PAGE_SIZE,
      });
      return { items: listIn(data, 'full_order_info_list').map(parseTrade), total: Number(isObject(data) ? (data.total_results ?? 0) : 0) };
    });
    return keepNewest(orders, (o) => o.orderId);
  },

  getOrder: (ctx, orderId) => fetchOrder(new YouzanSession(ctx), orderId),

  async listRefunds(ctx, window): Promise<RefundNotice[]> {
    const session = new YouzanSession(ctx);
    const refunds = await readAll(window, MAX_REFUND_ROWS, async (part, pageNo) => {
      const data = await session.call(...REFUND_SEARCH, {
        update_time_start: Math.floor(part.from / 1000),
        update_time_end: Math.ceil(part.to / 1000),
        page_no: pageNo,
        page_size: PAGE_SIZE,
      });
      return { items: listIn(data, 'refunds').map(parseRefund), total: Number(isObject(data) ? (data.total ?? 0) : 0) };
    });
    return keepNewest(refunds, (r) => r.refundId);
  },

  deliver,
  refreshToken: (ctx) => new YouzanSession(ctx).refresh(),
  parsePush: parseYouzanPush,
  pushAck: youzanPushAck,
};
