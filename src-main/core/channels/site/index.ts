// 独立站 channel adapter: KeyDesk's own protocol (PROTOCOL.md) — the site pushes signed paid/refund
// events and serves a signed pull API (orders, refunds, one order, idempotent deliver).
import { ChannelError } from '../errors.js';
import { keepNewest, readBackwards, type Page } from '../paging.js';
import type { ChannelAdapter, ChannelContext, PlatformOrder, RefundNotice, TimeWindow } from '../types.js';
import { query, siteCall } from './client.js';
import { toPlatformOrder, toRefundNotice } from './parse.js';
import { parseSitePush, sitePushAck } from './push.js';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 200;

const limits = {
  maxWindowMs: 7 * DAY_MS,
  historyMs: 90 * DAY_MS,
  // The merchant's own database: writes are visible at once; a few seconds cover clock drift.
  safetyLagMs: 5_000,
  pageSize: PAGE_SIZE,
};

function pageOf(data: unknown, key: string): Page<unknown> {
  const d = data as Record<string, unknown> | null;
  const rows = d?.[key];
  if (!Array.isArray(rows) || typeof d?.total !== 'number') {
    throw new ChannelError('bad_response', `独立站返回的列表格式不对：缺少 ${key} 或 total`);
  }
  return { total: d.total, items: rows };
}

/**
 * All rows of a window, in the safe order of ../paging.ts. Pages are in ascending updated_at, so a row
 * changing mid-read can only be read twice, never skipped.
 */
async function readWindow(ctx: ChannelContext, path: string, key: string, window: TimeWindow): Promise<unknown[]> {
  if (window.to < window.from) throw new ChannelError('give_up', '查询时间段无效：结束早于开始');
  const rows: unknown[] = [];
  for (let from = window.from; from <= window.to; from += limits.maxWindowMs) {
    const to = Math.min(window.to, from + limits.maxWindowMs);
    const fetch = async (page: number) =>
      pageOf(await siteCall(ctx, 'GET', `${path}${query({ updated_from: from, updated_to: to, page, page_size: PAGE_SIZE })}`), key);
    rows.push(...(await readBackwards(fetch, { pageSize: PAGE_SIZE })));
    if (to === window.to) break;
  }
  return rows;
}

export const siteAdapter: ChannelAdapter = {
  platform: 'site',
  title: '独立站',
  // No common gateway: every site has its own API root (credentials.endpoint).
  defaultEndpoint: '',
  limits,
  credentialFields: [
    { key: 'endpoint', label: 'API 根地址', required: true, secret: false, help: '例如 https://shop.example.com/keydesk-api（网站开发者按《独立站对接协议》提供）' },
    { key: 'appKey', label: 'App Key（站点标识）', required: true, secret: false },
    { key: 'appSecret', label: '签名密钥', required: true, secret: true, help: '与网站共享的 HMAC-SHA256 密钥，至少 32 个字符' },
  ],

  async testConnection(ctx) {
    const data = (await siteCall(ctx, 'GET', '/ping')) as { site_name?: unknown } | null;
    return typeof data?.site_name === 'string' ? { shopName: data.site_name } : {};
  },

  async listOrders(ctx, window): Promise<PlatformOrder[]> {
    const rows = await readWindow(ctx, '/orders', 'orders', window);
    return keepNewest(rows.map(toPlatformOrder), (o) => o.orderId);
  },

  async getOrder(ctx, orderId) {
    try {
      const data = (await siteCall(ctx, 'GET', `/orders/${encodeURIComponent(orderId)}`)) as { order?: unknown } | null;
      return toPlatformOrder(data?.order);
    } catch (err) {
      if (err instanceof ChannelError && err.details.httpStatus === 404 && err.details.platformCode === 'order_not_found') return null;
      throw err;
    }
  },

  async listRefunds(ctx, window): Promise<RefundNotice[]> {
    const rows = await readWindow(ctx, '/refunds', 'refunds', window);
    return keepNewest(rows.map(toRefundNotice), (r) => r.refundId);
  },

  /** Idempotency-Key = order:line, so a resend after a crash is answered `already_delivered`. */
  async deliver(ctx, request) {
    const { orderId } = request.order;
    const data = (await siteCall(
      ctx,
      'POST',
      `/orders/${encodeURIComponent(orderId)}/deliver`,
      {
        line_ids: [request.line.lineId],
        message: request.message,
        keys: request.keys.map((k) => ({ card_no: k.cardNo, secret: k.secret, expires_at: k.expiresAt })),
      },
      { 'Idempotency-Key': `${orderId}:${request.line.lineId}` },
    )) as { delivered?: unknown; already_delivered?: unknown } | null;
    if (data?.already_delivered === true) return { result: 'already', raw: data };
    if (data?.delivered !== true) throw new ChannelError('bad_response', '独立站的发货回应里没有 delivered: true');
    return { result: 'delivered', raw: data };
  },

  parsePush: parseSitePush,
  pushAck: sitePushAck,
};
