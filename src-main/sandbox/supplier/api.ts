// The gateway methods the sandbox supplier serves. Each takes the authenticated merchant and the parsed
// biz_content and answers the `result` object (the caller serialises and signs it) or throws FuluFail.
import { formatBeijing } from '../platforms/units.js';
import { CODE, FuluFail, bizCount, bizText, decryptCard, encryptCard } from './protocol.js';
import type { SupMerchant, SupOrder, SupplierState } from './state.js';

export interface ApiEnv {
  state: SupplierState;
  /** Called for every new order, so its finish can be scheduled. */
  onPlaced(order: SupOrder): void;
}

type Biz = Record<string, unknown>;
export type Method = (env: ApiEnv, merchant: SupMerchant, biz: Biz) => unknown;

const MAX_ORDER_NO = 50;
const MAX_BUY_NUM = 100;

/** 元 as the gateway writes them: a JSON number with at most two decimals. */
const yuanNumber = (fen: number): number => Math.round(fen) / 100;
/** product_id is an integer on the wire when it is one. */
const productIdOut = (id: string): number | string => (/^\d{1,15}$/.test(id) ? Number(id) : id);

function orderJson(order: SupOrder, merchant: SupMerchant): Record<string, unknown> {
  return {
    order_id: order.orderId,
    customer_order_no: order.customerOrderNo,
    product_id: productIdOut(order.productId),
    product_name: order.productName,
    charge_account: order.chargeAccount,
    buy_num: order.buyNum,
    order_price: yuanNumber(order.unitPriceFen),
    order_state: order.state,
    ...(order.state === 'failed' && { refund_state: order.refunded ? 'refunded' : 'not_refunded' }),
    ...(order.state === 'success' && { dispute_state: order.disputed ? 'disputed' : 'none' }),
    evidence: order.evidence ?? '',
    operator_serial_number: order.serial ?? '',
    create_time: formatBeijing(order.createdAt),
    finish_time: order.finishedAt === null ? '' : formatBeijing(order.finishedAt),
    recharge_description: order.description,
    cards: order.cards.map((c) => ({
      card_number: encryptCard(c.cardNo, merchant.appSecret),
      card_pwd: encryptCard(c.secret, merchant.appSecret),
      card_deadline: formatBeijing(c.deadline),
    })),
  };
}

const userInfo: Method = (_env, merchant) => ({
  user_id: merchant.userId,
  name: merchant.name,
  balance: yuanNumber(merchant.balanceFen),
  is_open: 1,
});

const goodsInfo: Method = (env, _merchant, biz) => {
  const goods = env.state.goods.get(bizText(biz, 'product_id'));
  if (!goods) throw new FuluFail(CODE.noSuchGoods, '商品不存在');
  return {
    product_id: productIdOut(goods.productId),
    product_name: goods.name,
    face_value: yuanNumber(goods.faceValueFen),
    purchase_price: yuanNumber(goods.priceFen),
    product_type: goods.kind === 'direct' ? '直充' : '卡密',
    sales_status: goods.onSale ? '上架' : '下架',
    stock_status: goods.onSale ? '充足' : '断货',
    template_id: '',
  };
};

/**
 * Both adds: parameters, then the duplicate check (before anything is charged), then goods, account
 * format and balance. A new order is charged at once and answers `processing`.
 */
function add(kind: 'direct' | 'card'): Method {
  return (env, merchant, biz) => {
    const productId = bizText(biz, 'product_id');
    const customerOrderNo = bizText(biz, 'customer_order_no');
    const chargeAccount = kind === 'direct' ? bizText(biz, 'charge_account') : '';
    const buyNum = bizCount(biz, 'buy_num');
    if (customerOrderNo.length > MAX_ORDER_NO) throw new FuluFail(CODE.badParam, `customer_order_no 最多 ${MAX_ORDER_NO} 个字符`);
    if (buyNum > MAX_BUY_NUM) throw new FuluFail(CODE.badParam, `buy_num 最多 ${MAX_BUY_NUM}`);
    if (env.state.orderOf(merchant.appKey, customerOrderNo)) throw new FuluFail(CODE.duplicateOrder, `外部订单号已存在：${customerOrderNo}`);
    const goods = env.state.goods.get(productId);
    if (!goods) throw new FuluFail(CODE.noSuchGoods, '商品不存在');
    if (goods.kind !== kind) {
      throw new FuluFail(CODE.wrongGoodsKind, goods.kind === 'card' ? '该商品是卡密商品，请用 fulu.order.card.add 下单' : '该商品是直充商品，请用 fulu.order.direct.add 下单');
    }
    if (!goods.onSale) throw new FuluFail(CODE.goodsOffSale, '商品已下架');
    if (kind === 'direct' && goods.accountPattern !== null && !new RegExp(goods.accountPattern).test(chargeAccount)) {
      throw new FuluFail(CODE.badAccount, `充值账号格式不正确：${chargeAccount} 不是该商品可充值的账号`);
    }
    const costFen = goods.priceFen * buyNum;
    if (merchant.balanceFen < costFen) {
      throw new FuluFail(CODE.lowBalance, `账户余额不足：余额 ${yuanNumber(merchant.balanceFen)} 元，本单需 ${yuanNumber(costFen)} 元`);
    }
    const order = env.state.place(merchant, goods, { customerOrderNo, chargeAccount, buyNum });
    env.onPlaced(order);
    const { cards: _cards, ...placed } = orderJson(order, merchant);
    return placed;
  };
}

const orderInfo: Method = (env, merchant, biz) => {
  const order = env.state.orderOf(merchant.appKey, bizText(biz, 'customer_order_no'));
  if (!order) throw new FuluFail(CODE.noSuchOrder, '订单不存在');
  return orderJson(order, merchant);
};

/**
 * Sandbox extension: redemption status of a card this merchant bought here. `card_pwd` arrives
 * encrypted exactly like the cards info.get hands out.
 */
const cardStatus: Method = (env, merchant, biz) => {
  const secret = decryptCard(bizText(biz, 'card_pwd'), merchant.appSecret);
  if (secret === undefined) throw new FuluFail(CODE.badParam, 'card_pwd 无法解密（应为用 AppSecret 加密的卡密）');
  const sold = [...env.state.orders.values()].some((o) => o.appKey === merchant.appKey && o.cards.some((c) => c.secret === secret));
  const card = env.state.world.card(secret);
  if (!sold || !card) throw new FuluFail(CODE.noSuchCard, '卡密不存在');
  return { status: card.status, redeemed_time: card.redeemedAt === null ? '' : formatBeijing(card.redeemedAt) };
};

export const METHODS: Record<string, Method> = {
  'fulu.user.info.get': userInfo,
  'fulu.goods.info.get': goodsInfo,
  'fulu.order.direct.add': add('direct'),
  'fulu.order.card.add': add('card'),
  'fulu.order.info.get': orderInfo,
  'fulu.card.status.get': cardStatus,
};

export const CARD_STATUS_METHOD = 'fulu.card.status.get';
