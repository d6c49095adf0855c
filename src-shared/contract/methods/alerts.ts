// 提醒: group-bot webhooks (企业微信 / 钉钉 / 飞书), the alert settings (throttle window, desktop, which
// kinds), and the log of alerts with what each channel answered.
import { z } from 'zod';
import { method } from '../define.js';
import { alertKind } from '../events.js';

export const ALERT_CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
export const alertChannelKind = z.enum(ALERT_CHANNEL_KINDS);
export type AlertChannelKind = z.infer<typeof alertChannelKind>;

/** A group bot as the owner sees it: the webhook URL masked, the secret never. */
export const alertChannel = z.object({
  id: z.number().int(),
  kind: alertChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  urlMasked: z.string(),
  hasSecret: z.boolean(),
  /** Kinds this bot receives; empty = all. */
  kinds: z.array(alertKind),
  /** The URL points at the running sandbox's simulated bot. */
  sandbox: z.boolean(),
  lastSentAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type AlertChannel = z.infer<typeof alertChannel>;

/** http(s) and nothing else; the platform's own shape is checked by the core (it knows the sandbox URL). */
export const HTTP_URL = /^https?:\/\/[^\s/?#]+/i;
export const WEBHOOK_URL_NOT_HTTP = 'Webhook 地址必须以 http:// 或 https:// 开头';

/**
 * Create (no id) or update (id). On update a blank `url` / `secret` keeps the stored one;
 * `clearSecret` removes the 加签 secret.
 */
export const alertChannelInput = z
  .object({
    id: z.number().int().optional(),
    kind: alertChannelKind,
    // refine, not min/max: the host keeps a custom message only for custom issues.
    name: z.string().trim().refine((v) => v.length > 0, '请填写机器人名称').refine((v) => v.length <= 60, '机器人名称最多 60 个字符'),
    enabled: z.boolean().default(true),
    url: z
      .string()
      .trim()
      .max(1000, 'Webhook 地址太长（最多 1000 个字符）')
      .refine((v) => v === '' || HTTP_URL.test(v), WEBHOOK_URL_NOT_HTTP)
      .default(''),
    secret: z.string().trim().max(200, '加签密钥太长（最多 200 个字符）').default(''),
    clearSecret: z.boolean().default(false),
    kinds: z.array(alertKind).max(alertKind.options.length).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.id === undefined && v.url === '') ctx.addIssue({ code: 'custom', path: ['url'], message: 'Webhook 地址必须填写' });
  });
export type AlertChannelInput = z.input<typeof alertChannelInput>;

export const alertSettings = z.object({
  /** Alerts of one kind within this many minutes after the first go out as one grouped message. */
  throttleMinutes: z.number().int().refine((v) => v >= 1 && v <= 120, '提醒合并时间必须在 1 到 120 分钟之间'),
  /** Show OS notifications (desktop app only). */
  desktop: z.boolean(),
  /** Kinds that are sent at all; the others are only kept in the log. */
  kinds: z.array(alertKind),
});
export type AlertSettings = z.infer<typeof alertSettings>;

/** What one channel (or the desktop) did with one send. */
export const alertOutcome = z.object({
  channelId: z.number().int().nullable(),
  /** Bot name, or 桌面通知. */
  name: z.string(),
  ok: z.boolean(),
  /** The platform's answer in Chinese. */
  message: z.string(),
  at: z.number().int(),
  retried: z.boolean(),
});
export type AlertOutcome = z.infer<typeof alertOutcome>;

export const alertStatus = z.enum(['waiting', 'sent', 'muted', 'no_channel', 'expired']);
export type AlertStatus = z.infer<typeof alertStatus>;

export const alertEntry = z.object({
  id: z.number().int(),
  kind: alertKind,
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  createdAt: z.number().int(),
  sentAt: z.number().int().nullable(),
  status: alertStatus,
  /** How many alerts went out in the same message (1 = alone). */
  groupSize: z.number().int(),
  outcomes: z.array(alertOutcome),
});
export type AlertEntry = z.infer<typeof alertEntry>;

export const channelTestResult = z.object({
  ok: z.boolean(),
  /** The platform's answer in Chinese (成功, or why not and what to do). */
  message: z.string(),
  /** The platform's own error code, when it gave one. */
  code: z.number().int().nullable(),
  ms: z.number().int(),
});
export type ChannelTestResult = z.infer<typeof channelTestResult>;

export const alertsMethods = {
  'alerts.channels.list': method({ summary: '提醒机器人（企业微信 / 钉钉 / 飞书群机器人）', input: z.object({}), output: z.array(alertChannel) }),
  'alerts.channels.save': method({ summary: '添加或修改提醒机器人（地址和加签密钥加密保存）', input: alertChannelInput, output: alertChannel }),
  'alerts.channels.remove': method({ summary: '删除提醒机器人', input: z.object({ id: z.number().int() }), output: z.object({ removed: z.boolean() }) }),
  'alerts.channels.test': method({ summary: '立即向机器人发送一条测试消息，返回平台的回答', input: z.object({ id: z.number().int() }), output: channelTestResult }),
  'alerts.channels.sandboxBot': method({
    summary: '在沙箱里新建一个模拟群机器人，返回它的地址和加签密钥（试用）',
    input: z.object({ kind: alertChannelKind }),
    output: z.object({ url: z.string(), secret: z.string().nullable() }),
  }),
  'alerts.settings.get': method({ summary: '提醒设置（合并时间、桌面通知、提醒哪些事）', input: z.object({}), output: alertSettings }),
  'alerts.settings.update': method({ summary: '修改提醒设置', input: alertSettings.partial(), output: alertSettings }),
  'alerts.recent': method({
    summary: '最近的提醒及各机器人的发送结果',
    input: z.object({ kind: alertKind.optional(), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(alertEntry),
  }),
};
