import { z } from 'zod';
import { method } from '../define.js';
import { platform } from './shops.js';
import { riskAction, riskRule, riskRuleDraft, riskSubject } from '../../risk/rules.js';

export * from '../../risk/rules.js';

/** The decision stored on a held line (`order_lines.risk`) and shown in the queue. */
export const riskDecision = z.object({
  action: riskAction,
  score: z.number().int(),
  reasons: z.array(z.string()),
  ruleIds: z.array(z.number().int()).default([]),
  until: z.number().int().optional(),
});
export type RiskDecisionView = z.infer<typeof riskDecision>;

/** The signals an order carried, masked for the screen (never a full phone, email or device id). */
export const riskSignals = z.object({
  buyerMasked: z.string(),
  phoneMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
  ip: z.string().nullable(),
  deviceMasked: z.string().nullable(),
  riskFlags: z.array(z.string()),
  newBuyer: z.boolean(),
  /** Orders by the same buyer / IP / device in the last hour and day, this one included. */
  velocity: z.object({
    buyerHour: z.number().int(), buyerDay: z.number().int(),
    ipHour: z.number().int().nullable(), deviceHour: z.number().int().nullable(),
  }),
  /** Lists any identity of the order is on. */
  lists: z.array(z.object({ list: z.enum(['black', 'white']), subject: riskSubject })),
});
export type RiskSignalsView = z.infer<typeof riskSignals>;

export const verifyState = z.object({
  status: z.enum(['sent', 'passed', 'failed', 'expired', 'not_sent']),
  via: z.enum(['sms', 'site']).nullable(),
  /** Where the code went, masked (138****0000 / 独立站). */
  to: z.string().nullable(),
  sentAt: z.number().int().nullable(),
  expiresAt: z.number().int().nullable(),
  attemptsLeft: z.number().int(),
  sendsLeft: z.number().int(),
  lastError: z.string().nullable(),
});
export type VerifyStateView = z.infer<typeof verifyState>;

