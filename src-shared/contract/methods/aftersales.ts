// 售后: one queue of everything that went wrong after an order was paid, the one-click fixes, and the
// per-line ledger (every action with actor and reason; each is also an audit entry). 核销 checks too.
import { z } from 'zod';
import { fen, method } from '../define.js';
import { platform } from './shops.js';
import { lineStatus } from './orders.js';

export const problemKind = z.enum([
  'topup_failed',
  'topup_paused',
  'ask_buyer',
  'invalid_reported',
  'out_of_stock',
  'unmapped',
  'held',
  'delivery_failed',
  'refund_after_delivery',
  'topup_disputed',
  'unredeemed',
]);
export type ProblemKind = z.infer<typeof problemKind>;

export const PROBLEM_TITLES: Record<ProblemKind, string> = {
  topup_failed: '充值失败',
  topup_paused: '充值待人工接管',
  ask_buyer: '待买家补充账号',
  invalid_reported: '买家反馈卡密无效',
  out_of_stock: '缺货',
  unmapped: '未关联商品',
  held: '风控拦截',
  delivery_failed: '发货失败',
  refund_after_delivery: '发货后退款',
  topup_disputed: '充值有争议',
  unredeemed: '长期未核销',
};

export const fixAction = z.enum(['resend', 'replace', 'check_redemption', 'mark_redeemed', 'retry_topup', 'set_account', 'record_refund', 'claim', 'take_over', 'map', 'deliver_now', 'resolve']);
export type FixAction = z.infer<typeof fixAction>;

export const problem = z.object({
  lineId: z.number().int(),
  orderId: z.number().int(),
  shopName: z.string(),
  platform,
  platformOrderId: z.string(),
  title: z.string(),
  productName: z.string().nullable(),
  kind: problemKind,
  status: lineStatus,
  /** The sentence to act on (last error / issue note). */
  message: z.string(),
  accountMasked: z.string().nullable(),
  keys: z.array(z.object({ keyId: z.number().int(), cardNo: z.string().nullable(), secretMasked: z.string(), status: z.string(), batchId: z.number().int() })),
  amountFen: z.number().int(),
  paidAt: z.number().int().nullable(),
  since: z.number().int(),
  actions: z.array(fixAction),
});
export type Problem = z.infer<typeof problem>;

export const ledgerEntry = z.object({
  at: z.number().int(),
  actor: z.string(),
  action: z.string(),
  /** Chinese sentence: 店主 更换卡密（原因：买家反馈无效）. */
  text: z.string(),
  reason: z.string().nullable(),
});

const reason = z.string().trim().min(1, '请填写原因（会记入售后记录）').max(200, '原因最多 200 个字符');
const lineRef = { lineId: z.number().int() };
const done = z.object({ ok: z.boolean(), message: z.string() });

export const aftersalesMethods = {
  'aftersales.queue': method({
    summary: '售后问题队列（失败的充值、买家反馈无效、缺货、未关联、发货后退款…）',
    input: z.object({ kind: problemKind.optional(), search: z.string().trim().max(100).optional(), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ problems: z.array(problem), counts: z.record(z.string(), z.number().int()) }),
  }),
  'aftersales.ledger': method({ summary: '一个订单行的售后记录（谁、何时、做了什么、原因）', input: z.object(lineRef), output: z.array(ledgerEntry) }),
  'aftersales.reportInvalid': method({ summary: '记录买家反馈卡密无效（进入售后队列）', input: z.object({ ...lineRef, reason }), output: done }),
  'aftersales.resend': method({ summary: '把同一批卡密再发一次（买家说没收到）', input: z.object({ ...lineRef, reason }), output: done }),
  'aftersales.replace': method({
    summary: '作废原卡密（填原因）并换发新卡密',
    input: z.object({ ...lineRef, reason, keyIds: z.array(z.number().int()).max(500).optional() }),
    output: done,
  }),
  'aftersales.checkRedemption': method({ summary: '立即查询这一行卡密的核销状态', input: z.object(lineRef), output: done }),
  'aftersales.markRedeemed': method({ summary: '手动标记已核销', input: z.object({ ...lineRef, reason }), output: done }),
  'aftersales.recordRefund': method({
    summary: '记录退款（平台上已退给买家的钱）',
    input: z.object({ ...lineRef, reason, amountFen: fen }),
    output: done,
  }),
  'aftersales.claim': method({
    summary: '向供应商索赔坏卡（记入批次质量）',
    input: z.object({ ...lineRef, reason, keyIds: z.array(z.number().int()).min(1, '请选择要索赔的卡密').max(500) }),
    output: done,
  }),
  'aftersales.resolve': method({ summary: '处理完毕，移出售后队列', input: z.object({ ...lineRef, reason }), output: done }),
  'redemption.checkNow': method({
    summary: '立即检查已发出卡密的核销状态（全部或一个商品）',
    input: z.object({ productId: z.number().int().optional() }),
    output: z.object({ checked: z.number().int(), redeemed: z.number().int(), invalid: z.number().int(), message: z.string() }),
  }),
  'redemption.summary': method({
    summary: '核销概况：每个商品已发出、已核销、超期未核销的卡密数',
    input: z.object({}),
    output: z.array(z.object({ productId: z.number().int(), productName: z.string(), delivered: z.number().int(), redeemed: z.number().int(), overdue: z.number().int(), lastCheckAt: z.number().int().nullable() })),
  }),
  'batches.quality': method({
    summary: '批次质量：每个批次的发出数、坏卡索赔数、换卡数',
    input: z.object({ productId: z.number().int().optional() }),
    output: z.array(z.object({ batchId: z.number().int(), productName: z.string(), supplier: z.string(), delivered: z.number().int(), claims: z.number().int(), replaced: z.number().int(), claimRate: z.number() })),
  }),
};
