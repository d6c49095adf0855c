// 淘宝/天猫 channel adapter (TOP). Public face of the folder: `taobaoAdapter`.
import { isLocalSandbox, settleRefusal } from '../delivery.js';
import { ChannelError, platformCodeOf } from '../errors.js';
import { isObject } from '../json.js';
import { keepNewest, readBackwards, splitWindow, type Page } from '../paging.js';
import type { ChannelAdapter, ChannelContext, DeliveryOutcome, DeliveryRequest, PlatformOrder, RefundNotice, TimeWindow } from '../types.js';
import { formatGmt8 } from '../units.js';
import { TAOBAO_GATEWAY, TAOBAO_TITLE, callTop, type TopObject, type TopParams } from './client.js';
import { parseRefund, parseTrade } from './parse.js';
import { parseTaobaoPush, taobaoPushAck } from './push.js';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 50; // TOP advises 40–50: bigger pages of full trades time out.
// Windows go out in whole seconds (start rounded down, end up); 2 s of slack keeps a part within one day.
const CALL_WINDOW_MS = DAY_MS - 2_000;

const TRADE_FIELDS =
  'tid,tid_str,status,type,shipping_type,payment,total_fee,created,modified,pay_time,consign_time,buyer_nick,buyer_open_uid,buyer_message,orders';
const REFUND_FIELDS = 'refund_id,tid,oid,status,refund_fee,total_fee,title,num,created,modified';

const TRADE_NOT_FOUND = 'isv.trade-not-exist';
const ALREADY_SHIPPED = 'isv.logistics-dummy-service-error:B27';
const WRONG_STATE = 'isv.logistics-dummy-service-error:B04';

const secondsWindow = (part: TimeWindow) => ({
  start_modified: formatGmt8(part.from),
  end_modified: formatGmt8(Math.ceil(part.to / 1000) * 1000),
});

/** `{trades:{trade:[…]}}` → the array; TOP leaves the wrapper out when the list is empty. */
function listIn(answer: TopObject, wrapper: string, item: string): unknown[] {
  const wrap = answer[wrapper];
  if (wrap === undefined) return [];
  const list = isObject(wrap) ? wrap[item] : undefined;
  if (!Array.isArray(list)) throw new ChannelError('bad_response', `淘宝返回的 ${wrapper} 不是列表`);
  return list;
}

/** Every row modified in the window, each window part paged backwards. */
async function readWindow<T>(
  ctx: ChannelContext,
  window: TimeWindow,
  method: string,
  fields: string,
  wrapper: [string, string],
  parse: (raw: unknown) => T,
): Promise<T[]> {
  const rows: T[] = [];
  for (const part of splitWindow(window, CALL_WINDOW_MS)) {
    const fetchPage = async (pageNo: number): Promise<Page<T>> => {
      const answer = await callTop(ctx, method, { fields, ...secondsWindow(part), page_no: pageNo, page_size: PAGE_SIZE });
      return { items: listIn(answer, ...wrapper).map(parse), total: Number(answer.total_results ?? 0) };
    };
    rows.push(...(await readBackwards(fetchPage, { pageSize: PAGE_SIZE, keepCountingRead: true })));
  }
  return rows;
}

async function getOrder(ctx: ChannelContext, orderId: string): Promise<PlatformOrder | null> {
  try {
    const answer = await callTop(ctx, 'taobao.trade.fullinfo.get', { fields: TRADE_FIELDS, tid: orderId });
    return parseTrade(answer.trade);
  } catch (err) {
    if (platformCodeOf(err) === TRADE_NOT_FOUND) return null;
    throw err;
  }
}

async function deliver(ctx: ChannelContext, request: DeliveryRequest): Promise<DeliveryOutcome> {
  const split = request.order.lineIds.length > 1;
  const params: TopParams = {
    tid: request.order.orderId,
    ...(split && { is_split: 1, sub_tid: request.line.lineId }),
    // Sandbox convention: the message with the keys rides along as `keydesk_message` so the sandbox can
    // record what the buyer received. 淘宝 has no such field; on the real platform the buyer reads the keys
    // in 旺旺 or on the order page.
    ...(isLocalSandbox(ctx.creds.endpoint) && { keydesk_message: request.message }),
  };
  try {
    const answer = await callTop(ctx, 'taobao.logistics.dummy.send', params);
    const shipping = answer.shipping;
    if (isObject(shipping) && (shipping.is_success === true || shipping.is_success === 'true')) return { result: 'delivered', raw: answer };
    // dummy.send is safe to repeat (a second one answers B27), so an unclear answer is worth a retry.
    throw new ChannelError('retry', '淘宝没有确认发货成功，稍后重试', { platformMessage: JSON.stringify(answer).slice(0, 200) });
  } catch (err) {
    const code = platformCodeOf(err);
    if (code === ALREADY_SHIPPED) return { result: 'already', raw: (err as ChannelError).details };
    // B04 "wrong state": the trade read back tells a resend after a crash from a trade that may not ship.
    if (code === WRONG_STATE) {
      return settleRefusal(TAOBAO_TITLE, await getOrder(ctx, request.order.orderId), request, err as ChannelError);
    }
    throw err;
  }
}

export const taobaoAdapter: ChannelAdapter = {
  platform: 'taobao',
  title: '淘宝/天猫',
  defaultEndpoint: TAOBAO_GATEWAY,
  limits: { maxWindowMs: DAY_MS, historyMs: 90 * DAY_MS, safetyLagMs: 60_000, pageSize: PAGE_SIZE },
  credentialFields: [
    { key: 'appKey', label: 'App Key', required: true, secret: false, help: '淘宝开放平台 → 控制台 → 应用信息' },
    { key: 'appSecret', label: 'App Secret', required: true, secret: true },
    { key: 'accessToken', label: 'SessionKey（卖家授权码）', required: true, secret: true, help: '卖家授权应用后得到；过期后需要重新授权' },
    { key: 'shopRef', label: '卖家账号（旺旺名）', required: false, secret: false, help: '用于核对推送是否属于这个店铺' },
  ],

  async testConnection(ctx) {
    const answer = await callTop(ctx, 'taobao.user.seller.get', { fields: 'nick,user_id' });
    const user = answer.user;
    return isObject(user) && typeof user.nick === 'string' ? { shopName: user.nick } : {};
  },

  async listOrders(ctx, window): Promise<PlatformOrder[]> {
    const orders = await readWindow(ctx, window, 'taobao.trades.sold.increment.get', TRADE_FIELDS, ['trades', 'trade'], parseTrade);
    return keepNewest(orders, (o) => o.orderId);
  },

  getOrder,

  async listRefunds(ctx, window): Promise<RefundNotice[]> {
    const refunds = await readWindow(ctx, window, 'taobao.refunds.receive.get', REFUND_FIELDS, ['refunds', 'refund'], parseRefund);
    return keepNewest(refunds, (r) => r.refundId);
  },

  deliver,
  parsePush: parseTaobaoPush,
  pushAck: taobaoPushAck,
};