export const riskHold = z.object({
  lineId: z.number().int(),
  orderId: z.number().int(),
  shopId: z.number().int(),
  shopName: z.string(),
  platform,
  platformOrderId: z.string(),
  title: z.string(),
  productName: z.string().nullable(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  paidAt: z.number().int().nullable(),
  decision: riskDecision,
  status: z.enum(['open', 'approved', 'rejected', 'released', 'verified']),
  heldAt: z.number().int(),
  /** The platform's shipping deadline; every hold ends (release or alert) before it. */
  deadlineAt: z.number().int(),
  /** For delay holds: when it releases by itself. */
  releaseAt: z.number().int().nullable(),
  alertedAt: z.number().int().nullable(),
  decidedAt: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  signals: riskSignals,
  verify: verifyState.nullable(),
});
export type RiskHoldView = z.infer<typeof riskHold>;

export const listKind = z.enum(['black', 'white']);
export const listEntry = z.object({
  id: z.number().int(),
  list: listKind,
  subject: z.enum(['buyer', 'ip', 'device', 'phone', 'email']),
  /** Masked, except IPs and CIDR ranges (not personal enough to hide from the owner). */
  valueMasked: z.string(),
  note: z.string().nullable(),
  source: z.enum(['manual', 'import', 'order', 'auto']),
  createdAt: z.number().int(),
  expiresAt: z.number().int().nullable(),
  hits: z.number().int(),
});
export type ListEntryView = z.infer<typeof listEntry>;

export const backtestResult = z.object({
  days: z.number().int(),
  linesScanned: z.number().int(),
  matched: z.number().int(),
  matchedAmountFen: z.number().int(),
  /** Of the matched lines, how many were refunded later: the fraud a rule would have stopped. */
  matchedRefunded: z.number().int(),
  /** Refunded lines in the window the rule did not match. */
  missedRefunded: z.number().int(),
  byDay: z.array(z.object({ day: z.string(), matched: z.number().int() })),
  samples: z.array(z.object({
    lineId: z.number().int(), platformOrderId: z.string(), shopName: z.string(), buyerMasked: z.string(),
    amountFen: z.number().int(), paidAt: z.number().int(), refunded: z.boolean(),
  })),
  ms: z.number(),
});
export type BacktestResult = z.infer<typeof backtestResult>;

export const ruleStats = z.object({
  ruleId: z.number().int(),
  name: z.string(),
  action: riskAction,
  mode: z.enum(['enforce', 'observe']),
  hits: z.number().int(),
  /** Hits where this rule decided (first enforcing match). */
  decided: z.number().int(),
  byDay: z.array(z.object({ day: z.string(), hits: z.number().int() })),
});

export const smsSettings = z.object({
  enabled: z.boolean(),
  endpoint: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  /** Write-only: returned as a mask. Absent on save = keep the stored one. */
  accessKeySecret: z.string().optional(),
  secretSet: z.boolean().optional(),
  signName: z.string().nullable(),
  templateCode: z.string().nullable(),
});

export const riskSettings = z.object({
  otpTtlMinutes: z.number().int().min(1).max(60),
  otpMaxAttempts: z.number().int().min(1).max(10),
  otpMaxSends: z.number().int().min(1).max(10),
  /** Hours after payment the platform allows for shipping, per platform. */
  shipDeadlineHours: z.record(z.string(), z.number().int().min(1).max(24 * 15)),
  /** Alert this long before a hold reaches the deadline. */
  alertBeforeMinutes: z.number().int().min(5).max(24 * 60),
  /** Put the buyer on the blacklist when a refund comes after the keys were redeemed. */
  autoBlacklistRefundAfterRedeem: z.boolean(),
  sms: smsSettings,
});
export type RiskSettings = z.infer<typeof riskSettings>;

const lineRef = z.object({ lineId: z.number().int() });

export const riskMethods = {
  'risk.rules.list': method({ summary: '风控规则（按顺序）', input: z.object({}), output: z.object({ rules: z.array(riskRule) }) }),
  'risk.rules.save': method({
    summary: '新建或修改一条风控规则（写入审计）',
    input: z.object({ id: z.number().int().optional(), rule: riskRuleDraft }),
    output: riskRule,
  }),
  'risk.rules.delete': method({ summary: '删除一条风控规则', input: z.object({ id: z.number().int() }), output: z.object({ ok: z.literal(true) }) }),
  'risk.rules.reorder': method({
    summary: '调整规则顺序（从上到下，先命中先生效）',
    input: z.object({ ids: z.array(z.number().int()).min(1) }),
    output: z.object({ rules: z.array(riskRule) }),
  }),
  'risk.rules.restoreDefaults': method({ summary: '恢复内置规则（不删除自定义规则）', input: z.object({}), output: z.object({ rules: z.array(riskRule) }) }),
  'risk.rules.backtest': method({
    summary: '用过去 N 天的订单试跑一条规则，看它会拦下哪些',
    input: z.object({ rule: riskRuleDraft, days: z.number().int().min(1).max(90).default(30) }),
    output: backtestResult,
  }),
  'risk.stats': method({
    summary: '规则命中统计',
    input: z.object({ days: z.number().int().min(1).max(90).default(7) }),
    output: z.object({
      rules: z.array(ruleStats),
      byAction: z.record(z.string(), z.number().int()),
      openHolds: z.number().int(),
      screened: z.number().int(),
    }),
  }),

  'risk.holds.list': method({
    summary: '风控待处理订单（含原因和信号）',
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('open'), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ holds: z.array(riskHold), open: z.number().int() }),
  }),
  'risk.holds.approve': method({ summary: '放行：立即发货（写入审计）', input: lineRef.extend({ note: z.string().max(200).optional() }), output: riskHold }),
  'risk.holds.reject': method({
    summary: '拒绝：取消发货（写入审计；退款请在平台后台操作）',
    input: lineRef.extend({ reason: z.string().trim().min(1, '请填写拒绝原因').max(200) }),
    output: riskHold,
  }),
  'risk.holds.blacklist': method({
    summary: '拉黑买家并拒绝这单',
    input: lineRef.extend({ subjects: z.array(riskSubject).min(1, '请至少选择一项加入黑名单'), reason: z.string().trim().min(1).max(200) }),
    output: riskHold,
  }),
  'risk.verify.send': method({ summary: '发送（或重发）验证码', input: lineRef.extend({ via: z.enum(['sms', 'site']).optional() }), output: verifyState }),
  'risk.verify.submit': method({
    summary: '输入买家提供的验证码',
    input: lineRef.extend({ code: z.string().trim().regex(/^\d{4,8}$/, '验证码是 4–8 位数字') }),
    output: z.object({ passed: z.boolean(), verify: verifyState }),
  }),

  'risk.lists.list': method({
    summary: '黑名单 / 白名单',
    input: z.object({ list: listKind, subject: riskSubject.optional(), query: z.string().max(100).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ entries: z.array(listEntry), total: z.number().int() }),
  }),
  'risk.lists.add': method({
    summary: '加入名单（IP 可填网段，如 10.0.0.0/8）',
    input: z.object({ list: listKind, subject: riskSubject, value: z.string().trim().min(1, '请填写内容').max(200), note: z.string().max(200).optional(), expiresAt: z.number().int().optional() }),
    output: listEntry,
  }),
  'risk.lists.remove': method({ summary: '移出名单', input: z.object({ id: z.number().int() }), output: z.object({ ok: z.literal(true) }) }),
  'risk.lists.addFromOrder': method({
    summary: '把订单的买家 / IP / 设备 / 手机 / 邮箱一键加入名单',
    input: lineRef.extend({ list: listKind, subjects: z.array(riskSubject).min(1), note: z.string().max(200).optional() }),
    output: z.object({ added: z.array(listEntry), skipped: z.array(z.object({ subject: riskSubject, reason: z.string() })) }),
  }),
  'risk.lists.import': method({
    summary: '从表格导入名单（列：类型、内容、备注）',
    input: z.object({ list: listKind, uploadId: z.string().regex(/^[\w-]{8,64}$/) }),
    output: z.object({ added: z.number().int(), duplicates: z.number().int(), problems: z.array(z.object({ row: z.number().int(), reason: z.string() })) }),
  }),
  'risk.lists.export': method({
    summary: '导出名单为 Excel（明文，写入审计）',
    input: z.object({ list: listKind }),
    output: z.object({ downloadId: z.string(), fileName: z.string(), rows: z.number().int() }),
  }),

  'risk.settings.get': method({ summary: '风控设置（验证码、发货时限、短信网关）', input: z.object({}), output: riskSettings }),
  'risk.settings.update': method({ summary: '修改风控设置（写入审计）', input: riskSettings.partial(), output: riskSettings }),
  'risk.sms.test': method({ summary: '给一个手机号发送测试短信', input: z.object({ phone: z.string().trim().regex(/^1\d{10}$/, '请填写 11 位手机号') }), output: z.object({ ok: z.boolean(), message: z.string() }) }),
};
