// 抖店 channel adapter: order.searchList / order.orderDetail / afterSale.List for capture,
// coupons.syncV2 for card delivery, topup.result for direct top-ups, token.create / token.refresh, and the
// signed message push.
import { ChannelError } from '../errors.js';
import { keepNewest, readBackwards, type Page } from '../paging.js';
import type { ChannelAdapter, ChannelContext, PlatformOrder, RefundNotice, TimeWindow } from '../types.js';
import { formatGmt8, toUnixSeconds } from '../units.js';
import { DEFAULT_ENDPOINT, call, dataOf, renewToken } from './client.js';
import { doudianError, isAlreadyProcessed, isUnknownOrder } from './errors.js';
import { toPlatformOrder, toRefundNotice } from './parse.js';
import { doudianPushAck, parseDoudianPush } from './push.js';
import { reportDoudianTopup } from './topup.js';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 100;
/** page × size may not pass 50,000: a fuller window is split in two. */
const MAX_RESULTS = 50_000;

const limits = {
  // 抖店 publishes no window limit for searchList; one day keeps each window far below 50,000 results.
  maxWindowMs: DAY_MS,
  historyMs: 90 * DAY_MS,
  // The search index lags order writes by a few seconds to tens of seconds.
  safetyLagMs: 60_000,
  pageSize: PAGE_SIZE,
};

/** A list page with its total, which 抖店 gives on every page. */
type Counted<T> = Page<T> & { total: number };
type Fetch<T> = (startS: number, endS: number, page: number) => Promise<Counted<T>>;

/**
 * Every row of a window (inclusive Unix seconds), pages numbered from 0 and read in the safe order of
 * ../paging.ts. A window whose total passes 50,000 cannot be paged through: it is halved.
 */
async function collect<T>(fetch: Fetch<T>, startS: number, endS: number): Promise<T[]> {
  const first = await fetch(startS, endS, 0);
  if (first.total > MAX_RESULTS) {
    if (endS <= startS) throw new ChannelError('give_up', `抖店同一秒内的订单超过 ${MAX_RESULTS} 条，无法翻页读取`);
    const mid = Math.floor((startS + endS) / 2);
    return [...(await collect(fetch, startS, mid)), ...(await collect(fetch, mid + 1, endS))];
  }
  return readBackwards((page) => fetch(startS, endS, page), { pageSize: PAGE_SIZE, firstPage: 0 }, first);
}

/** Windows longer than the limit are read in consecutive slices; older than 90 days is refused. */
function windowsOf(ctx: ChannelContext, window: TimeWindow, historyMs: number): { startS: number; endS: number }[] {
  if (window.to < window.from) throw new ChannelError('give_up', '查询时间段无效：结束早于开始');
  if (window.from < ctx.now() - historyMs) {
    throw new ChannelError('give_up', `抖店只能查询最近 ${Math.round(historyMs / DAY_MS)} 天内的数据`);
  }
  const out: { startS: number; endS: number }[] = [];
  for (let from = window.from; from <= window.to; from += limits.maxWindowMs) {
    const to = Math.min(window.to, from + limits.maxWindowMs - 1);
    out.push({ startS: toUnixSeconds(from), endS: toUnixSeconds(to) });
  }
  return out;
}

function listOf(data: unknown, key: string): Counted<unknown> {
  const d = data as Record<string, unknown> | null;
  const rows = d?.[key];
  const total = d?.total;
  if (!Array.isArray(rows) && rows !== undefined && rows !== null) {
    throw new ChannelError('bad_response', `抖店返回的 ${key} 不是列表`);
  }
  return { total: typeof total === 'number' ? total : Number(total ?? 0), items: Array.isArray(rows) ? rows : [] };
}

async function listOrders(ctx: ChannelContext, window: TimeWindow): Promise<PlatformOrder[]> {
  const fetch: Fetch<PlatformOrder> = async (startS, endS, page) => {
    const env = await call(ctx, 'order.searchList', {
      update_time_start: startS,
      update_time_end: endS,
      order_by: 'update_time',
      order_asc: false,
      page,
      size: PAGE_SIZE,
    });
    const { total, items } = listOf(dataOf(env), 'shop_order_list');
    return { total, items: items.map(toPlatformOrder) };
  };
  const orders: PlatformOrder[] = [];
  for (const w of windowsOf(ctx, window, limits.historyMs)) orders.push(...(await collect(fetch, w.startS, w.endS)));
  return keepNewest(orders, (o) => o.orderId);
}

