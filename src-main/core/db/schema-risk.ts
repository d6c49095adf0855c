// Tables of 风控 (risk rules, lists, holds, one-time codes), 提醒 (alerts) and 备份 (backups).
// Re-exported from schema.ts so drizzle-kit and the typed db see one schema.
import { sqliteTable, text, integer, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders, orderLines } from './schema.js';

/**
 * The risk signals an order carried, one row per order, written at capture. Every identity is a blind
 * index (velocity counts and list checks are equality lookups); the values themselves are sealed
 * (AAD `signals:<orderId>`, JSON {id, nick, phone, email, ip, device, message}) for regex / CIDR rules
 * and the masked view in the risk screen.
 */
export const orderSignals = sqliteTable(
  'order_signals',
  {
    orderId: integer('order_id').primaryKey().references(() => orders.id),
    shopId: integer('shop_id').notNull(),
    platform: text('platform').notNull(),
    /** Paid time, else first-seen time: the moment velocity windows count from. */
    at: integer('at').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** Cross-shop buyer identity: phone, else email, else platform id, else nick. */
    buyerKey: blob('buyer_key', { mode: 'buffer' }),
    buyerIdIndex: blob('buyer_id_index', { mode: 'buffer' }),
    nickIndex: blob('nick_index', { mode: 'buffer' }),
    phoneIndex: blob('phone_index', { mode: 'buffer' }),
    emailIndex: blob('email_index', { mode: 'buffer' }),
    ipIndex: blob('ip_index', { mode: 'buffer' }),
    deviceIndex: blob('device_index', { mode: 'buffer' }),
    signalsSealed: blob('signals_sealed', { mode: 'buffer' }),
    phoneMasked: text('phone_masked'),
    emailMasked: text('email_masked'),
    deviceMasked: text('device_masked'),
    /** Province / region, where the channel gives one (独立站 `buyer.region`); coarse, kept plain. */
    region: text('region'),
  },
  (t) => [
    index('order_signals_buyer').on(t.buyerKey, t.at),
    index('order_signals_ip').on(t.ipIndex, t.at),
    index('order_signals_device').on(t.deviceIndex, t.at),
    index('order_signals_at').on(t.at),
  ],
);

