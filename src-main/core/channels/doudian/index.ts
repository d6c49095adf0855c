// 抖店 channel adapter: order.searchList / order.orderDetail / afterSale.List for capture,
// coupons.syncV2 for card delivery, token.create / token.refresh, and the signed message push.
import { ChannelError } from '../errors.js';
import type { ChannelAdapter, ChannelContext, PlatformOrder, RefundNotice, TimeWindow } from '../types.js';
import { DEFAULT_ENDPOINT, call, dataOf, renewToken } from './client.js';
import { doudianError, isAlreadyProcessed, isUnknownOrder } from './errors.js';
import { formatGmt8, toPlatformOrder, toRefundNotice } from './parse.js';
import { doudianPushAck, parseDoudianPush } from './push.js';

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

interface Page<T> {
  total: number;
  rows: T[];
}

type Fetch<T> = (startS: number, endS: number, page: number) => Promise<Page<T>>;

/**
 * Every row of a window, in the safe order: page 0 to learn the total, then from the last page back to
 * page 0. Rows that move while we page can then only be read twice, never skipped. A window whose total
 * passes 50,000 is halved.
 */
async function collect<T>(fetch: Fetch<T>, startS: number, endS: number, keep: (row: T) => void): Promise<void> {
  const first = await fetch(startS, endS, 0);
  if (first.total > MAX_RESULTS) {
    if (endS <= startS) throw new ChannelError('give_up', `抖店同一秒内的订单超过 ${MAX_RESULTS} 条，无法翻页读取`);
    const mid = Math.floor((startS + endS) / 2);
    await collect(fetch, startS, mid, keep);
    await collect(fetch, mid + 1, endS, keep);
    return;
  }
  const pages = Math.ceil(first.total / PAGE_SIZE);
  if (pages <= 1) {
    first.rows.forEach(keep);
    return;
  }
  for (let page = pages - 1; page >= 0; page--) (await fetch(startS, endS, page)).rows.forEach(keep);
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
    out.push({ startS: Math.floor(from / 1000), endS: Math.floor(to / 1000) });
  }
  return out;
}

function listOf(data: unknown, key: string): Page<unknown> {
  const d = data as Record<string, unknown> | null;
  const rows = d?.[key];
  const total = d?.total;
  if (!Array.isArray(rows) && rows !== undefined && rows !== null) {
    throw new ChannelError('bad_response', `抖店返回的 ${key} 不是列表`);
  }
  return { total: typeof total === 'number' ? total : Number(total ?? 0), rows: Array.isArray(rows) ? rows : [] };
}

function keepNewest<T extends { updatedAt: number }>(map: Map<string, T>, key: string, value: T): void {
  const seen = map.get(key);
  if (!seen || seen.updatedAt < value.updatedAt) map.set(key, value);
}

async function listOrders(ctx: ChannelContext, window: TimeWindow): Promise<PlatformOrder[]> {
  const byId = new Map<string, PlatformOrder>();
  const fetch: Fetch<PlatformOrder> = async (startS, endS, page) => {
    const env = await call(ctx, 'order.searchList', {
      update_time_start: startS,
      update_time_end: endS,
      order_by: 'update_time',
      order_asc: false,
      page,
      size: PAGE_SIZE,
    });
    const { total, rows } = listOf(dataOf(env), 'shop_order_list');
    return { total, rows: rows.map(toPlatformOrder) };
  };
  for (const w of windowsOf(ctx, window, limits.historyMs)) {
    await collect(fetch, w.startS, w.endS, (o) => keepNewest(byId, o.orderId, o));
  }
  return [...byId.values()];
}

async function listRefunds(ctx: ChannelContext, window: TimeWindow): Promise<RefundNotice[]> {
  const byId = new Map<string, RefundNotice>();
  const fetch: Fetch<RefundNotice> = async (startS, endS, page) => {
    const env = await call(ctx, 'afterSale.List', {
      update_start_time: startS,
      update_end_time: endS,
      order_by: ['update_time desc'],
      page,
      size: PAGE_SIZE,
    });
    const { total, rows } = listOf(dataOf(env), 'items');
    return { total, rows: rows.map(toRefundNotice) };
  };
  for (const w of windowsOf(ctx, window, limits.historyMs)) {
    await collect(fetch, w.startS, w.endS, (r) => keepNewest(byId, r.refundId, r));
  }
  return [...byId.values()];
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
    const nowS = Math.floor(ctx.now() / 1000);
    const env = await call(ctx, 'order.searchList', {
      update_time_start: nowS - 3600,
      update_time_end: nowS,
      order_by: 'update_time',
      page: 0,
      size: 1,
    });
    const first = listOf(dataOf(env), 'shop_order_list').rows[0] as { shop_name?: unknown } | undefined;
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

  async refreshToken(ctx) {
    await renewToken(ctx);
  },

  parsePush: (creds, request) => parseDoudianPush(creds, request),
  pushAck: doudianPushAck,
};
