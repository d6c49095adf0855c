// 福禄开放平台 supplier adapter: balance (fulu.user.info.get), goods (fulu.goods.info.get), direct and
// card orders (fulu.order.direct.add / fulu.order.card.add, idempotent on customer_order_no), the order
// query with its decrypted card keys (fulu.order.info.get), the sandbox's card status query
// (fulu.card.status.get, unconfirmed on the real platform) and the signed order callback.
import { ChannelError } from '../../../channels/errors.js';
import type { PlaceOrderResult, SupplierAdapter, SupplierContext } from '../types.js';
import { fuluCallbackAck, parseFuluCallback } from './callback.js';
import { DEFAULT_ENDPOINT, call, rawCall, resultOf } from './client.js';
import { encryptCardText } from './crypto.js';
import { isDuplicateOrder, isUnknownOrder } from './errors.js';
import { toBalance, toCardStatus, toGoods, toOrder, toPlacedOrder, type ParsedOrder } from './parse.js';

/** 福禄 documents product_id as an integer: digits go as a JSON number, anything else as it is. */
const productIdParam = (productId: string): number | string => (/^\d{1,15}$/.test(productId) ? Number(productId) : productId);

async function readOrder(ctx: SupplierContext, customerOrderNo: string): Promise<ParsedOrder | null> {
  const env = await rawCall(ctx, 'fulu.order.info.get', { customer_order_no: customerOrderNo });
  if (isUnknownOrder(env)) return null;
  const order = toOrder(resultOf(ctx, env, '订单'), ctx.creds.appSecret);
  if (order.info.customerOrderNo !== customerOrderNo) {
    throw new ChannelError('bad_response', `福禄查单返回了另一笔订单（问 ${customerOrderNo}，答 ${order.info.customerOrderNo}）`);
  }
  return order;
}

function checkOrderInput(input: { customerOrderNo: string; buyNum: number; chargeAccount?: string }): void {
  if (!input.customerOrderNo.trim()) throw new ChannelError('give_up', '外部订单号不能为空');
  if (!Number.isInteger(input.buyNum) || input.buyNum < 1) throw new ChannelError('give_up', `购买数量必须是正整数（收到 ${input.buyNum}）`);
  if (input.chargeAccount !== undefined && !input.chargeAccount.trim()) throw new ChannelError('give_up', '充值账号不能为空');
}

/**
 * An add: a new order, or — when 福禄 says the customer_order_no was used — the order that already
 * exists, read back and checked to be the same purchase (same product, same account), so a retry after a
 * lost reply never buys twice and a number clash never passes for someone else's recharge.
 */
async function place(
  ctx: SupplierContext,
  method: string,
  input: { productId: string; customerOrderNo: string; buyNum: number; chargeAccount?: string },
): Promise<PlaceOrderResult> {
  checkOrderInput(input);
  const biz = {
    product_id: productIdParam(input.productId),
    customer_order_no: input.customerOrderNo,
    ...(input.chargeAccount !== undefined && { charge_account: input.chargeAccount }),
    buy_num: input.buyNum,
  };
  const env = await rawCall(ctx, method, biz);
  if (!isDuplicateOrder(env)) return { ...toPlacedOrder(resultOf(ctx, env, '下单结果')), duplicate: false };
  const found = await readOrder(ctx, input.customerOrderNo);
  if (!found) throw new ChannelError('retry', `福禄说外部订单号 ${input.customerOrderNo} 已存在，却查不到这笔订单，稍后再查`);
  const sameAccount = input.chargeAccount === undefined || found.chargeAccount === input.chargeAccount;
  if (found.productId !== input.productId || !sameAccount) {
    throw new ChannelError('give_up', `福禄已有外部订单号 ${input.customerOrderNo} 的订单，但商品或充值账号与这次不同，这次没有下单`, {
      platformCode: env.code,
      platformMessage: env.message,
    });
  }
  return { supplierOrderId: found.info.supplierOrderId, state: found.info.state, duplicate: true };
}

export const fuluAdapter: SupplierAdapter = {
  kind: 'fulu',
  title: '福禄开放平台',
  defaultEndpoint: DEFAULT_ENDPOINT,
  credentialFields: [
    { key: 'appKey', label: 'AppKey', required: true, secret: false, help: '福禄开放平台 → 商户中心 → 应用信息中的 AppKey' },
    { key: 'appSecret', label: 'AppSecret', required: true, secret: true, help: '与 AppKey 在同一页面；也用来解密供应商发来的卡密' },
    { key: 'appAuthToken', label: '授权令牌（app_auth_token）', required: false, secret: true, help: '福禄为商户发放的授权令牌；没有可留空' },
    {
      key: 'endpoint',
      label: '接口地址（可选）',
      required: false,
      secret: false,
      help: `留空即正式环境 ${DEFAULT_ENDPOINT}；测试环境填 https://pre-openapi.fulu.com/api/getway`,
    },
  ],

  async balance(ctx) {
    return toBalance(await call(ctx, 'fulu.user.info.get', {}, '账户'));
  },

  async goods(ctx, productId) {
    return toGoods(await call(ctx, 'fulu.goods.info.get', { product_id: productIdParam(productId) }, '商品'));
  },

  directAdd: (ctx, input) => place(ctx, 'fulu.order.direct.add', input),

  cardAdd: (ctx, input) => place(ctx, 'fulu.order.card.add', input),

  async orderInfo(ctx, customerOrderNo) {
    return (await readOrder(ctx, customerOrderNo))?.info ?? null;
  },

  /** Sandbox extension: the card travels encrypted like the keys 福禄 sends, never in plain text. */
  async cardStatus(ctx, input) {
    const secret = ctx.creds.appSecret;
    const biz = {
      product_id: productIdParam(input.productId),
      ...(input.cardNo && { card_number: encryptCardText(input.cardNo, secret) }),
      card_pwd: encryptCardText(input.secret, secret),
    };
    return toCardStatus(await call(ctx, 'fulu.card.status.get', biz, '卡密状态'));
  },

  parseCallback: parseFuluCallback,
  callbackAck: fuluCallbackAck,
};
