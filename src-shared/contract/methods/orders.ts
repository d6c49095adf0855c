import { z } from 'zod';
import { method } from '../define.js';
import { platform } from './shops.js';

/**
 * Where an order line is on its way to the buyer. The problem queue is every line in
 * unmapped / out_of_stock / held / failed / after_sales.
 */
export const lineStatus = z.enum([
  'waiting_payment',
  'unmapped',
  'held',
  'out_of_stock',
  'ask_buyer',
  'topping_up',
  'topup_paused',
  'reserved',
  'sending',
  'delivered',
  'failed',
  'cancelled',
  'refunded',
  'after_sales',
]);
export type LineStatus = z.infer<typeof lineStatus>;

/** 待处理: the lines that need the owner (the problem queue). */
export const PROBLEM_STATUSES: readonly LineStatus[] = ['unmapped', 'held', 'out_of_stock', 'ask_buyer', 'topup_paused', 'failed', 'after_sales'];

export const LINE_STATUS_TITLES: Record<LineStatus, string> = {
  waiting_payment: '待付款',
  unmapped: '未关联商品',
  held: '风控拦截',
  out_of_stock: '缺货',
  ask_buyer: '待买家补充账号',
  topping_up: '充值中',
  topup_paused: '充值待人工接管',
  reserved: '已锁定卡密',
  sending: '发货中',
  delivered: '已发货',
  failed: '发货失败',
  cancelled: '已取消',
  refunded: '已退款',
  after_sales: '售后中',
};

export const orderStatus = z.enum(['unpaid', 'paid', 'shipped', 'done', 'closed']);
/** The platform's order state in one set of words, whatever its own codes are. */
export const ORDER_STATUS_TITLES: Record<z.infer<typeof orderStatus>, string> = {
  unpaid: '待付款',
  paid: '已付款待发货',
  shipped: '已发货',
  done: '交易成功',
  closed: '已关闭',
};

export const orderLine = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  shopId: z.number().int(),
  shopName: z.string(),
  platform,
  platformOrderId: z.string(),
  platformLineId: z.string(),
  title: z.string(),
  skuId: z.string(),
  outerId: z.string(),
  quantity: z.number().int(),
  priceFen: z.number().int(),
  productId: z.number().int().nullable(),
  productName: z.string().nullable(),
  status: lineStatus,
  /** Masked buyer nick (e.g. `t**1`). */
  buyerMasked: z.string(),
  paidAt: z.number().int().nullable(),
  deliveredAt: z.number().int().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  refund: z.enum(['none', 'requested', 'refunded']),
  /** 直充: the recharge account, masked (138****0000). */
  rechargeAccountMasked: z.string().nullable().optional(),
  /** 已核销 time. */
  redeemedAt: z.number().int().nullable().optional(),
  /** 售后 problem on a line whose status is final (买家反馈卡密无效…). */
  issue: z.enum(['invalid_reported', 'refund_after_delivery', 'topup_disputed', 'unredeemed']).nullable().optional(),
});
export type OrderLine = z.infer<typeof orderLine>;

export const timelineEntry = z.object({
  id: z.number().int(),
  at: z.number().int(),
  lineId: z.number().int().nullable(),
  kind: z.string(),
  /** Chinese one-liner for the owner. */
  title: z.string(),
  /** What happened in this step, as a Chinese sentence (from `detail`). */
  note: z.string(),
  /** Structured details (never a plaintext key). */
  detail: z.unknown(),
  /** The platform payload of this step, decrypted for the drawer (it may hold buyer data: the owner's own). */
  payload: z.unknown().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const orderFilter = z.object({
  shopId: z.number().int().optional(),
  status: lineStatus.optional(),
  /** Problem queue: every line that needs the owner. */
  problems: z.boolean().optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** Buyer nick or id, exact (matched by blind index, as buyer data is not kept in clear). */
  buyer: z.string().trim().max(64).optional(),
  /** Platform order id, exact. */
  platformOrderId: z.string().trim().max(64).optional(),
});
export type OrderFilter = z.infer<typeof orderFilter>;

const reason = z.string().trim().min(1, '请填写原因').max(200, '原因最多 200 个字符');

export const orderMethods = {
  'orders.list': method({
    summary: '订单行列表（最新收到的在前，键集分页）；counts 为按状态的行数（不受状态与待处理筛选影响）',
    input: orderFilter.extend({
      /** Keyset: the last line id of the previous page. */
      after: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ lines: z.array(orderLine), total: z.number().int(), counts: z.record(z.string(), z.number().int()) }),
  }),
  'orders.get': method({
    summary: '订单详情：各行、卡密（打码）与完整时间线',
    input: z.object({ orderId: z.number().int() }),
    output: z.object({
      order: z.object({
        id: z.number().int(),
        shopId: z.number().int(),
        shopName: z.string(),
        platform,
        platformOrderId: z.string(),
        platformStatus: z.string(),
        status: orderStatus,
        amountFen: z.number().int(),
        buyerMasked: z.string(),
        paidAt: z.number().int().nullable(),
        createdAt: z.number().int(),
      }),
      lines: z.array(orderLine.extend({ keys: z.array(z.object({ keyId: z.number().int(), cardNo: z.string().nullable(), secretMasked: z.string() })) })),
      timeline: z.array(timelineEntry),
    }),
  }),
  'orders.deliverNow': method({
    summary: '立即发货（放行风控拦截、或重新尝试缺货/失败的行）',
    input: z.object({ lineId: z.number().int() }),
    output: orderLine,
  }),
  'orders.retry': method({
    summary: '重试发货：用已锁定的同一批卡密再发一次',
    input: z.object({ lineId: z.number().int() }),
    output: orderLine,
  }),
  'orders.cancel': method({
    summary: '取消发货：释放已锁定但未发出的卡密',
    input: z.object({ lineId: z.number().int(), reason }),
    output: orderLine,
  }),
  'mappings.list': method({
    summary: '平台商品与本地商品的对应关系',
    input: z.object({ shopId: z.number().int().optional() }),
    output: z.array(
      z.object({
        id: z.number().int(),
        shopId: z.number().int(),
        itemId: z.string(),
        skuId: z.string(),
        title: z.string(),
        productId: z.number().int(),
        productName: z.string(),
        quantity: z.number().int(),
        createdAt: z.number().int(),
      }),
    ),
  }),
  'mappings.set': method({
    summary: '把平台商品（SKU）关联到本地商品，并发出等待中的订单',
    input: z.object({
      /** Map the item/SKU of this line. */
      lineId: z.number().int(),
      productId: z.number().int(),
      /** Keys per unit bought (a "3 个月" SKU mapped to a monthly card × 3). */
      quantity: z.number().int().min(1, '数量至少为 1').max(100, '数量最多 100').default(1),
      /** true: the mapping covers every SKU of the item. */
      wholeItem: z.boolean().default(false),
    }),
    output: z.object({ mappingId: z.number().int(), dispatched: z.number().int() }),
  }),
  'mappings.remove': method({
    summary: '删除对应关系（已发货的订单不受影响）',
    input: z.object({ id: z.number().int() }),
    output: z.object({ ok: z.boolean() }),
  }),
};