async function listRefunds(ctx: ChannelContext, window: TimeWindow): Promise<RefundNotice[]> {
  const fetch: Fetch<RefundNotice> = async (startS, endS, page) => {
    const env = await call(ctx, 'afterSale.List', {
      update_start_time: startS,
      update_end_time: endS,
      order_by: ['update_time desc'],
      page,
      size: PAGE_SIZE,
    });
    const { total, items } = listOf(dataOf(env), 'items');
    return { total, items: items.map(toRefundNotice) };
  };
  const refunds: RefundNotice[] = [];
  for (const w of windowsOf(ctx, window, limits.historyMs)) refunds.push(...(await collect(fetch, w.startS, w.endS)));
  return keepNewest(refunds, (r) => r.refundId);
}

export const doudianAdapter: ChannelAdapter = {
  platform: 'doudian',
  title: '抖店',
  defaultEndpoint: DEFAULT_ENDPOINT,
  limits,
  credentialFields: [
    { key: 'appKey', label: 'App Key', required: true, secret: false, help: '抖店开放平台 → 控制台 → 应用详情中的 App Key' },
    { key: 'appSecret', label: 'App Secret', required: true, secret: true, help: '与 App Key 在同一页面' },
    { key: 'shopRef', label: '店铺 ID', required: true, secret: false, help: '抖店后台 → 店铺 → 店铺基本信息；自用型应用凭它自动领取访问令牌' },
    { key: 'accessToken', label: 'Access Token（工具型应用填写）', required: false, secret: true, help: '自用型应用留空即可' },
    { key: 'refreshToken', label: 'Refresh Token（工具型应用填写）', required: false, secret: true, help: '有效期 14 天，KeyDesk 会自动续期' },
  ],

  async testConnection(ctx) {
    let shopName: string | undefined;
    if (!ctx.creds.accessToken) shopName = (await renewToken(ctx)).shopName;
    const nowS = toUnixSeconds(ctx.now());
    const env = await call(ctx, 'order.searchList', {
      update_time_start: nowS - 3600,
      update_time_end: nowS,
      order_by: 'update_time',
      page: 0,
      size: 1,
    });
    const first = listOf(dataOf(env), 'shop_order_list').items[0] as { shop_name?: unknown } | undefined;
    shopName ??= typeof first?.shop_name === 'string' ? first.shop_name : undefined;
    return shopName ? { shopName } : {};
  },

  listOrders,

  async getOrder(ctx, orderId) {
    const env = await call(ctx, 'order.orderDetail', { shop_order_id: orderId });
    if (isUnknownOrder(env)) return null;
    const detail = (dataOf(env) as { shop_order_detail?: unknown } | null)?.shop_order_detail;
    return detail ? toPlatformOrder(detail) : null;
  },

  listRefunds,

  /**
   * coupons.syncV2 for one sku order: cert_list carries the keys (卡号 → cert_no, 卡密 → cert_key; a
   * key without a card number goes in cert_no). out_cert_id is stable so a resend is the same request.
   */
  async deliver(ctx, request) {
    if (request.keys.length === 0) {
      throw new ChannelError('give_up', '抖店卡券发货需要卡密：这一行没有可同步的卡密（直充商品请走充值回传）');
    }
    const grantTime = formatGmt8(ctx.now());
    const certList = request.keys.map((k, i) => ({
      cert_no: k.cardNo ?? k.secret,
      ...(k.cardNo ? { cert_key: k.secret } : {}),
      grant_time: grantTime,
      out_cert_id: `${request.line.lineId}-${i + 1}`,
      status: 2,
    }));
    const env = await call(ctx, 'coupons.syncV2', { order_id: request.line.lineId, cert_list: certList });
    if (env.code === 10000) return { result: 'delivered', raw: env };
    if (isAlreadyProcessed(env)) return { result: 'already', raw: env };
    throw doudianError(env);
  },

  reportTopup: reportDoudianTopup,

  async refreshToken(ctx) {
    await renewToken(ctx);
  },

  parsePush: (creds, request) => parseDoudianPush(creds, request),
  pushAck: doudianPushAck,
};
