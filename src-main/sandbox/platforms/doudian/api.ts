// The 抖店 API methods the simulator serves, each enforcing the platform's documented limits with the
// platform's own error codes (sub codes from the public SDK error tables where they exist).
import { pageRepeatingPrevious } from '../paging.js';
import type { PlatformStore, SimLine, SimOrder, SimShop } from '../store.js';
import { DoudianFail, intParam, strParam } from './gateway.js';
import { afterSaleItem, shopOrder } from './serialize.js';
import { rechargeOnly } from './topup.js';

export const DAY_MS = 86_400_000;
export const ORDER_HISTORY_MS = 90 * DAY_MS;
export const AFTERSALE_HISTORY_MS = 180 * DAY_MS;
export const REFRESH_TOKEN_TTL_MS = 14 * DAY_MS;
export const MAX_RESULTS = 50_000;
const CARD_SYNC_LIMIT_MS = DAY_MS;

export interface ApiContext {
  store: PlatformStore;
  shop: SimShop;
  params: Record<string, unknown>;
  now: number;
  duplicate: boolean;
  /** Longest update-time window accepted (the real limit is not published: configurable). */
  maxWindowMs: number;
  refreshExpiresAt: Map<string, number>;
  aftersaleIdOf(line: SimLine): string;
  orderOfLine(lineId: string): SimOrder | undefined;
}

const invalid = (code: string, msg: string) => new DoudianFail(40004, `isv.parameter-invalid:${code}`, msg);

function tokenData(ctx: ApiContext): Record<string, unknown> {
  const { shop, now } = ctx;
  return {
    access_token: shop.accessToken,
    expires_in: Math.max(0, Math.floor((shop.tokenExpiresAt - now) / 1000)),
    refresh_token: shop.refreshToken,
    scope: 'SCOPE',
    shop_id: Number(shop.shopId),
    shop_name: shop.name,
    authority_id: shop.shopId,
  };
}

function issue(ctx: ApiContext): void {
  ctx.store.issueToken(ctx.shop);
  ctx.refreshExpiresAt.set(ctx.shop.shopId, ctx.now + REFRESH_TOKEN_TTL_MS);
}

/** token.create for a self-built app (自用型): grant_type authorization_self + shop_id. */
export function tokenCreate(ctx: ApiContext): unknown {
  if (strParam(ctx.params, 'grant_type') !== 'authorization_self') {
    throw new DoudianFail(50001, 'dop.token-generate-failed:grant-type-invalid', '生成token失败，grant_type参数取值不正确，请参照文档根据应用类型填写不同的值');
  }
  if (strParam(ctx.params, 'shop_id') !== ctx.shop.shopId) {
    throw new DoudianFail(50001, 'dop.token-generate-failed:no-authorization', '生成token失败，店铺授权已失效，请重新引导商家完成店铺授权');
  }
  if (ctx.shop.tokenExpiresAt <= ctx.now) issue(ctx);
  return tokenData(ctx);
}

export function tokenRefresh(ctx: ApiContext): unknown {
  if (strParam(ctx.params, 'grant_type') !== 'refresh_token') {
    throw new DoudianFail(50001, 'dop.token-generate-failed:grant-type-invalid', '生成token失败，grant_type参数取值不正确');
  }
  if (strParam(ctx.params, 'refresh_token') !== ctx.shop.refreshToken) {
    throw new DoudianFail(50001, 'dop.token-generate-failed:token-invalid', '生成token失败，token不存在');
  }
  const expiresAt = ctx.refreshExpiresAt.get(ctx.shop.shopId) ?? ctx.shop.createdAt + REFRESH_TOKEN_TTL_MS;
  if (expiresAt <= ctx.now) throw new DoudianFail(50001, 'dop.token-generate-failed:token-expired', '生成token失败，token已过期');
  issue(ctx);
  return tokenData(ctx);
}

interface Paging {
  page: number;
  size: number;
}

function paging(params: Record<string, unknown>): Paging {
  const page = intParam(params, 'page');
  const size = intParam(params, 'size');
  if (page === undefined || size === undefined) throw new DoudianFail(40002, 'isv.missing-parameter', '缺少必选参数 page 或 size');
  if (Number.isNaN(page) || page < 0) throw invalid('10035', '查询列表页数不能小于0');
  if (Number.isNaN(size) || size < 1 || size > 100) throw invalid('20008', '单次查询订单数超过限制，单页最大支持100');
  if ((page + 1) * size > MAX_RESULTS) throw invalid('20013', '翻页查询最多支持查询到5万，需要缩短查询时间范围');
  return { page, size };
}

function timeWindow(ctx: ApiContext, startKey: string, endKey: string, historyMs: number): { from: number; to: number } {
  const start = intParam(ctx.params, startKey);
  const end = intParam(ctx.params, endKey) ?? Math.floor(ctx.now / 1000);
  if (start === undefined) throw invalid('20011', '查询开始时间不能为空');
  if (Number.isNaN(start) || Number.isNaN(end)) throw invalid('000002', '时间参数必须是秒级时间戳');
  if (end < start) throw invalid('20010', '结束时间不能早于开始时间');
  if (start * 1000 < ctx.now - historyMs) {
    throw invalid('20022', `只支持查询最近${Math.round(historyMs / DAY_MS)}天内的数据`);
  }
  if ((end - start) * 1000 > ctx.maxWindowMs) {
    throw invalid('20014', `查询时间跨度不能超过${Math.round(ctx.maxWindowMs / 3_600_000)}小时`);
  }
  return { from: start * 1000, to: end * 1000 + 999 };
}

