// 风控规则: what the owner builds in the rule editor, as data. Evaluated in order, first enforcing match
// wins (like Stripe Radar); observe-only rules are evaluated and counted but never decide.
import { z } from 'zod';
import { compilePattern, parseCidr } from './cidr.js';

export const riskAction = z.enum(['allow', 'review', 'verify', 'delay', 'block']);
export type RiskAction = z.infer<typeof riskAction>;

export const RISK_ACTION_TITLES: Record<RiskAction, string> = {
  allow: '放行',
  review: '人工审核',
  verify: '短信/验证码验证',
  delay: '延迟发货',
  block: '拦截',
};

/** Who a velocity count or a list check is about. `buyer` is the cross-shop identity (phone → email → platform id → nick). */
export const riskSubject = z.enum(['buyer', 'ip', 'device', 'phone', 'email']);
export type RiskSubject = z.infer<typeof riskSubject>;

export const RISK_SUBJECT_TITLES: Record<RiskSubject, string> = {
  buyer: '买家',
  ip: 'IP',
  device: '设备',
  phone: '手机号',
  email: '邮箱',
};

const compare = z.enum(['gt', 'gte', 'lt', 'lte', 'eq']);
export type Compare = z.infer<typeof compare>;

const platformName = z.enum(['taobao', 'pdd', 'doudian', 'youzan', 'weidian', 'site']);

export const riskCondition = z.discriminatedUnion('field', [
  /** 订单金额 (分). */
  z.object({ field: z.literal('amount'), op: compare, fen: z.number().int().min(0) }),
  /** 购买数量 of the line. */
  z.object({ field: z.literal('quantity'), op: compare, value: z.number().int().min(0) }),
  z.object({ field: z.literal('product'), productIds: z.array(z.number().int()).min(1, '请至少选择一个商品') }),
  z.object({ field: z.literal('shop'), shopIds: z.array(z.number().int()).min(1, '请至少选择一个店铺') }),
  z.object({ field: z.literal('platform'), platforms: z.array(platformName).min(1, '请至少选择一个平台') }),
  /** 付款时间 in Asia/Shanghai, hours [from, to); from > to wraps midnight (22 → 6). */
  z.object({ field: z.literal('hour'), from: z.number().int().min(0).max(23), to: z.number().int().min(0).max(24) }),
  /** The platform flagged the order (抖店 80000…); empty `flags` = any flag. */
  z.object({ field: z.literal('risk_flag'), flags: z.array(z.string()).default([]) }),
  /** 频率: orders by the same subject in the last `windowMinutes`, this one included. */
  z.object({
    field: z.literal('velocity'),
    subject: z.enum(['buyer', 'ip', 'device']),
    windowMinutes: z.number().int().min(1).max(60 * 24 * 30),
    op: compare,
    count: z.number().int().min(0),
  }),
  /** 新买家: no earlier order by this buyer identity in any shop. */
  z.object({ field: z.literal('new_buyer'), value: z.boolean() }),
  /** 名单: any identity of the order (or one subject) is on the list. */
  z.object({ field: z.literal('list'), list: z.enum(['black', 'white']), subject: z.union([riskSubject, z.literal('any')]) }),
  /** Text signals: a regex (case-insensitive), an exact value, or a substring. */
  z.object({
    field: z.literal('text'),
    subject: z.enum(['nick', 'phone', 'email', 'device', 'message']),
    op: z.enum(['matches', 'equals', 'contains']),
    value: z.string().min(1, '请填写要匹配的内容').max(200),
  }),
  z.object({ field: z.literal('ip'), op: z.enum(['in', 'not_in']), cidrs: z.array(z.string()).min(1, '请至少填写一个 IP 或网段') }),
  /** A signal the platform did not give (e.g. no phone): 独立站 gives most, 淘宝 gives almost none. */
  z.object({ field: z.literal('missing'), subject: z.enum(['phone', 'email', 'ip', 'device']) }),
]);
export type RiskCondition = z.infer<typeof riskCondition>;

/** Checks what zod cannot: regexes compile and CIDRs parse. Issues name the condition (第 N 个条件). */
function checkConditions(conditions: RiskCondition[], ctx: z.RefinementCtx): void {
  conditions.forEach((c, i) => {
    const where = `第 ${i + 1} 个条件`;
    if (c.field === 'text' && c.op === 'matches') {
      const p = compilePattern(c.value);
      if (!p.ok) ctx.addIssue({ code: 'custom', path: ['conditions', i, 'value'], message: `${where}：${p.reason}` });
    }
    if (c.field === 'ip') {
      c.cidrs.forEach((text, j) => {
        const r = parseCidr(text);
        if (!r.ok) ctx.addIssue({ code: 'custom', path: ['conditions', i, 'cidrs', j], message: `${where}：${r.reason}` });
      });
    }
    if (c.field === 'hour' && c.from === c.to) {
      ctx.addIssue({ code: 'custom', path: ['conditions', i, 'to'], message: `${where}：开始和结束时间不能相同` });
    }
  });
}

export const riskRuleDraft = z
  .object({
    name: z.string().trim().min(1, '请填写规则名称').max(60, '规则名称最多 60 个字'),
    enabled: z.boolean().default(true),
    /** observe: counted and shown, never holds an order (try a rule before trusting it). */
    mode: z.enum(['enforce', 'observe']).default('enforce'),
    action: riskAction,
    /** For `delay`; always cut short to end before the platform's shipping deadline. */
    delayMinutes: z.number().int().min(1).max(24 * 60).optional(),
    /** Added to the order's risk score when the rule matches (0–100 in total). */
    score: z.number().int().min(0).max(100).default(0),
    conditions: z.array(riskCondition).min(1, '规则至少需要一个条件').max(10, '一条规则最多 10 个条件'),
    note: z.string().max(200).optional(),
  })
  .superRefine((r, ctx) => {
    checkConditions(r.conditions, ctx);
    if (r.action === 'delay' && r.delayMinutes === undefined) {
      ctx.addIssue({ code: 'custom', path: ['delayMinutes'], message: '“延迟发货”需要填写延迟多少分钟' });
    }
  });
export type RiskRuleDraft = z.infer<typeof riskRuleDraft>;

export const riskRule = z.object({
  id: z.number().int(),
  position: z.number().int(),
  name: z.string(),
  enabled: z.boolean(),
  mode: z.enum(['enforce', 'observe']),
  action: riskAction,
  delayMinutes: z.number().int().optional(),
  score: z.number().int(),
  conditions: z.array(riskCondition),
  note: z.string().optional(),
  /** Shipped with KeyDesk (can be edited, disabled or restored, not lost). */
  builtIn: z.boolean(),
  updatedAt: z.number().int(),
});
export type RiskRule = z.infer<typeof riskRule>;