/** 风控规则, evaluated by `position` ascending; first enforcing match decides. */
export const riskRules = sqliteTable('risk_rules', {
  id: integer('id').primaryKey(),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  mode: text('mode', { enum: ['enforce', 'observe'] }).notNull(),
  action: text('action', { enum: ['allow', 'review', 'verify', 'delay', 'block'] }).notNull(),
  delayMinutes: integer('delay_minutes'),
  score: integer('score').notNull().default(0),
  /** JSON array of RiskCondition (src-shared/risk/rules.ts), validated on every save. */
  conditions: text('conditions').notNull(),
  note: text('note'),
  /** Set on shipped rules (`buyer_velocity`…), so "restore defaults" re-adds only the missing ones. */
  builtInKey: text('built_in_key').unique(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** 黑名单 / 白名单. A value is a blind index (exact match) or, for IPs, a CIDR range in plain text. */
export const riskListEntries = sqliteTable(
  'risk_list_entries',
  {
    id: integer('id').primaryKey(),
    list: text('list', { enum: ['black', 'white'] }).notNull(),
    subject: text('subject', { enum: ['buyer', 'ip', 'device', 'phone', 'email'] }).notNull(),
    valueIndex: blob('value_index', { mode: 'buffer' }),
    cidr: text('cidr'),
    /** The value as entered, sealed (AAD `list:<id>`), for export. */
    valueSealed: blob('value_sealed', { mode: 'buffer' }).notNull(),
    valueMasked: text('value_masked').notNull(),
    note: text('note'),
    source: text('source', { enum: ['manual', 'import', 'order', 'auto'] }).notNull(),
    hits: integer('hits').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
  },
  (t) => [
    uniqueIndex('risk_list_value').on(t.list, t.subject, t.valueIndex),
    uniqueIndex('risk_list_cidr').on(t.list, t.cidr),
  ],
);

/** One row per rule that matched a line (enforcing or observed): rule statistics and backtest checks. */
export const riskHits = sqliteTable(
  'risk_hits',
  {
    id: integer('id').primaryKey(),
    ruleId: integer('rule_id').notNull(),
    lineId: integer('line_id').notNull(),
    at: integer('at').notNull(),
    action: text('action').notNull(),
    /** This rule decided the line (first enforcing match). */
    decided: integer('decided', { mode: 'boolean' }).notNull(),
    observed: integer('observed', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('risk_hits_at').on(t.at), index('risk_hits_rule').on(t.ruleId, t.at)],
);

/** A line the risk rules held: review, verify, delay or block, until the owner or the clock ends it. */
export const riskHolds = sqliteTable(
  'risk_holds',
  {
    lineId: integer('line_id').primaryKey().references(() => orderLines.id),
    action: text('action', { enum: ['review', 'verify', 'delay', 'block'] }).notNull(),
    /** The RiskDecision as JSON. */
    decision: text('decision').notNull(),
    status: text('status', { enum: ['open', 'approved', 'rejected', 'released', 'verified'] }).notNull(),
    heldAt: integer('held_at').notNull(),
    deadlineAt: integer('deadline_at').notNull(),
    releaseAt: integer('release_at'),
    alertedAt: integer('alerted_at'),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by'),
    note: text('note'),
  },
  (t) => [index('risk_holds_status').on(t.status, t.releaseAt), index('risk_holds_deadline').on(t.status, t.deadlineAt)],
);

/** 验证码: one per verify hold (resends reuse it with a new code). Only an HMAC of the code is stored. */
export const otpChallenges = sqliteTable(
  'otp_challenges',
  {
    id: integer('id').primaryKey(),
    lineId: integer('line_id').notNull().references(() => orderLines.id),
    via: text('via', { enum: ['sms', 'site'] }),
    toMasked: text('to_masked'),
    codeMac: text('code_mac'),
    status: text('status', { enum: ['not_sent', 'sent', 'passed', 'failed', 'expired'] }).notNull(),
    sentAt: integer('sent_at'),
    expiresAt: integer('expires_at'),
    attempts: integer('attempts').notNull().default(0),
    sends: integer('sends').notNull().default(0),
    /** Outbox id of the last send (SMS OutId / site callback id): a retried send is recognised. */
    sendRef: text('send_ref'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('otp_challenges_line').on(t.lineId)],
);

/** 提醒渠道: a group-bot webhook. Its URL and secret are sealed (AAD `alert-channel:<sealKey>`). */
export const alertChannels = sqliteTable('alert_channels', {
  id: integer('id').primaryKey(),
  kind: text('kind', { enum: ['wecom', 'dingtalk', 'feishu'] }).notNull(),
  name: text('name').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  configSealed: blob('config_sealed', { mode: 'buffer' }).notNull(),
  sealKey: text('seal_key').notNull().unique(),
  urlMasked: text('url_masked').notNull(),
  /** JSON array of alert kinds this channel receives; empty = all. */
  kinds: text('kinds').notNull().default('[]'),
  lastSentAt: integer('last_sent_at'),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Every alert raised; grouped and throttled into sends. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey(),
    kind: text('kind').notNull(),
    level: text('level', { enum: ['info', 'warning', 'error'] }).notNull(),
    message: text('message').notNull(),
    createdAt: integer('created_at').notNull(),
    /** When it went out (alone or in a group); null = waiting in the current group window. */
    sentAt: integer('sent_at'),
    /** Per-channel outcome of the send, JSON. */
    result: text('result'),
  },
  (t) => [index('alerts_created').on(t.createdAt), index('alerts_pending').on(t.sentAt, t.kind)],
);

/** 备份 history (the files themselves live in the chosen folder; rotation keeps the newest N). */
export const backups = sqliteTable(
  'backups',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: ['manual', 'scheduled'] }).notNull(),
    path: text('path').notNull(),
    bytes: integer('bytes'),
    keys: integer('keys'),
    auditSeq: integer('audit_seq'),
    auditMac: text('audit_mac'),
    status: text('status', { enum: ['running', 'done', 'failed', 'rotated'] }).notNull(),
    error: text('error'),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('backups_started').on(t.startedAt)],
);