/** order.searchList: update_time window (Unix s), page from 0, size ≤ 100, newest first by default. */
export function searchList(ctx: ApiContext): unknown {
  if (intParam(ctx.params, 'update_time_start') === undefined && intParam(ctx.params, 'create_time_start') !== undefined) {
    throw invalid('20011', '沙箱只支持按更新时间（update_time_start）查询');
  }
  const { from, to } = timeWindow(ctx, 'update_time_start', 'update_time_end', ORDER_HISTORY_MS);
  const { page, size } = paging(ctx.params);
  const byCreate = strParam(ctx.params, 'order_by') !== 'update_time';
  const asc = ctx.params.order_asc === true || ctx.params.order_asc === 'true';
  const list = ctx.store.ordersUpdatedBetween(ctx.shop.shopId, from, to);
  if (byCreate) list.sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  if (asc) list.reverse();
  const rows = pageRepeatingPrevious(list, page, size, ctx.duplicate, 0).map((o) => shopOrder(o, ctx.shop));
  return { page, size, total: list.length, shop_order_list: rows };
}

export function orderDetail(ctx: ApiContext): unknown {
  const id = strParam(ctx.params, 'shop_order_id');
  if (!id) throw new DoudianFail(40002, 'isv.missing-parameter', '缺少必选参数 shop_order_id');
  const order = ctx.store.orders.get(id);
  if (!order || order.shopId !== ctx.shop.shopId) throw invalid('20045', '订单不存在或不属于该店铺');
  return { shop_order_detail: shopOrder(order, ctx.shop) };
}

/** afterSale.List: update_start_time / update_end_time, page from 0, size ≤ 100. */
export function afterSaleList(ctx: ApiContext): unknown {
  const { from, to } = timeWindow(ctx, 'update_start_time', 'update_end_time', AFTERSALE_HISTORY_MS);
  const { page, size } = paging(ctx.params);
  const orderBy = Array.isArray(ctx.params.order_by) ? ctx.params.order_by.map(String) : [];
  const rows: Record<string, unknown>[] = [];
  for (const order of ctx.store.ordersUpdatedBetween(ctx.shop.shopId, from, to)) {
    for (const line of order.lines) if (line.refund !== 'none') rows.push(afterSaleItem(order, line, ctx.aftersaleIdOf(line)));
  }
  if (orderBy.some((o) => /update_time\s+asc/.test(o))) rows.reverse();
  const items = pageRepeatingPrevious(rows, page, size, ctx.duplicate, 0);
  return { items, page, size, total: rows.length, has_more: (page + 1) * size < rows.length };
}

interface Cert {
  cert_no?: unknown;
  cert_key?: unknown;
  grant_time?: unknown;
}

/**
 * coupons.syncV2: order_id is the sku order id; cert_list carries the keys and is what reached the buyer
 * (stored as the delivery content). A repeat answers 000008, a sync more than 24 h after payment 010012,
 * a recharge line (settled by topup.result instead) 010014.
 */
export function couponsSyncV2(ctx: ApiContext): unknown {
  const lineId = strParam(ctx.params, 'order_id');
  if (!lineId) throw new DoudianFail(40002, 'isv.missing-parameter', '缺少必选参数 order_id');
  const certs = ctx.params.cert_list;
  if (!Array.isArray(certs) || certs.length === 0) throw invalid('010006', '卡券为空');
  for (const c of certs as Cert[]) {
    if (typeof c?.cert_no !== 'string' || c.cert_no === '' || typeof c.grant_time !== 'string') {
      throw invalid('000002', '参数错误：cert_no 与 grant_time 必填');
    }
  }
  const order = ctx.orderOfLine(lineId);
  if (!order || order.shopId !== ctx.shop.shopId) throw invalid('020010', '履约单为空，请检查 order_id 是否为商品单号');
  const line = order.lines.find((l) => l.lineId === lineId)!;
  if (line.rechargeAccount !== undefined) throw rechargeOnly();
  const skuId = strParam(ctx.params, 'sku_id');
  if (skuId && skuId !== line.skuId) throw invalid('000002', '参数错误：sku_id 与商品单不符');
  const processed = () => new DoudianFail(50002, 'isv.business-failed:000008', '000008:请求已处理');
  if (line.shippedAt !== null) throw processed();
  if (order.status === 'unpaid' || order.paidAt === null) {
    throw new DoudianFail(50002, 'isv.business-failed:010009', '010009:订单未支付，不能同步卡券');
  }
  if (line.refund === 'refunded' || order.status === 'closed') {
    throw new DoudianFail(50002, 'isv.business-failed:010010', '010010:订单已退款或已取消，不能同步卡券');
  }
  if (order.riskFlags.length > 0) throw new DoudianFail(80000, 'isv.risk-control', '订单处于风控审核中，暂不能履约');
  if (ctx.now - order.paidAt > CARD_SYNC_LIMIT_MS) throw new DoudianFail(50002, 'isv.business-failed:010012', '010012:卡券同步超出24小时');
  const result = ctx.store.ship(order, [lineId], JSON.stringify(certs));
  if (result === 'already') throw processed();
  if (result === 'not_paid') throw new DoudianFail(50002, 'isv.business-failed:010009', '010009:订单状态不允许同步卡券');
  return {};
}
